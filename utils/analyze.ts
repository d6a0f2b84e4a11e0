import { describeSpan, type TextPositionSelector, type TextQuoteSelector } from './anchor/selectors.ts';
import type { DetectedClaim, Detector } from './detect/detect.ts';
import { findMainContent } from './extract/main-content.ts';
import { readMetadata, type ArticleMeta } from './extract/metadata.ts';
import { TextMap } from './extract/text-map.ts';
import { splitSentences, type Span } from './text/segment.ts';
import { codePointCounter } from './text/tokens.ts';

export interface AnalyzedClaim extends DetectedClaim {
  selectors: [TextQuoteSelector, TextPositionSelector];
}

export type Extraction =
  { kind: 'article'; meta: ArticleMeta; map: TextMap } | { kind: 'not-article'; reason: string };

export type Analysis =
  | { kind: 'article'; meta: ArticleMeta; map: TextMap; claims: AnalyzedClaim[] }
  | { kind: 'not-article'; reason: string };

/** The page's part of the pipeline: the article's main content, what it says about itself, its text map. */
export function extractArticle(doc: Document, location: string): Extraction {
  const main = findMainContent(doc);
  if (!main.root) return { kind: 'not-article', reason: main.reason };
  return { kind: 'article', meta: readMetadata(doc, location), map: TextMap.build(main.root) };
}

/** The whole read-only pipeline on a document: extract → map → segment → detect → describe. */
export function analyzeDocument(doc: Document, location: string, detector: Detector): Analysis {
  const page = extractArticle(doc, location);
  if (page.kind !== 'article') return page;
  return { ...page, claims: detectInText(page.map.text, page.map.blocks, page.meta.lang, detector) };
}

/**
 * A claim as the background sends it to the page: the page holds the text, so neither the claim's words nor its
 * selectors cross between them (half the bytes of a reply); `describeClaims` restores them.
 */
export type FoundClaim = Omit<DetectedClaim, 'text'>;

/** The claims in the sentences of `blocks` of `text`, without their words (see `FoundClaim`). */
export function findClaims(
  text: string,
  blocks: readonly Span[],
  lang: string,
  detector: Detector,
  onTopic = false,
): FoundClaim[] {
  const sentences = blocks.flatMap((block) => splitSentences(text, lang, block.start, block.end));
  return detector.detect(text, sentences, onTopic).map(({ text: _words, ...claim }) => claim);
}

/** Found claims with their words and the selectors that anchor them in `text` (their fields in detection's order). */
export function describeClaims(text: string, claims: readonly FoundClaim[]): AnalyzedClaim[] {
  const codePoints = codePointCounter(text);
  return claims.map(({ start, end, ...rest }) => ({
    start,
    end,
    text: text.slice(start, end),
    ...rest,
    selectors: describeSpan(text, { start, end }, codePoints),
  }));
}

export function detectInText(
  text: string,
  blocks: readonly Span[],
  lang: string,
  detector: Detector,
  onTopic = false,
): AnalyzedClaim[] {
  return describeClaims(text, findClaims(text, blocks, lang, detector, onTopic));
}
