/**
 * Approximate matching of a quote in a text: exact seeds vote for where the quote starts, then a banded edit
 * distance scores the few best places. Linear in the text for the seeds, quadratic only in the quote.
 */

/** Length of the exact chunks cut from the quote to find where it may have moved. */
const SEED_CHARS = 12;
/** How many of the best-voted places are scored with the edit distance. */
const MAX_CANDIDATES = 8;

export interface FuzzyMatch {
  start: number;
  end: number;
  /** 1 for identical text, 0 for nothing in common: 1 − edit distance ÷ quote length. */
  score: number;
}

/** The best approximate occurrence of `quote` in `text`, near `hint` when several are alike, or null. */
export function fuzzyFind(text: string, quote: string, hint: number, minScore: number): FuzzyMatch | null {
  if (quote.length === 0) return null;
  const votes = new Map<number, number>();
  const step = Math.max(1, Math.floor(SEED_CHARS / 2));
  for (let offset = 0; offset + SEED_CHARS <= quote.length || offset === 0; offset += step) {
    const seed = quote.slice(offset, offset + SEED_CHARS);
    for (let at = text.indexOf(seed); at >= 0; at = text.indexOf(seed, at + 1)) {
      // Nearby starts are one place: bucket by 8 characters so small shifts add up.
      const start = Math.max(0, at - offset);
      const bucket = start >> 3;
      votes.set(bucket, (votes.get(bucket) ?? 0) + 1);
    }
    if (offset + SEED_CHARS >= quote.length) break;
  }
  const candidates = [...votes]
    .sort((a, b) => b[1] - a[1] || Math.abs(a[0] * 8 - hint) - Math.abs(b[0] * 8 - hint))
    .slice(0, MAX_CANDIDATES)
    .map(([bucket]) => bucket * 8);
  // Without any seed in common, the stored position is the only place worth scoring.
  if (candidates.length === 0 && hint >= 0 && hint < text.length) candidates.push(hint);
  let best: FuzzyMatch | null = null;
  for (const start of candidates) {
    const match = alignNear(text, quote, start, minScore);
    if (match && (!best || match.score > best.score)) best = match;
  }
  return best;
}

/** The quote aligned to the text around `start` (allowing as many shifted characters as the score allows). */
export function alignNear(text: string, quote: string, start: number, minScore: number): FuzzyMatch | null {
  const slack = Math.ceil(quote.length * (1 - minScore)) + 8;
  const from = Math.max(0, start - slack);
  const to = Math.min(text.length, start + quote.length + slack);
  const match = alignInWindow(text, from, to, quote);
  return match && match.score >= minScore ? match : null;
}

/**
 * Semi-global alignment of `quote` inside `text[from, to)`: the quote must be used whole, the text may be
 * entered and left anywhere. Returns the best window and its score.
 */
function alignInWindow(text: string, from: number, to: number, quote: string): FuzzyMatch | null {
  const m = quote.length;
  const n = to - from;
  if (n <= 0) return null;
  // prev[j]: cost of aligning quote[0, i) ending at text position j; starts[j]: where that alignment began.
  let prev = new Uint32Array(n + 1);
  let prevStart = Int32Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Uint32Array(n + 1);
  let curStart = new Int32Array(n + 1);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    curStart[0] = 0;
    const q = quote.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const substitute = (prev[j - 1] ?? 0) + (text.charCodeAt(from + j - 1) === q ? 0 : 1);
      const deleteQuote = (prev[j] ?? 0) + 1;
      const insertText = (cur[j - 1] ?? 0) + 1;
      if (substitute <= deleteQuote && substitute <= insertText) {
        cur[j] = substitute;
        curStart[j] = prevStart[j - 1] ?? 0;
      } else if (deleteQuote <= insertText) {
        cur[j] = deleteQuote;
        curStart[j] = prevStart[j] ?? 0;
      } else {
        cur[j] = insertText;
        curStart[j] = curStart[j - 1] ?? 0;
      }
    }
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  let bestEnd = 0;
  for (let j = 1; j <= n; j++) if ((prev[j] ?? Infinity) < (prev[bestEnd] ?? Infinity)) bestEnd = j;
  const distance = prev[bestEnd] ?? m;
  return { start: from + (prevStart[bestEnd] ?? 0), end: from + bestEnd, score: 1 - distance / m };
}
