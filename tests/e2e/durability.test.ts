import { beforeAll, describe, expect, it } from 'vitest';
import {
  activeBadgeText,
  BROWSER,
  catalog,
  openAnalyzed,
  useHarness,
  type CatalogEntry,
  type TestPage,
} from './harness.ts';

const harness = useHarness();
let dashboard: TestPage;
let article: TestPage;

const [ARTICLE, NEXT_ARTICLE] = catalog.filter((entry) => entry.kind === 'article') as [
  CatalogEntry,
  CatalogEntry,
];
/** The reader is told the storage is full, in words (utils/db/errors.ts), not as a DOMException. */
const STORAGE_FULL = /no room left for ClaimLens’s library, so none of this was saved/;

/** Every record of every store, read in the dashboard (an extension page shares the background's IndexedDB). */
function dump(): Promise<Record<string, unknown[]>> {
  return dashboard.evaluate(async () => {
    const request = indexedDB.open('claimlens');
    const db = await new Promise<IDBDatabase>((done, fail) => {
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const stores = [...db.objectStoreNames];
    const tx = db.transaction(stores);
    const all = await Promise.all(
      stores.map(
        (name) =>
          new Promise<[string, unknown[]]>((done) => {
            const r = tx.objectStore(name).getAll();
            r.onsuccess = () => done([name, r.result]);
          }),
      ),
    );
    db.close();
    return Object.fromEntries(all);
  });
}

/** How many records the library tables hold. */
async function counts(): Promise<{ articles: number; annotations: number; claims: number }> {
  const all = await dump();
  const count = (name: string) => all[name]?.length ?? 0;
  return { articles: count('articles'), annotations: count('annotations'), claims: count('claims') };
}

/**
 * Sets the extension's storage quota to what it uses now plus `room` bytes (null: the browser's own quota).
 * Chromium's IndexedDB keeps a figure of the room left and asks the quota manager again only when a write needs
 * more than that figure: a write too large for `room` (it fails, storing nothing) makes it ask now.
 */
async function leaveRoom(room: number | null): Promise<void> {
  const { quota } = harness().browser;
  if (!quota) throw new Error(`${BROWSER} cannot change the extension's quota`);
  if (room === null) {
    await quota.set(null);
    return;
  }
  await quota.set((await quota.usage()) + room);
  const probe = await dashboard.evaluate(
    async (text) => {
      const request = indexedDB.open('claimlens');
      const db = await new Promise<IDBDatabase>((done) => (request.onsuccess = () => done(request.result)));
      const tx = db.transaction('settings', 'readwrite');
      tx.objectStore('settings').put({ key: 'quota-probe', value: text });
      const outcome = await new Promise<string>((done) => {
        tx.oncomplete = () => done('stored');
        tx.onabort = () => done(tx.error?.name ?? 'aborted');
      });
      db.close();
      return outcome;
    },
    noise(3 * room + 2_000_000),
  );
  expect(probe).toBe('QuotaExceededError');
}

/** Text that compresses little (IndexedDB compresses what it stores, to about two thirds of this). */
const noise = (length: number) =>
  Array.from({ length: Math.ceil(length / 10) }, () => Math.random().toString(36).slice(2, 12))
    .join('')
    .slice(0, length);

/**
 * A Hypothesis export named `name`: `count` annotations with notes from `noteOf`, spread over `pages` pages it
 * adds (ids and pages of its own, so it only adds and goes straight in, without a preview).
 */
function hypothesisFile(name: string, count: number, pages: number, noteOf: (i: number) => string): Buffer {
  const rows = Array.from({ length: count }, (_, i) => {
    const source = `https://imported.example/${name}/${i % pages}`;
    return {
      id: `${name}-${i}`,
      created: '2026-07-01T09:00:00.000000+00:00',
      updated: '2026-07-01T09:00:00.000000+00:00',
      uri: source,
      text: noteOf(i),
      tags: ['AI capex'],
      target: [
        {
          source,
          selector: [
            { type: 'TextPositionSelector', start: i, end: i + 30 },
            { type: 'TextQuoteSelector', exact: `rental prices fell ${i}`, prefix: '', suffix: '' },
          ],
        },
      ],
      document: { title: [`Imported page ${i % pages}`] },
    };
  });
  return Buffer.from(JSON.stringify({ total: count, rows }));
}

const choose = (name: string, buffer: Buffer) =>
  dashboard.testId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer });
const importResult = () => dashboard.testId('import-result');

beforeAll(async () => {
  dashboard = await harness().browser.openExtensionPage('dashboard.html');
  // Before anything is written: IndexedDB's first write takes the room left from the quota in force then.
  if (BROWSER === 'chromium') await leaveRoom(2_000_000);
});

it('starts from a stored article', async () => {
  article = await harness().browser.newPage();
  await openAnalyzed(article, `${harness().newsroom.url}${ARTICLE.path.slice(1)}`);
  await expect.poll(() => dashboard.testId('article-count').textContent()).toBe('1');
});

// Chromium only: its DevTools protocol shrinks one origin's quota while the browser runs; Firefox has no such
// control (its only one, dom.quotaManager.temporaryStorage.fixedLimit, is read at startup for all origins).
describe.runIf(BROWSER === 'chromium')('storage quota exhausted', () => {
  it('refuses a large import with a clear message and stores none of it', async () => {
    const before = await dump();
    // 3 MB of notes on 50 new pages; room for the pages' records, not for the notes.
    try {
      await leaveRoom(300_000);
      await choose(
        'big.json',
        hypothesisFile('big', 1_000, 50, () => noise(3_000)),
      );
      await expect.poll(() => importResult().textContent(), { timeout: 20_000 }).not.toMatch(/…$/);
      expect(await importResult().getAttribute('role')).toBe('alert');
      expect(await importResult().textContent()).toMatch(/^Nothing was imported\. /);
      expect(await importResult().textContent()).toMatch(STORAGE_FULL);
      expect(await dump()).toEqual(before);
    } finally {
      await leaveRoom(null);
    }
  });

  it('keeps the stored analysis whole when storing a new pass finds no room, and marks the tab', async () => {
    const before = await dump();
    const warnings: string[] = [];
    article.onConsole((type, text) => {
      if (type === 'warning') warnings.push(text);
    });
    try {
      await leaveRoom(0);
      // Read again: the article is stored anew (last seen, claims replaced), or not at all.
      await openAnalyzed(article, article.url());
      await expect.poll(() => activeBadgeText(harness(), article)).toBe('!');
      expect(await dump()).toEqual(before);
      await expect.poll(() => warnings.join('\n')).toMatch(STORAGE_FULL);
    } finally {
      await leaveRoom(null);
    }
    await openAnalyzed(article, article.url());
    await expect.poll(() => activeBadgeText(harness(), article)).toBe(String(ARTICLE.claims.length));
  });
});

// Chromium stops its service worker; Firefox reloads its MV2 background page, the nearest it has.
describe('the background stopped in the middle of a write', () => {
  const ANNOTATIONS = 10_000;
  const PAGES = 200;
  const file = hypothesisFile('many', ANNOTATIONS, PAGES, (i) => `Imported note ${i}`);
  let initial: Awaited<ReturnType<typeof counts>>;

  /**
   * Waits until the background holds a write transaction on the annotations (a read of that store then waits
   * behind it), and stops the background.
   */
  async function stopWorkerWhileWriting(): Promise<void> {
    // The dashboard has read and checked the file, and sends it: from now on its page is idle.
    await expect.poll(() => importResult().textContent(), { timeout: 20_000 }).toBe('Importing…');
    await dashboard.evaluate(async () => {
      const request = indexedDB.open('claimlens');
      const db = await new Promise<IDBDatabase>((done) => (request.onsuccess = () => done(request.result)));
      const readWaits = () =>
        new Promise<boolean>((done) => {
          const r = db.transaction('annotations').objectStore('annotations').count();
          r.onsuccess = () => done(false);
          setTimeout(() => done(true), 50);
        });
      const deadline = Date.now() + 30_000;
      while (!(await readWaits()))
        if (Date.now() > deadline) throw new Error('the import never started writing');
      db.close();
    });
    await harness().browser.stopBackground();
  }

  it('leaves all of an import or none of it, and the dashboard says it was interrupted', async () => {
    const before = await counts();
    initial = before;
    await choose('many.json', file);
    await stopWorkerWhileWriting();
    await expect
      .poll(() => importResult().textContent(), { timeout: 20_000 })
      .toMatch(/^The import was interrupted/);
    expect(await importResult().getAttribute('role')).toBe('alert');
    const after = await counts();
    // One transaction: nothing of it, or all of it (never some annotations, or pages without their notes).
    const whole = {
      ...before,
      annotations: before.annotations + ANNOTATIONS,
      articles: before.articles + PAGES,
    };
    expect([before, whole]).toContainEqual(after);
    console.info(
      `background stopped mid-import: ${after.annotations === before.annotations ? 'none' : 'all'} kept`,
    );
  });

  it('works again on the next message: the same file imports whole, then a page is stored', async () => {
    await choose('many.json', file);
    await expect.poll(() => importResult().textContent(), { timeout: 30_000 }).toMatch(/^Imported /);
    const imported = await counts();
    expect(imported.annotations).toBe(initial.annotations + ANNOTATIONS);
    expect(imported.articles).toBe(initial.articles + PAGES);
    await openAnalyzed(article, `${harness().newsroom.url}${NEXT_ARTICLE.path.slice(1)}`);
    await expect.poll(async () => (await counts()).articles).toBe(imported.articles + 1);
  });
});
