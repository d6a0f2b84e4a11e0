import type { Span } from './segment.ts';

export interface Token extends Span {
  /** Lower-cased, typographic apostrophes folded to ASCII, a possessive 's dropped ("Meta's" → "meta"). */
  norm: string;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

/** Whether the code point at `i` is a letter or digit: ASCII by comparison, the rest by Unicode property. */
function isWordAt(text: string, i: number, letterOnly = false): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (!letterOnly && c >= 48 && c <= 57);
  const char = String.fromCodePoint(text.codePointAt(i) ?? c);
  return letterOnly ? LETTER.test(char) : WORD_CHAR.test(char);
}

/**
 * Words of `text[from, to)` with their offsets; punctuation and hyphens separate words, an apostrophe inside a
 * word does not ("isn't"). A hand-rolled scan: it runs over every word of every page, so a word's text is cut
 * once and lower-cased or folded only when it needs to be.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    if (!isWordAt(text, i)) {
      i++;
      continue;
    }
    const start = i;
    // Whether the word has anything toLowerCase could change, and a typographic apostrophe to fold.
    let cased = false;
    let curly = false;
    for (;;) {
      while (i < to) {
        const c = text.charCodeAt(i);
        if (c < 128) {
          if (c >= 97 && c <= 122) i++;
          else if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
            cased ||= c <= 90 && c >= 65;
            i++;
          } else break;
        } else if (isWordAt(text, i)) {
          cased = true;
          i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        } else break;
      }
      const c = text.charCodeAt(i);
      if ((c === 39 || c === 0x2019) && i + 1 < to && isWordAt(text, i + 1, true)) {
        curly ||= c === 0x2019;
        i++;
      } else break;
    }
    // A possessive ’s or 's ("Meta's") is dropped before the rest is read.
    const last = text.charCodeAt(i - 1);
    const apostrophe = text.charCodeAt(i - 2);
    const possessive =
      i - start > 2 && (last === 115 || last === 83) && (apostrophe === 39 || apostrophe === 0x2019);
    let norm = text.slice(start, possessive ? i - 2 : i);
    if (cased) norm = norm.toLowerCase();
    if (curly && norm.includes('’')) norm = norm.replace(/’/g, "'");
    tokens.push({ start, end: i, norm });
  }
  return tokens;
}

/**
 * A counter of code points (as the W3C selectors count) before any UTF-16 offset of `text`, built in one scan: each
 * call is then a binary search over the (usually absent) surrogate pairs, so describing hundreds of claims stays
 * linear.
 */
export function codePointCounter(text: string): (utf16Offset: number) => number {
  const pairs = surrogatePairs(text);
  if (pairs.length === 0) return (offset) => offset;
  return (offset) => {
    // Pairs that end at or before `offset` each count one code point for two units.
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[mid] ?? 0) + 2 <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - lo;
  };
}

/**
 * The inverse: the UTF-16 offset of the `points`-th code point of `text` (-1 past its end), built in one scan, so
 * re-anchoring hundreds of annotations on a long page does not walk the page's text once for each.
 */
export function utf16Counter(text: string): (points: number) => number {
  const pairs = surrogatePairs(text);
  return (points) => {
    // The k-th pair starts at code point pairs[k] - k; each pair before `points` adds one unit.
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[mid] ?? 0) - mid < points) lo = mid + 1;
      else hi = mid;
    }
    const offset = points + lo;
    return offset > text.length ? -1 : offset;
  };
}

/** The UTF-16 offsets at which a surrogate pair (one astral code point) starts. */
function surrogatePairs(text: string): number[] {
  const pairs: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) pairs.push(i++);
    }
  }
  return pairs;
}
