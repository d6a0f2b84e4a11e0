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

export function detectInText(
  text: string,
  blocks: readonly Span[],
  lang: string,
  detector: Detector,
  onTopic = false,
): AnalyzedClaim[] {
  const sentences = blocks.flatMap((block) => splitSentences(text, lang, block.start, block.end));
  const codePoints = codePointCounter(text);
  return detector
    .detect(text, sentences, onTopic)
    .map((claim) => ({ ...claim, selectors: describeSpan(text, claim, codePoints) }));
}
