import type { ArticleRecord, ClaimRecord } from '../db/schema.ts';
import { validateClaimDetails, validateSelectorPair, validateStance, type ClaimDetails } from '../model.ts';
import { arr, literal, nullable, num, obj, optional, str, type Infer } from '../validate.ts';

/** Bumped whenever the export's shape changes; imports name the versions they read. */
export const EXPORT_FORMAT_VERSION = 1;
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** ClaimLens's own data rides along under this key, so a plain W3C consumer can ignore it and import loses nothing. */
const EXTENSION_KEY = 'claimlens';

export interface TextualBody {
  type: 'TextualBody';
  purpose: 'classifying' | 'tagging' | 'commenting';
  value: string;
}

export interface Annotation {
  id: string;
  type: 'Annotation';
  motivation: 'classifying' | 'tagging' | 'commenting';
  created: string;
  body: TextualBody[];
  target: { source: string; selector: ClaimRecord['selectors'] };
  [EXTENSION_KEY]: { kind: 'detected'; claim: ClaimDetails };
}

export interface AnnotationCollection {
  '@context': typeof CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  generated: string;
  generator: { type: 'Software'; name: 'ClaimLens' };
  total: number;
  items: Annotation[];
  [EXTENSION_KEY]: { formatVersion: number; articles: ArticleRecord[] };
}

export const annotationIri = (claimId: string) => `urn:claimlens:claim:${claimId}`;

export function toAnnotationCollection(
  articles: readonly ArticleRecord[],
  claims: readonly ClaimRecord[],
  now: Date,
): AnnotationCollection {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const items = claims.map((claim): Annotation => {
    const { id, articleId, selectors, stance, ...rest } = claim;
    return {
      id: annotationIri(id),
      type: 'Annotation',
      motivation: 'classifying',
      created: byId.get(articleId)?.firstSeen ?? now.toISOString(),
      body: [{ type: 'TextualBody', purpose: 'classifying', value: stance }],
      target: { source: byId.get(articleId)?.url ?? articleId, selector: selectors },
      [EXTENSION_KEY]: { kind: 'detected', claim: rest },
    };
  });
  return {
    '@context': CONTEXT,
    type: 'AnnotationCollection',
    label: 'ClaimLens export',
    generated: now.toISOString(),
    generator: { type: 'Software', name: 'ClaimLens' },
    total: items.length,
    items,
    [EXTENSION_KEY]: { formatVersion: EXPORT_FORMAT_VERSION, articles: [...articles] },
  };
}

const iso = str({ min: 1, max: 40, pattern: /^\d{4}-\d{2}-\d{2}T/ });
const url = str({ min: 8, max: 4_000, pattern: /^https?:\/\// });
const count = num({ integer: true, min: 0 });

const validateArticleRecord = obj({
  id: url,
  url,
  urls: arr(url, { max: 100 }),
  title: str({ max: 500 }),
  site: str({ max: 500 }),
  byline: nullable(str({ max: 500 })),
  published: nullable(str({ max: 40 })),
  lang: str({ max: 35 }),
  firstSeen: iso,
  lastSeen: iso,
  textLength: count,
  claimCount: count,
  stances: obj({ overcapacity: count, demand: count, neutral: count }),
});

const validateAnnotation = obj({
  id: str({ min: 1, max: 300, pattern: /^urn:claimlens:claim:[\w-]+$/ }),
  type: literal('Annotation'),
  motivation: literal('classifying'),
  created: iso,
  body: arr(obj({ type: literal('TextualBody'), purpose: literal('classifying'), value: validateStance }), {
    min: 1,
    max: 1,
  }),
  target: obj({ source: url, selector: validateSelectorPair }),
  claimlens: obj({ kind: literal('detected'), claim: validateClaimDetails }),
});

export const validateCollection = obj({
  '@context': literal(CONTEXT),
  type: literal('AnnotationCollection'),
  label: optional(str({ max: 500 })),
  generated: optional(iso),
  generator: optional(obj({ type: literal('Software'), name: literal('ClaimLens') })),
  total: optional(count),
  items: arr(validateAnnotation, { max: 1_000_000 }),
  claimlens: obj({
    formatVersion: literal(EXPORT_FORMAT_VERSION),
    articles: arr(validateArticleRecord, { max: 100_000 }),
  }),
});

export type ParsedCollection = Infer<typeof validateCollection>;
