import { fnv1a } from '../hash.ts';
import { tokenize } from '../text/tokens.ts';

/** Words per shingle: long enough that shared shingles mean shared sentences, not shared phrases. */
const SHINGLE_WORDS = 5;
/** Keep one shingle hash in this many (by value), so fingerprints stay small and comparable across articles. */
const SAMPLE_MODULUS = 4;
/** Fingerprints are capped: a very long page keeps its first this-many sampled hashes. */
const MAX_HASHES = 600;
/** Share of the shorter text's shingles found in the other text that makes it a (near-)copy. */
export const COPY_CONTAINMENT = 0.6;

/**
 * A text's fingerprint: the sampled hashes of its overlapping five-word shingles. Two articles that share
 * most of one's sentences (a syndicated copy with its own headline and extra paragraphs) share most hashes.
 */
export function fingerprint(text: string): number[] {
  const words = tokenize(text).map((t) => t.norm);
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length && hashes.size < MAX_HASHES; i++) {
    const hash = parseInt(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')), 16);
    if (hash % SAMPLE_MODULUS === 0) hashes.add(hash);
  }
  return [...hashes].sort((a, b) => a - b);
}

/** Share of the smaller fingerprint's hashes that the other holds (both sorted ascending). */
export function containment(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / Math.min(a.length, b.length);
}

export const isCopy = (a: readonly number[], b: readonly number[]) => containment(a, b) >= COPY_CONTAINMENT;

/** One fingerprint hash in this many (by value) is an index key: enough for a copy to share several. */
const COPY_KEY_MODULUS = 8;

/**
 * The hashes under which an article is indexed for copy lookup: a fixed subset of its fingerprint, so a copy,
 * which holds most of the original's hashes, shares most of these keys too, whatever its date.
 */
export function copyKeys(fingerprint: readonly number[]): number[] {
  return fingerprint.filter((hash) => hash % (SAMPLE_MODULUS * COPY_KEY_MODULUS) === 0);
}
