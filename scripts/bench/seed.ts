import type { Page } from 'playwright-core';
import { copyKeys } from '../../utils/compare/fingerprint.ts';
import type { ArticleRecord, ClaimRecord } from '../../utils/db/schema.ts';
import { STANCES } from '../../utils/detect/pack.ts';
import { searchWords } from '../../utils/text/search.ts';

export interface LibrarySize {
  articles: number;
  claimsPerArticle: number;
  sourcesPerStory: number;
}

export const LARGE_LIBRARY: LibrarySize = { articles: 10_000, claimsPerArticle: 20, sourcesPerStory: 10 };

/** A word found in one claim in ten thousand, and one found in about a third of them, for searches. */
export const RARE_WORD = 'zeppelin';
export const COMMON_WORD = 'capacity';

// A seeded generator: every run measures the same library.
let state = 12_345;
const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

const SUBJECTS = ['Meta', 'Microsoft', 'Alibaba', 'ByteDance', 'Tencent', 'Oracle', 'Nvidia', 'OpenAI'];
const VERBS = [
  'has more GPUs than it can use',
  'is raising capex',
  'faces idle capacity',
  'cannot get enough',
];
const THINGS = [
  'data-centre leases',
  'H100 rental prices',
  'the chip index',
  'inference demand',
  'cloud capex',
];
// Most words are rare, a few are everywhere: a Zipf-like spread, as in real text.
const VOCABULARY = Array.from({ length: 5_000 }, (_, i) => `term${i.toString(36)}`);
const rareish = () => VOCABULARY[Math.floor(VOCABULARY.length * random() ** 3)] ?? 'term';

function claimText(story: number, n: number): string {
  const extra = Array.from({ length: 4 }, rareish).join(' ');
  const rare = n % 10_000 === 0 ? ` ${RARE_WORD}` : '';
  return `${pick(SUBJECTS)} ${pick(VERBS)}, and ${pick(THINGS)} moved ${Math.floor(random() * 90) + 2}% in story ${story} (${extra}${rare}).`;
}

/**
 * Writes a large library into the extension's database, straight to IndexedDB from an extension page: the
 * benchmark stands in for months of reading (the product itself only writes through the background). Records
 * carry the index keys the schema derives, computed by the product's own functions. Articles come in stories
 * of `sourcesPerStory` outlets. Returns the URL of an article in the middle of the library.
 */
export async function seedLibrary(page: Page, size: LibrarySize = LARGE_LIBRARY): Promise<string> {
  const { articles, claimsPerArticle, sourcesPerStory } = size;
  const day = 86_400_000;
  let target = '';
  let n = 0;
  for (let from = 0; from < articles; from += 500) {
    const batch: ArticleRecord[] = [];
    const claims: ClaimRecord[] = [];
    for (let i = from; i < Math.min(articles, from + 500); i++) {
      const story = Math.floor(i / sourcesPerStory);
      const url = `https://outlet${i % sourcesPerStory}.example/story-${story}/${i}`;
      if (i === Math.floor(articles / 2)) target = url;
      const date = new Date(Date.UTC(2025, 0, 1) + story * day * 0.4).toISOString();
      const stances = { overcapacity: 0, demand: 0, neutral: 0 };
      let at = 0;
      for (let c = 0; c < claimsPerArticle; c++) {
        const stance = pick(STANCES);
        stances[stance]++;
        const text = claimText(story, n++);
        const entity = SUBJECTS.find((s) => text.startsWith(s)) ?? 'Meta';
        const span = { start: at, end: at + text.length };
        at = span.end + 1;
        const figure = {
          start: 0,
          end: 2,
          text: '6%',
          value: Math.floor(random() * 90) + 2,
          unit: 'percent' as const,
        };
        claims.push({
          id: `${i}-${c}`,
          articleId: url,
          text,
          ...span,
          stance,
          confidence: Math.round(random() * 100) / 100,
          cues: [],
          figures: [figure],
          entities: [entity],
          hedged: false,
          speaker: null,
          selectors: [
            { type: 'TextQuoteSelector', exact: text, prefix: '', suffix: '' },
            { type: 'TextPositionSelector', ...span },
          ],
          words: searchWords(text),
        });
      }
      const fingerprint = Array.from({ length: 150 }, () => Math.floor(random() * 2 ** 30) * 4).sort(
        (a, b) => a - b,
      );
      batch.push({
        id: url,
        url,
        urls: [url],
        title: `Story ${story} as told by outlet ${i % sourcesPerStory}`,
        site: `Outlet ${i % sourcesPerStory}`,
        byline: null,
        published: date,
        lang: 'en',
        firstSeen: date,
        lastSeen: date,
        textLength: at,
        claimCount: claimsPerArticle,
        stances,
        storyId: `https://outlet0.example/story-${story}/${story * sourcesPerStory}`,
        profile: { fingerprint, keywords: [`story${story}`], names: [pick(SUBJECTS)] },
        copyKeys: copyKeys(fingerprint),
      });
    }
    await writeStores(page, { articles: batch, claims });
  }
  return target;
}

/**
 * Puts records straight into the extension's IndexedDB from an extension page, in one transaction: benchmarks
 * stand in for months of reading (the product itself only writes through the background). The middleware that
 * derives index keys is bypassed: records carry the ones their benchmark needs.
 */
export async function writeStores(page: Page, stores: Record<string, object[]>): Promise<void> {
  // Sent as one JSON string: Playwright's own serialisation of large objects is many times slower.
  await page.evaluate(async (json) => {
    const byStore = JSON.parse(json) as Record<string, object[]>;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('claimlens');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(Object.keys(byStore), 'readwrite');
    for (const [store, records] of Object.entries(byStore))
      for (const record of records) tx.objectStore(store).put(record);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, JSON.stringify(stores));
}
