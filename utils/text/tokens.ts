import type { Span } from './segment.ts';

export interface Token extends Span {
  /** Lower-cased, typographic apostrophes folded to ASCII, a possessive 's dropped ("Meta's" → "meta"). */
  norm: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Words of `text[from, to)` with their offsets; punctuation and hyphens separate words. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) {
    const end = m.index + m[0].length;
    if (end > to) break;
    const norm = m[0].toLowerCase().replace(/’/g, "'");
    tokens.push({ start: m.index, end, norm: norm.endsWith("'s") ? norm.slice(0, -2) : norm });
  }
  return tokens;
}

/** Offsets in UTF-16 code units to offsets in Unicode code points, as the W3C selectors count. */
export function toCodePointOffset(text: string, utf16Offset: number): number {
  let points = 0;
  for (let i = 0; i < utf16Offset; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < utf16Offset) i++;
    points++;
  }
  return points;
}

/** The inverse of toCodePointOffset; -1 when the text has fewer code points. */
export function fromCodePointOffset(text: string, points: number): number {
  let i = 0;
  for (let p = 0; p < points; p++) {
    if (i >= text.length) return -1;
    const code = text.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return i;
}
