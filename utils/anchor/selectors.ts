import type { Span } from '../text/segment.ts';
import { codePointCounter, utf16Counter } from '../text/tokens.ts';

/** Context kept on each side of a quote: enough to tell repeated phrases apart, short enough to survive edits. */
export const QUOTE_CONTEXT_CHARS = 32;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** Offsets in Unicode code points into the article text, `end` exclusive, as the W3C model says. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

/** Describes spans of one text; pass a `codePointCounter(text)` when describing many spans of it. */
export function describeSpan(
  text: string,
  span: Span,
  codePoints: (utf16Offset: number) => number = codePointCounter(text),
): [TextQuoteSelector, TextPositionSelector] {
  const start = codePoints(span.start);
  const end = codePoints(span.end);
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(span.start, span.end),
      prefix: text.slice(Math.max(0, span.start - QUOTE_CONTEXT_CHARS), span.start),
      suffix: text.slice(span.end, span.end + QUOTE_CONTEXT_CHARS),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

/**
 * The UTF-16 span of a position selector in `text`, or null when the text is now shorter; pass a
 * `utf16Counter(text)` when reading many selectors against it.
 */
export function spanOfPosition(
  text: string,
  selector: TextPositionSelector,
  toUtf16: (points: number) => number = utf16Counter(text),
): Span | null {
  const start = toUtf16(selector.start);
  const end = toUtf16(selector.end);
  return start < 0 || end < start ? null : { start, end };
}
