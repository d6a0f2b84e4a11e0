import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../lib/browser.ts';
import { summarise, type Summary } from './stats.ts';

export interface LibrarySize {
  articles: number;
  claimsPerArticle: number;
  sourcesPerStory: number;
}

export interface CompareResult {
  size: LibrarySize;
  seedMs: number;
  /** The popup's comparison query (`claimlens:compare`). */
  compare: Summary;
  /** From the popup's navigation to its first render with the comparison (`claimlens:popup-ready`). */
  ready: Summary;
  sourceRows: number;
}

/** tsx names the functions it compiles through a helper that pages do not have: give them one. */
export const withNames = (page: Page) => page.evaluate('globalThis.__name = (f) => f');

/**
 * Fills the extension's database with a large library, written straight to IndexedDB from an extension page
 * (the benchmark stands in for months of reading; the product itself only writes through the background).
 * Articles come in stories of `sourcesPerStory` outlets; claims share a vocabulary, figures and names, so
 * alignment has real work to do.
 */
async function seed(page: Page, size: LibrarySize): Promise<string> {
  await withNames(page);
  return page.evaluate(async ({ articles, claimsPerArticle, sourcesPerStory }) => {
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const subjects = ['Meta', 'Microsoft', 'Alibaba', 'ByteDance', 'Tencent', 'Oracle', 'Nvidia', 'OpenAI'];
    const verbs = [
      'has more GPUs than it can use',
      'is raising capex',
      'faces idle capacity',
      'cannot get enough compute',
    ];
    const things = [
      'data-centre leases',
      'H100 rental prices',
      'the chip index',
      'inference demand',
      'cloud capex',
    ];
    const stances = ['overcapacity', 'demand', 'neutral'] as const;
    const open = () =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('claimlens');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const db = await open();
    const put = (store: string, records: object[]) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction(store, 'readwrite');
        for (const record of records) tx.objectStore(store).put(record);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    const day = 86_400_000;
    let target = '';
    for (let from = 0; from < articles; from += 1_000) {
      const batch: object[] = [];
      const claims: object[] = [];
      for (let i = from; i < Math.min(articles, from + 1_000); i++) {
        const story = Math.floor(i / sourcesPerStory);
        const url = `https://outlet${i % sourcesPerStory}.example/story-${story}/${i}`;
        if (i === Math.floor(articles / 2)) target = url;
        const date = new Date(Date.UTC(2025, 0, 1) + story * day * 0.4).toISOString();
        const counts = { overcapacity: 0, demand: 0, neutral: 0 };
        let text = '';
        for (let c = 0; c < claimsPerArticle; c++) {
          const stance = pick(stances);
          counts[stance]++;
          const subject = pick(subjects);
          const sentence = `${subject} ${pick(verbs)}, and ${pick(things)} moved ${Math.floor(random() * 90) + 2}% in story ${story}.`;
          const start = text.length;
          text += `${sentence} `;
          claims.push({
            id: `${i}-${c}`,
            articleId: url,
            text: sentence,
            start,
            end: start + sentence.length,
            stance,
            confidence: 0.8,
            cues: [],
            figures: [{ start: 0, end: 3, text: '6%', value: Math.floor(random() * 90) + 2, unit: '%' }],
            entities: [subject],
            hedged: false,
            speaker: null,
            selectors: [
              { type: 'TextQuoteSelector', exact: sentence, prefix: '', suffix: '' },
              { type: 'TextPositionSelector', start, end: start + sentence.length },
            ],
          });
        }
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
          textLength: text.length,
          claimCount: claimsPerArticle,
          stances: counts,
          storyId: `https://outlet0.example/story-${story}/${story * sourcesPerStory}`,
          profile: {
            fingerprint: Array.from({ length: 150 }, () => Math.floor(random() * 2 ** 30) * 4),
            keywords: [`story${story}`, pick(subjects).toLowerCase()],
            names: [pick(subjects)],
          },
        });
      }
      await put('articles', batch);
      await put('claims', claims);
    }
    db.close();
    return target;
  }, size);
}

/** Times the popup's comparison for one article of a large stored library, on fresh popup loads. */
export async function benchCompare(
  browser: ExtensionBrowser,
  size: LibrarySize = { articles: 10_000, claimsPerArticle: 20, sourcesPerStory: 10 },
  runs = 9,
): Promise<CompareResult> {
  const page = await browser.context.newPage();
  // Opening an extension page creates the database at its current schema before it is filled.
  await page.goto(browser.extensionUrl('popup.html'));
  const seedStart = performance.now();
  const target = await seed(page, size);
  const seedMs = performance.now() - seedStart;
  const compare: number[] = [];
  const ready: number[] = [];
  let sourceRows = 0;
  for (let run = 0; run < runs + 1; run++) {
    await page.goto(browser.extensionUrl(`popup.html?url=${encodeURIComponent(target)}`));
    await page.waitForSelector('[data-testid="source-row"]');
    await withNames(page);
    const [c, r] = await page.evaluate(async () => {
      const measured = (name: string) => performance.getEntriesByName(name).at(0)?.duration ?? NaN;
      while (!performance.getEntriesByName('claimlens:popup-ready').length)
        await new Promise((resolve) => setTimeout(resolve, 5));
      return [measured('claimlens:compare'), measured('claimlens:popup-ready')];
    });
    sourceRows = await page.locator('[data-testid="source-row"]').count();
    if (run === 0) continue; // the first load warms the browser's caches up
    compare.push(c);
    ready.push(r);
  }
  await page.close();
  return { size, seedMs, compare: summarise(compare), ready: summarise(ready), sourceRows };
}
