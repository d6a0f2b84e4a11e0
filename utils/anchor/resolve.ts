import type { Span } from '../text/segment.ts';
import { utf16Counter } from '../text/tokens.ts';
import { alignNear, fuzzyFind } from './fuzzy.ts';
import { spanOfPosition, type TextPositionSelector, type TextQuoteSelector } from './selectors.ts';

/** How a stored annotation was found again in the page as it is now. */
export type Anchoring =
  | { method: 'exact'; span: Span }
  | { method: 'position'; span: Span; score: number }
  | { method: 'fuzzy'; span: Span; score: number }
  | { method: 'orphan' };

/** Below this similarity to the stored quote, a place is not the annotated text: the annotation is an orphan. */
export const FUZZY_MIN_SCORE = 0.75;
/** A short quote with an edited word falls below that; if its stored context still fits, this much will do. */
const FUZZY_MIN_SCORE_IN_CONTEXT = 0.5;
const MIN_CONTEXT_SCORE = 0.75;

// How much each piece of evidence weighs when the exact quote occurs more than once (after hypothesis's
// match-quote): the quote itself decides; its context tells repeats apart; the old position breaks ties.
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/**
 * Finds an annotation again: the exact quote (the occurrence whose context and place fit best), else the text
 * at the stored position if it is still close to the quote, else the closest approximate match anywhere, every
 * candidate scored against the stored quote; what cannot be found is an orphan, never dropped.
 */
export function resolveSelectors(
  text: string,
  quote: TextQuoteSelector,
  position: TextPositionSelector,
  toUtf16: (points: number) => number = utf16Counter(text),
): Anchoring {
  const byPosition = spanOfPosition(text, position, toUtf16);
  // The usual case, a page unchanged around the annotation: the quote where it was, between the same words. No
  // other occurrence can fit better, so the text is not searched.
  if (
    byPosition &&
    text.startsWith(quote.exact, byPosition.start) &&
    text.endsWith(quote.prefix, byPosition.start) &&
    text.startsWith(quote.suffix, byPosition.start + quote.exact.length)
  )
    return { method: 'exact', span: { start: byPosition.start, end: byPosition.start + quote.exact.length } };
  const occurrences: number[] = [];
  for (let at = text.indexOf(quote.exact); at >= 0; at = text.indexOf(quote.exact, at + 1))
    occurrences.push(at);
  if (occurrences.length > 0) {
    const hint = byPosition?.start ?? 0;
    const scoreOf = (at: number) =>
      PREFIX_WEIGHT *
        contextScore(text.slice(Math.max(0, at - quote.prefix.length), at), quote.prefix, 'end') +
      SUFFIX_WEIGHT *
        contextScore(
          text.slice(at + quote.exact.length, at + quote.exact.length + quote.suffix.length),
          quote.suffix,
          'start',
        ) +
      POSITION_WEIGHT * (1 - Math.min(1, Math.abs(at - hint) / Math.max(text.length, 1)));
    const best = occurrences.reduce((a, b) => (scoreOf(b) > scoreOf(a) ? b : a));
    return { method: 'exact', span: { start: best, end: best + quote.exact.length } };
  }
  // The text where the annotation was, if it is still most of the quote (a word edited inside it).
  const near = byPosition ? alignNear(text, quote.exact, byPosition.start, FUZZY_MIN_SCORE) : null;
  if (near)
    return { method: 'position', span: { start: near.start, end: near.end }, score: round(near.score) };
  const fuzzy =
    fuzzyFind(text, quote.exact, byPosition?.start ?? 0, FUZZY_MIN_SCORE) ??
    fuzzyFind(text, quote.exact, byPosition?.start ?? 0, FUZZY_MIN_SCORE_IN_CONTEXT);
  if (fuzzy && (fuzzy.score >= FUZZY_MIN_SCORE || contextFits(text, fuzzy, quote)))
    return { method: 'fuzzy', span: { start: fuzzy.start, end: fuzzy.end }, score: round(fuzzy.score) };
  return { method: 'orphan' };
}

/** Whether the text around a weak match still reads like the stored prefix and suffix. */
function contextFits(text: string, span: Span, quote: TextQuoteSelector): boolean {
  const before = text.slice(Math.max(0, span.start - quote.prefix.length), span.start);
  const after = text.slice(span.end, span.end + quote.suffix.length);
  return (
    contextScore(before, quote.prefix, 'end') >= MIN_CONTEXT_SCORE &&
    contextScore(after, quote.suffix, 'start') >= MIN_CONTEXT_SCORE
  );
}

/** Share of characters that agree, aligned at the end (prefix) or start (suffix) that touches the quote. */
function contextScore(actual: string, expected: string, align: 'start' | 'end'): number {
  if (expected.length === 0) return 1;
  let same = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = align === 'end' ? actual[actual.length - 1 - i] : actual[i];
    const e = align === 'end' ? expected[expected.length - 1 - i] : expected[i];
    if (a === e) same++;
  }
  return same / expected.length;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
