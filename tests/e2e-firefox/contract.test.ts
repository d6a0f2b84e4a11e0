import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  catalog,
  download,
  fold,
  mutationsSoFar,
  openAnalyzed,
  readHighlights,
  selectText,
  TEST_PAGES,
  testIdText,
  useFirefox,
  watchMutations,
} from './harness.ts';
import { NewsroomScore, STANCE_NAMES } from '../e2e/newsroom-score.ts';

// The contract (../shared/CONTRACT.md) on Firefox: the Chrome suite's checks, ported to Puppeteer over
// WebDriver BiDi and Debian's firefox-esr with the Firefox build (`wxt build -b firefox`).
const firefox = useFirefox();
let page: Page;

beforeAll(async () => {
  page = await firefox().firefox.browser.newPage();
});

/** The parts of Firefox's extension API that the checks call in an extension page. */
interface FirefoxExtensionApi {
  tabs: { query(q: object): Promise<{ id: number }[]> };
  browserAction: { getBadgeText(d: { tabId: number }): Promise<string> };
}

const painted = (highlights: Record<string, string[]>) =>
  STANCE_NAMES.flatMap((name) => highlights[name] ?? []);

describe('on a page ClaimLens has never seen', () => {
  it('paints claims by stance, each range exactly one sentence of the body, and nothing else', async () => {
    await openAnalyzed(page, `${firefox().testPages.url}plain-article.html`);
    const highlights = await readHighlights(page);
    expect(highlights['claimlens-overcapacity']).toContain(
      'To a number of fund managers the plan reads as an admission of surplus capacity, and they expect the company to buy fewer chips over the coming year.',
    );
    expect(highlights['claimlens-demand']).toEqual(
      expect.arrayContaining([
        'Supporters of the company see no glut at all: they point to AI labs whose token usage keeps running far above their own projections.',
        'Tencent has said its compute remains insufficient for both its own products and its cloud customers.',
      ]),
    );
    expect(highlights['claimlens-neutral']).toContain(
      'Meta owns tens of thousands of Nvidia H100 GPUs, most of them bought for training its own models.',
    );
    // Not the comment, the teaser rail, the ad, the headline, the share-price sentence or "investors demand".
    expect(painted(highlights).join(' ')).not.toMatch(
      /bubble is obvious|five charts|Advertisement|landlord of GPUs|lost more than 6%|demand clearer/,
    );
  });

  it('changes nothing in the page: no node, attribute or text', async () => {
    const fresh = await firefox().firefox.browser.newPage();
    await watchMutations(fresh);
    await openAnalyzed(fresh, `${firefox().testPages.url}plain-article.html`);
    await new Promise((done) => setTimeout(done, 300));
    expect(await mutationsSoFar(fresh)).toEqual([]);
    expect(painted(await readHighlights(fresh)).length).toBeGreaterThan(0);
    await fresh.close();
  });

  it('ends with the measure and paints nothing on a page that is not an article', async () => {
    await openAnalyzed(page, `${firefox().testPages.url}not-an-article.html`);
    expect(await readHighlights(page)).toEqual({});
    expect(await page.evaluate(() => performance.getEntriesByName('claimlens:analyze').length)).toBe(1);
  });
});

describe('on the demo newsroom', () => {
  const articles = catalog.filter((entry) => entry.kind === 'article');
  const unrelated = catalog.filter((entry) => entry.kind === 'unrelated');

  it('finds the labelled claims of every story article with the right stance, and few others', async () => {
    const score = new NewsroomScore();
    for (const entry of articles) {
      await openAnalyzed(page, firefox().newsroom.url + entry.path.slice(1));
      const highlights = await readHighlights(page);
      // Each range is text of the page's body, never more than one sentence of it.
      const body = fold(await page.evaluate(() => document.body.textContent ?? ''));
      for (const text of painted(highlights)) {
        expect(body).toContain(fold(text));
        expect(fold(text).match(/[.!?]["”’)]? [A-Z“"]/g) ?? []).toHaveLength(0);
      }
      score.add(entry, highlights);
    }
    score.expectFloors('Firefox');
  });

  it('paints nothing on unrelated articles', async () => {
    expect(unrelated.length).toBeGreaterThanOrEqual(3);
    for (const entry of unrelated) {
      await openAnalyzed(page, firefox().newsroom.url + entry.path.slice(1));
      expect({ page: entry.path, highlights: await readHighlights(page) }).toEqual({
        page: entry.path,
        highlights: {},
      });
    }
  });

  it('paints nothing on the front page, which is not an article', async () => {
    await openAnalyzed(page, firefox().newsroom.url);
    expect(await readHighlights(page)).toEqual({});
  });
});

describe('popup, badge, dashboard, export and import', () => {
  const WIRE = 'meridian-wire/meta-cloud-compute.html';
  const COPY = 'riverbend-gazette/meta-ai-cloud-chip-stocks.html';

  it('shows the claim count of the page in the popup and on the badge, and the other sources on its story with the syndicated copy marked', async () => {
    const url = firefox().newsroom.url + WIRE;
    await openAnalyzed(page, url);
    const count = painted(await readHighlights(page)).length;
    expect(count).toBeGreaterThan(0);

    const popup = await firefox().firefox.openExtensionPage(`popup.html?url=${encodeURIComponent(url)}`);
    await expect.poll(() => testIdText(popup, 'claim-count'), { timeout: 5_000 }).toBe(String(count));
    // Without the `tabs` permission the popup cannot see which tab holds the article; the article's is the
    // only tab with a badge (the other is the browser's first, blank one).
    const badges = await popup.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: FirefoxExtensionApi }).browser;
      const tabs = await ext.tabs.query({});
      return Promise.all(tabs.map((tab) => ext.browserAction.getBadgeText({ tabId: tab.id })));
    });
    expect(badges.filter(Boolean)).toEqual([String(count)]);
    // Every story A article was read above, and so was the test article, which reports the same news: all
    // are listed, nothing from the newsroom's other stories, and only the wire copy is marked syndicated.
    const expected = [
      ...catalog
        .filter((entry) => entry.story === 'A' && entry.path !== `/${WIRE}`)
        .map((entry) => firefox().newsroom.url + entry.path.slice(1)),
      `${firefox().testPages.url}plain-article.html`,
    ].sort();
    const rows = () =>
      popup.$$eval('[data-testid="source-row"]', (els) =>
        els.map((el) => [el.getAttribute('data-url'), el.getAttribute('data-syndicated')] as const),
      );
    await expect.poll(async () => (await rows()).length, { timeout: 5_000 }).toBe(expected.length);
    const seen = new Map(await rows());
    expect([...seen.keys()].sort()).toEqual(expected);
    expect([...seen].filter(([, syndicated]) => syndicated === 'true')).toEqual([
      [firefox().newsroom.url + COPY, 'true'],
    ]);
    await popup.close();
  });

  it('counts every stored article in the dashboard', async () => {
    const dashboard = await firefox().firefox.openExtensionPage('dashboard.html');
    // The dashboard shares the background's origin, so it reads the same database.
    const stored = await dashboard.evaluate(async () => {
      const request = indexedDB.open('claimlens');
      const db = await new Promise<IDBDatabase>((done, fail) => {
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      const count = await new Promise<number>((done, fail) => {
        const r = db.transaction('articles').objectStore('articles').count();
        r.onsuccess = () => done(r.result);
        r.onerror = () => fail(r.error);
      });
      db.close();
      return count;
    });
    // The newsroom's story articles and the test page; unrelated and front pages are not stored.
    expect(stored).toBeGreaterThan(catalog.filter((entry) => entry.kind === 'article').length - 1);
    await expect.poll(() => testIdText(dashboard, 'article-count'), { timeout: 5_000 }).toBe(String(stored));
    await dashboard.close();
  });

  it('exports the library as W3C Web Annotations, CSV and Markdown, and imports its export back', async () => {
    const dashboard = await firefox().firefox.openExtensionPage('dashboard.html');
    const folder = firefox().firefox.downloads;
    await expect.poll(() => testIdText(dashboard, 'article-count'), { timeout: 5_000 }).toMatch(/^\d+$/);
    const stored = await testIdText(dashboard, 'article-count');
    const json = await download(folder, () => dashboard.click('[data-testid="export-json"]'));
    const exported = JSON.parse(json.text);
    expect(exported['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(exported.type).toBe('AnnotationCollection');
    expect(exported.items.length).toBeGreaterThan(0);
    const item = exported.items[0];
    expect(item.type).toBe('Annotation');
    expect(item.target.source).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(item.target.selector.map((s: { type: string }) => s.type)).toEqual([
      'TextQuoteSelector',
      'TextPositionSelector',
    ]);
    expect(['overcapacity', 'demand', 'neutral']).toContain(
      item.body.find((b: { purpose: string }) => b.purpose === 'classifying').value,
    );
    for (const testId of ['export-csv', 'export-md']) {
      const file = await download(folder, () => dashboard.click(`[data-testid="${testId}"]`));
      expect(file.text.length).toBeGreaterThan(100);
    }

    // Importing the export again changes nothing and says so; a broken file is refused with an alert.
    const input = await dashboard.$('[data-testid="import-file"]');
    if (!input) throw new Error('the dashboard has no import-file input');
    await (input as ElementHandle<HTMLInputElement>).uploadFile(json.path);
    await expect
      .poll(() => testIdText(dashboard, 'import-result'), { timeout: 10_000 })
      .toMatch(/^Imported \d+ annotations/);
    expect(await testIdText(dashboard, 'article-count')).toBe(stored);
    const broken = join(folder, '..', 'broken.json');
    await writeFile(broken, '{"type":"AnnotationCollection"');
    await (input as ElementHandle<HTMLInputElement>).uploadFile(broken);
    await expect
      .poll(() => dashboard.$eval('[data-testid="import-result"]', (el) => el.getAttribute('role')))
      .toBe('alert');
    expect(await testIdText(dashboard, 'article-count')).toBe(stored);
    await dashboard.close();
  });
});

describe('annotations', () => {
  const QUOTE = 'let outside developers rent the AI computing capacity it does not use itself';
  let reader: Page;
  let url: string;
  let original: string;
  /** The article as its publisher later edited it, served at the same address; undefined: as it was. */
  let edited: string | undefined;
  const publish = (html: string | undefined) => {
    edited = html;
  };

  beforeAll(async () => {
    url = `${firefox().testPages.url}plain-article.html`;
    original = await readFile(join(TEST_PAGES, 'plain-article.html'), 'utf8');
    reader = await firefox().firefox.browser.newPage();
    await reader.setRequestInterception(true);
    reader.on('request', (request) => {
      if (edited !== undefined && request.url() === url)
        void request.respond({ status: 200, contentType: 'text/html', body: edited });
      else void request.continue();
    });
  });

  const annotated = async () =>
    Object.entries(await readHighlights(reader))
      .filter(([name]) => name.startsWith('claimlens-annotation'))
      .flatMap(([, ranges]) => ranges.map((r) => fold(r)));

  it('tags a selection from the toolbar in the shadow root, paints it at once, and takes the toolbar away', async () => {
    await openAnalyzed(reader, url);
    await selectText(reader, QUOTE);
    const toolbar = await reader.waitForSelector('>>> [data-testid="selection-toolbar"]', { timeout: 5_000 });
    expect(toolbar).not.toBeNull();
    // The toolbar is in an open shadow root, never in the page's own DOM.
    expect(await reader.$('[data-testid="selection-toolbar"]')).toBeNull();
    for (const id of ['overcapacity', 'demand', 'disputed', 'needs-source'])
      expect(await reader.$$(`>>> [data-testid="tag-${id}"]`)).toHaveLength(1);
    await reader.click('>>> [data-testid="tag-disputed"]');
    await expect
      .poll(async () => (await readHighlights(reader))['claimlens-annotation-disputed'])
      .toEqual([QUOTE]);
    await reader.waitForSelector('>>> [data-testid="selection-toolbar"]', { hidden: true });
    expect(await reader.evaluate(() => document.querySelectorAll('claimlens-toolbar').length)).toBe(0);
  });

  it('comes back on the next visit', async () => {
    await openAnalyzed(reader, url);
    await expect.poll(annotated).toEqual([QUOTE]);
  });

  it('re-anchors after the page gains a paragraph before it and a word inside it changes', async () => {
    publish(
      original
        .replace(
          '<div class="txt">',
          '<div class="txt">\n<p>Editor’s note: this article was updated on 17 July with comment from analysts.</p>',
        )
        .replace('developers rent the AI', 'developers lease the AI'),
    );
    await openAnalyzed(reader, url);
    await expect.poll(annotated).toEqual([QUOTE.replace('rent', 'lease')]);
  });

  it('lists an annotation whose text is gone as an orphan in the popup and the dashboard', async () => {
    publish(original.replace(/<p>Meta is said to be preparing[^<]*<\/p>/, ''));
    await openAnalyzed(reader, url);
    await expect.poll(annotated).toEqual([]);
    publish(undefined);
    const popup = await firefox().firefox.openExtensionPage(`popup.html?url=${encodeURIComponent(url)}`);
    const orphans = (on: Page) =>
      on.$$eval('[data-testid="orphan"]', (els) => els.map((el) => el.textContent));
    await expect.poll(async () => (await orphans(popup)).length, { timeout: 5_000 }).toBe(1);
    const [text] = await orphans(popup);
    expect(text).toContain(QUOTE);
    expect(text).toContain('preparing a service that would');
    await popup.close();
    const dashboard = await firefox().firefox.openExtensionPage('dashboard.html');
    await expect.poll(async () => (await orphans(dashboard)).length, { timeout: 5_000 }).toBe(1);
    expect((await orphans(dashboard))[0]).toContain(QUOTE);
    await dashboard.close();
  });

  it('exports the annotation as a W3C annotation with a tagging body', async () => {
    const dashboard = await firefox().firefox.openExtensionPage('dashboard.html');
    const json = await download(firefox().firefox.downloads, () =>
      dashboard.click('[data-testid="export-json"]'),
    );
    const mine = JSON.parse(json.text).items.find((i: { id: string }) =>
      i.id.startsWith('urn:claimlens:annotation:'),
    );
    expect(mine.body).toContainEqual({ type: 'TextualBody', purpose: 'tagging', value: 'disputed' });
    expect(mine.target.source).toBe(url);
    expect(mine.target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: QUOTE });
    await dashboard.close();
  });
});
