import type { Span } from '../text/segment.ts';
import { codePointCounter, fromCodePointOffset } from '../text/tokens.ts';

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

/** The UTF-16 span of a position selector in `text`, or null when the text is now shorter. */
export function spanOfPosition(text: string, selector: TextPositionSelector): Span | null {
  const start = fromCodePointOffset(text, selector.start);
  if (start < 0) return null;
  const length = fromCodePointOffset(text.slice(start), selector.end - selector.start);
  return length < 0 ? null : { start, end: start + length };
}
