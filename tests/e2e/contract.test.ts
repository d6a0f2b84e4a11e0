import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  activeBadgeText,
  catalog,
  mutationsSoFar,
  openAnalyzed,
  readHighlights,
  useHarness,
  watchMutations,
} from './harness.ts';
import { NewsroomScore, STANCE_NAMES } from './newsroom-score.ts';

const harness = useHarness();
let page: Page;

beforeAll(async () => {
  page = await harness().browser.context.newPage();
});

describe('on a page ClaimLens has never seen', () => {
  it('paints claims by stance, each range exactly one sentence of the body, and nothing else', async () => {
    await openAnalyzed(page, `${harness().testPages.url}plain-article.html`);
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
    const all = STANCE_NAMES.flatMap((name) => highlights[name] ?? []);
    // Not the comment, the teaser rail, the ad, the headline, the share-price sentence or "investors demand".
    expect(all.join(' ')).not.toMatch(
      /bubble is obvious|five charts|Advertisement|landlord of GPUs|lost more than 6%|demand clearer/,
    );
  });

  it('changes nothing in the page: no node, attribute or text', async () => {
    const fresh = await harness().browser.context.newPage();
    await watchMutations(fresh);
    await openAnalyzed(fresh, `${harness().testPages.url}plain-article.html`);
    await fresh.waitForTimeout(300);
    expect(await mutationsSoFar(fresh)).toEqual([]);
    expect(Object.keys(await readHighlights(fresh)).length).toBeGreaterThan(0);
    await fresh.close();
  });

  it('ends with the measure and paints nothing on a page that is not an article', async () => {
    await openAnalyzed(page, `${harness().testPages.url}not-an-article.html`);
    expect(await readHighlights(page)).toEqual({});
    const measures = await page.evaluate(() => performance.getEntriesByName('claimlens:analyze').length);
    expect(measures).toBe(1);
  });
});

describe('on the demo newsroom', () => {
  const articles = catalog.filter((entry) => entry.kind === 'article');
  const unrelated = catalog.filter((entry) => entry.kind === 'unrelated');

  it('finds the labelled claims of every story article with the right stance, and few others', async () => {
    const score = new NewsroomScore();
    for (const entry of articles) {
      await openAnalyzed(page, harness().newsroom.url + entry.path.slice(1));
      score.add(entry, await readHighlights(page));
    }
    score.expectFloors('Chromium');
  });

  it('paints nothing on unrelated articles', async () => {
    expect(unrelated.length).toBeGreaterThanOrEqual(3);
    for (const entry of unrelated) {
      await openAnalyzed(page, harness().newsroom.url + entry.path.slice(1));
      expect({ page: entry.path, highlights: await readHighlights(page) }).toEqual({
        page: entry.path,
        highlights: {},
      });
    }
  });

  it('paints nothing on the front page, which is not an article', async () => {
    await openAnalyzed(page, harness().newsroom.url);
    expect(await readHighlights(page)).toEqual({});
  });
});

describe('popup, badge and dashboard', () => {
  const storyA = catalog.filter((entry) => entry.story === 'A' && entry.kind === 'article');

  it('shows the claim count of the page in the popup and on the badge', async () => {
    const entry = storyA[1] ?? storyA[0];
    if (!entry) throw new Error('the catalog has no story A article');
    const url = harness().newsroom.url + entry.path.slice(1);
    await openAnalyzed(page, url);
    const highlights = await readHighlights(page);
    const painted = STANCE_NAMES.reduce((sum, name) => sum + (highlights[name]?.length ?? 0), 0);
    expect(painted).toBeGreaterThan(0);
    await expect.poll(() => activeBadgeText(harness(), page)).toBe(String(painted));

    const popup = await harness().browser.context.newPage();
    await popup.goto(harness().browser.extensionUrl(`popup.html?url=${encodeURIComponent(url)}`));
    await expect.poll(() => popup.getByTestId('claim-count').textContent()).toBe(String(painted));
    await popup.close();
  });

  it('lists every stored article in the dashboard and exports them as W3C Web Annotations', async () => {
    const dashboard = await harness().browser.context.newPage();
    await dashboard.goto(harness().browser.extensionUrl('dashboard.html'));
    const stored = await harness().browser.worker.evaluate(async () => {
      const request = indexedDB.open('claimlens');
      const db = await new Promise<IDBDatabase>((done, fail) => {
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      const count = await new Promise<number>((done) => {
        const r = db.transaction('articles').objectStore('articles').count();
        r.onsuccess = () => done(r.result);
      });
      db.close();
      return count;
    });
    expect(stored).toBeGreaterThan(0);
    await expect.poll(() => dashboard.getByTestId('article-count').textContent()).toBe(String(stored));

    const [download] = await Promise.all([
      dashboard.waitForEvent('download'),
      dashboard.getByTestId('export-json').click(),
    ]);
    const exported = JSON.parse(await readFile((await download.path()) as string, 'utf8'));
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
      const [file] = await Promise.all([
        dashboard.waitForEvent('download'),
        dashboard.getByTestId(testId).click(),
      ]);
      expect((await readFile((await file.path()) as string, 'utf8')).length).toBeGreaterThan(100);
    }

    // Importing the export again changes nothing and says so; a broken file is refused with an alert.
    await dashboard.getByTestId('import-file').setInputFiles((await download.path()) as string);
    await expect
      .poll(() => dashboard.getByTestId('import-result').textContent())
      .toMatch(/^Imported \d+ annotations/);
    expect(await dashboard.getByTestId('article-count').textContent()).toBe(String(stored));
    await dashboard.getByTestId('import-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"type":"AnnotationCollection"'),
    });
    await expect.poll(() => dashboard.getByTestId('import-result').getAttribute('role')).toBe('alert');
    expect(await dashboard.getByTestId('article-count').textContent()).toBe(String(stored));
    await dashboard.close();
  });
});
