/** A half-open span [start, end) of UTF-16 offsets into some text. */
export interface Span {
  start: number;
  end: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

function sentenceSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    // An unknown or malformed page language must not break analysis: fall back to the root locale.
    try {
      segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    } catch {
      segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
    }
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

// A title's full stop never ends a sentence ("Mr. Zuckerberg"); other abbreviations' only do when a capital
// follows ("U.S. chips", "Corp. said" stay whole; "in the U.S. Shares fell" splits).
const TITLE = /\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|St)\.\s*$/;
const ABBREVIATION =
  /(?:\b(?:[A-Z]\.){1,3}|\b(?:Inc|Corp|Ltd|Co|vs|approx|est|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)\s*$/;

/**
 * Sentences of `text` between `from` and `to`, trimmed of surrounding white space, language-aware through
 * Intl.Segmenter. Splits the segmenter makes after a common abbreviation are joined back.
 */
export function splitSentences(text: string, locale = 'en', from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let pendingStart = -1;
  for (const { index, segment } of sentenceSegmenter(locale).segment(text.slice(from, to))) {
    const start = from + index;
    const end = start + segment.length;
    if (pendingStart < 0) pendingStart = start;
    if (end < to && continues(segment, text.slice(end, end + 3))) continue;
    const trimmed = trim(text, pendingStart, end);
    if (trimmed) spans.push(trimmed);
    pendingStart = -1;
  }
  if (pendingStart >= 0) {
    const trimmed = trim(text, pendingStart, to);
    if (trimmed) spans.push(trimmed);
  }
  return spans;
}

function continues(segment: string, next: string): boolean {
  const tail = segment.trimEnd();
  return TITLE.test(tail) || (ABBREVIATION.test(tail) && /^\s*[a-z0-9$]/.test(next));
}

function trim(text: string, start: number, end: number): Span | null {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start < end ? { start, end } : null;
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    code === 10 ||
    code === 9 ||
    code === 13 ||
    code === 160 ||
    code === 0x2009 ||
    code === 0x200b
  );
}
