import type { Token } from '../text/tokens.ts';

/** Up to this many words may stand where a phrase says `...`: enough for "raised its 2026 capex". */
const MAX_GAP = 3;

export interface PhraseMatch<T> {
  entry: T;
  /** Index of the first and one past the last matched token. */
  first: number;
  last: number;
}

interface Node<T> {
  words: Map<string, Node<T>>;
  /** Prefix children, bucketed by their first two letters so a word only tries the few that can match. */
  prefixes: Map<number, { prefix: string; node: Node<T> }[]>;
  gap?: Node<T>;
  out: T[];
}

const newNode = <T>(): Node<T> => ({ words: new Map(), prefixes: new Map(), out: [] });

/** The bucket of a word or prefix: its first two UTF-16 units as one number (no string is made per word). */
const bucketOf = (word: string) => (word.charCodeAt(0) << 16) | (word.charCodeAt(1) || 0);

/** Splits a pack phrase into the words the tokenizer would produce (hyphens separate, apostrophes fold). */
export function phraseWords(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/[\s-]+/)
    .filter((w) => w.length > 0);
}

/**
 * A token trie over every phrase of every pack: one walk of the article's tokens finds all anchors, cues and
 * report phrases at once, however many there are.
 */
export class PhraseMatcher<T> {
  private readonly root = newNode<T>();

  add(phrase: string, entry: T): void {
    let node = this.root;
    for (const word of phraseWords(phrase)) {
      if (word === '...') {
        node.gap ??= newNode<T>();
        node = node.gap;
      } else if (word.endsWith('*')) {
        const prefix = word.slice(0, -1);
        const bucket = bucketOf(prefix);
        const list = node.prefixes.get(bucket) ?? [];
        let child = list.find((p) => p.prefix === prefix)?.node;
        if (!child) {
          child = newNode<T>();
          list.push({ prefix, node: child });
          node.prefixes.set(bucket, list);
        }
        node = child;
      } else {
        let child = node.words.get(word);
        if (!child) {
          child = newNode<T>();
          node.words.set(word, child);
        }
        node = child;
      }
    }
    node.out.push(entry);
  }

  /** All matches in `tokens`, each entry reported once per start (the shortest way it matched). */
  matchAll(tokens: readonly Token[]): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    for (let first = 0; first < tokens.length; first++) {
      const from = matches.length;
      this.walk(this.root, tokens, first, matches, from, false);
      // Shortest first, then in the order the walk found them (as a map keyed by entry would list them).
      for (let i = from; i < matches.length; i++) (matches[i] as PhraseMatch<T>).first = first;
    }
    return matches;
  }

  /** Adds to `matches` (from `from` on: those of this start) each entry that ends at `pos`, once, shortest kept. */
  private walk(
    node: Node<T>,
    tokens: readonly Token[],
    pos: number,
    matches: PhraseMatch<T>[],
    from: number,
    afterGap: boolean,
  ): void {
    if (!afterGap) {
      for (const entry of node.out) {
        let i = from;
        while (i < matches.length && (matches[i] as PhraseMatch<T>).entry !== entry) i++;
        const previous = matches[i];
        if (!previous) matches.push({ entry, first: 0, last: pos });
        else if (pos < previous.last) previous.last = pos;
      }
    }
    if (node.gap) {
      for (let skip = 0; skip <= MAX_GAP && pos + skip <= tokens.length; skip++) {
        this.walk(node.gap, tokens, pos + skip, matches, from, true);
      }
    }
    const token = tokens[pos];
    if (!token) return;
    const exact = node.words.get(token.norm);
    if (exact) this.walk(exact, tokens, pos + 1, matches, from, false);
    const bucket = node.prefixes.size > 0 ? node.prefixes.get(bucketOf(token.norm)) : undefined;
    if (bucket) {
      for (const { prefix, node: child } of bucket) {
        if (token.norm.startsWith(prefix)) this.walk(child, tokens, pos + 1, matches, from, false);
      }
    }
  }
}
