import { FUNCTION_WORDS } from './stopwords.ts';
import { tokenize } from './tokens.ts';

/** Index keys per record are capped: a long note still indexes its first this-many distinct words. */
const MAX_WORDS = 200;
/** Search terms per query: more narrow nothing further and cost a scan each. */
const MAX_TERMS = 8;

/**
 * The words a record is found by: the distinct content words of its texts, lower-cased (a possessive dropped,
 * as tokenize does). Stored as a multi-entry index, they make "words starting with …" an index range.
 */
export function searchWords(...texts: readonly (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const token of tokenize(text)) {
      if (words.size >= MAX_WORDS) return [...words];
      if (!FUNCTION_WORDS.has(token.norm)) words.add(token.norm);
    }
  }
  return [...words];
}

/** The terms of a query the reader typed; each must begin one of a record's words. */
export function queryTerms(query: string): string[] {
  const terms = searchWords(query).slice(0, MAX_TERMS);
  // Longer terms usually narrow more: the search starts from the rarest (counted on the index), ties longest first.
  return terms.sort((a, b) => b.length - a.length);
}

/** Whether a record's words hold every term as the start of a word ("glut" finds "gluts", "glutted"). */
export function matchesTerms(words: readonly string[], terms: readonly string[]): boolean {
  return terms.every((term) => words.some((word) => word.startsWith(term)));
}
