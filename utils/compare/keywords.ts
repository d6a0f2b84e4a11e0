import { FUNCTION_WORDS } from '../text/stopwords.ts';
import { tokenize } from '../text/tokens.ts';

/** How many of an article's most frequent content words describe what it is about. */
const KEYWORDS = 30;

// Words too common in news to tell one story from another.
// prettier-ignore
const STOP = new Set([
  ...FUNCTION_WORDS,
  'most', 'less', 'before', 'one', 'two', 'new', 'year', 'years', 'many', 'much', 'when', 'while', 'we', 'our', 'you',
  'your', 'he', 'she', 'his', 'her', 'i', 'my', 'just', 'out', 'up', 'down', 'how', 'because', 'then', 'very', 'like',
  'per', 'cent', 'percent', 'where', 'whether', 'both', 'each', 'own', 'same', 'yet', 'week', 'day', 'wednesday',
  'thursday', 'monday', 'tuesday', 'friday', 'company', 'companies', 'market', 'markets', 'investors', 'analysts',
]);

/** The article's most frequent content words (three letters or more, numbers kept), most frequent first. */
export function keywords(text: string): string[] {
  const counts = new Map<string, number>();
  for (const { norm } of tokenize(text)) {
    if (norm.length < 3 || STOP.has(norm)) continue;
    counts.set(norm, (counts.get(norm) ?? 0) + 1);
  }
  return mostFrequent(counts, KEYWORDS);
}

/** Overlap of two keyword lists (Jaccard): how far two articles are about the same things. */
export function keywordOverlap(a: readonly string[], b: readonly string[]): number {
  const both = shared(a, b);
  return both === 0 ? 0 : both / (a.length + b.length - both);
}

/** How many of an article's most mentioned names describe who and what its story is about. */
const NAMES = 15;
const NAME = /(?<![.!?:]\s|^|\n)\b(\p{Lu}[\p{L}\p{N}-]+(?:\s\p{Lu}[\p{L}\p{N}-]+)*)/gmu;

/** The names an article mentions most (capitalised words and runs of them, not at a sentence's start). */
export function namesOf(text: string): string[] {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(NAME)) {
    const name = (match[1] ?? '').toLowerCase();
    if (name.length > 2 && !STOP.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return mostFrequent(counts, NAMES);
}

/** Share of the shorter name list found in the other: two reports of one event name the same actors. */
export function nameOverlap(a: readonly string[], b: readonly string[]): number {
  const both = shared(a, b);
  return both === 0 ? 0 : both / Math.min(a.length, b.length);
}

/** The `limit` most frequent entries, ties in alphabetical order so the result never depends on input order. */
function mostFrequent(counts: ReadonlyMap<string, number>, limit: number): string[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([word]) => word);
}

function shared(a: readonly string[], b: readonly string[]): number {
  const set = new Set(a);
  return b.filter((w) => set.has(w)).length;
}
