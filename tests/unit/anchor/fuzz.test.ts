import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSelectors } from '../../../utils/anchor/resolve.ts';
import { describeSpan } from '../../../utils/anchor/selectors.ts';

/** A small seeded generator, so every run fuzzes the same edits. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

const ARTICLES = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../demo/newsroom/catalog.json'), 'utf8'),
) as { claims: { text: string }[] }[];
// Distinct sentences only: the catalog holds a syndicated copy, and a quote that truly occurs twice is ambiguous.
const TEXT = [...new Set(ARTICLES.flatMap((a) => a.claims.map((c) => c.text)))].slice(0, 120).join('\n\n');
const WORDS = TEXT.split(/\s+/);

type Edit = (before: string, quote: string, after: string, rand: () => number) => [string, string, string];

const pick = <T>(list: readonly T[], rand: () => number): T => list[Math.floor(rand() * list.length)] as T;
const insertParagraph: Edit = (b, q, a, rand) =>
  rand() < 0.5
    ? [`${b}${pick(WORDS, rand)} and a new paragraph here.\n\n`, q, a]
    : [b, q, `\n\nAn added paragraph.${a}`];
const deleteWordOutside: Edit = (b, q, a) => [b.replace(/\s\S+\s/, ' '), q, a.replace(/\s\S+\s/, ' ')];
const changeWordInside: Edit = (b, q, a, rand) => {
  const words = q.split(' ');
  if (words.length < 6) return [b, q, a];
  words[1 + Math.floor(rand() * (words.length - 2))] = pick(WORDS, rand);
  return [b, words.join(' '), a];
};
const insertWordInside: Edit = (b, q, a, rand) => {
  const words = q.split(' ');
  words.splice(1 + Math.floor(rand() * (words.length - 1)), 0, pick(WORDS, rand));
  return [b, words.join(' '), a];
};
const EDITS = { insertParagraph, deleteWordOutside, changeWordInside, insertWordInside };

describe('re-anchoring under random edits', () => {
  it('re-anchors at least 97% of 600 annotations after random page edits, on the right text', () => {
    const rand = random(20260715);
    let anchored = 0;
    let runs = 0;
    let worst = 1;
    let overlapSum = 0;
    const byMethod: Record<string, number> = {};
    for (let i = 0; i < 600; i++) {
      const start = Math.floor(rand() * (TEXT.length - 200));
      const length = 20 + Math.floor(rand() * 160);
      const [quote, position] = describeSpan(TEXT, { start, end: start + length });
      let parts: [string, string, string] = [TEXT.slice(0, start), quote.exact, TEXT.slice(start + length)];
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) parts = pick(Object.values(EDITS), rand)(...parts, rand);
      const edited = parts.join('');
      const truth = { start: parts[0].length, end: parts[0].length + parts[1].length };
      const found = resolveSelectors(edited, quote, position);
      runs++;
      byMethod[found.method] = (byMethod[found.method] ?? 0) + 1;
      if (found.method === 'orphan') continue;
      const overlap = Math.min(found.span.end, truth.end) - Math.max(found.span.start, truth.start);
      const share = overlap / (truth.end - truth.start);
      worst = Math.min(worst, share);
      overlapSum += Math.max(0, share);
      // On the right place: most of the (edited) quote is covered; edges may shift by an edited word.
      if (share >= 0.5) anchored++;
    }
    const rate = anchored / runs;
    const meanOverlap = overlapSum / Math.max(1, runs - (byMethod.orphan ?? 0));
    console.log(
      `fuzzed re-anchoring: ${anchored}/${runs} (${(rate * 100).toFixed(1)}%) on the right text, mean overlap ` +
        `${meanOverlap.toFixed(3)}, worst ${worst.toFixed(2)}, by method ${JSON.stringify(byMethod)}`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.97);
  });
});
