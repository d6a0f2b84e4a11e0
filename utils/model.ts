import { arr, bool, literal, nullable, num, obj, str, type Infer, type Result } from './validate.ts';
import { STANCES } from './detect/pack.ts';

// The shapes that cross a boundary (page → background, file → database), each with its validator: the
// type is inferred from the validator, so the two cannot drift apart.

const MAX_CLAIMS_PER_ARTICLE = 5_000;
const MAX_QUOTE_CHARS = 5_000;
const offset = num({ integer: true, min: 0, max: 50_000_000 });

export const validateStance = literal(...STANCES);

export const validateQuoteSelector = obj({
  type: literal('TextQuoteSelector'),
  exact: str({ min: 1, max: MAX_QUOTE_CHARS }),
  prefix: str({ max: 200 }),
  suffix: str({ max: 200 }),
});

export const validatePositionSelector = obj({
  type: literal('TextPositionSelector'),
  start: offset,
  end: offset,
});

export const validateCueHit = obj({
  phrase: str({ min: 1, max: 300 }),
  key: str({ min: 1, max: 300 }),
  stance: validateStance,
  weight: num({ min: 0, max: 10 }),
  negated: bool,
  start: offset,
  end: offset,
});

export const validateFigure = obj({
  text: str({ min: 1, max: 100 }),
  value: num(),
  unit: literal('percent', 'usd', 'yuan', 'gw', 'mw', 'gpu-hours', 'gpus', 'count'),
  start: offset,
  end: offset,
});

/** A quote and a position, in that order: how every claim and annotation points into its article. */
export function validateSelectorPair(input: unknown, path = ''): Result<[QuoteSelector, PositionSelector]> {
  if (!Array.isArray(input) || input.length !== 2)
    return {
      ok: false,
      error: `${path || 'selector'}: expected a TextQuoteSelector and a TextPositionSelector`,
    };
  const quote = validateQuoteSelector(input[0], `${path}[0]`);
  if (!quote.ok) return quote;
  const position = validatePositionSelector(input[1], `${path}[1]`);
  if (!position.ok) return position;
  if (position.value.end < position.value.start)
    return { ok: false, error: `${path}[1]: end comes before start` };
  return { ok: true, value: [quote.value, position.value] };
}

/** What the detector says of a claim besides its stance and where it is. */
const claimDetails = {
  text: str({ min: 1, max: MAX_QUOTE_CHARS }),
  start: offset,
  end: offset,
  confidence: num({ min: 0, max: 1 }),
  cues: arr(validateCueHit, { max: 200 }),
  figures: arr(validateFigure, { max: 200 }),
  entities: arr(str({ min: 1, max: 80 }), { max: 200 }),
  hedged: bool,
  speaker: nullable(str({ min: 1, max: 200 })),
};

export const validateClaimDetails = obj(claimDetails);
export const validateClaim = obj({
  ...claimDetails,
  stance: validateStance,
  selectors: validateSelectorPair,
});

const tagId = str({ min: 1, max: 40, pattern: /^[a-z0-9][a-z0-9-]*$/ });

/** A reader's annotation as the page sends it: where it is, and what the reader said about it. */
export const validateAnnotationInput = obj({
  selectors: validateSelectorPair,
  tags: arr(tagId, { max: 50 }),
  note: nullable(str({ max: 10_000 })),
  stance: nullable(validateStance),
});

export const validateArticleMeta = obj({
  url: str({ min: 8, max: 4_000, pattern: /^https?:\/\// }),
  location: str({ min: 8, max: 4_000, pattern: /^https?:\/\// }),
  title: str({ max: 500 }),
  site: str({ max: 500 }),
  byline: nullable(str({ max: 500 })),
  published: nullable(str({ max: 40 })),
  lang: str({ max: 35 }),
});

const word = str({ min: 1, max: 200 });

/** The article's text profile (see utils/compare/profile.ts): how sources are compared. */
export const validateTextProfile = obj({
  fingerprint: arr(num({ integer: true, min: 0, max: 0xffffffff }), { max: 600 }),
  keywords: arr(word, { max: 50 }),
  names: arr(word, { max: 50 }),
});

export const validateArticleAnalysis = obj({
  meta: validateArticleMeta,
  textLength: offset,
  claims: arr(validateClaim, { max: MAX_CLAIMS_PER_ARTICLE }),
  profile: validateTextProfile,
});

export type QuoteSelector = Infer<typeof validateQuoteSelector>;
export type PositionSelector = Infer<typeof validatePositionSelector>;
export type ClaimDetails = Infer<typeof validateClaimDetails>;
export type ClaimPayload = Infer<typeof validateClaim>;
export type AnnotationInput = Infer<typeof validateAnnotationInput>;
export type ArticleAnalysis = Infer<typeof validateArticleAnalysis>;
