import { beforeAll, describe, expect, it } from 'vitest';
import {
  activeBadgeText,
  BROWSER,
  catalog,
  countRecords,
  fold,
  mutationsSoFar,
  openAnalyzed,
  readHighlights,
  useHarness,
  watchMutations,
  type TestPage,
} from './harness.ts';
import { NewsroomScore, STANCE_NAMES } from './newsroom-score.ts';

// The contract (../shared/CONTRACT.md), checked in Chromium with the Chrome build and in Firefox with the
// Firefox build.
const harness = useHarness();
let page: TestPage;

beforeAll(async () => {
  page = await harness().browser.newPage();
});

const painted = (highlights: Record<string, string[]>) =>
  STANCE_NAMES.flatMap((name) => highlights[name] ?? []);

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
    // Not the comment, the teaser rail, the ad, the headline, the share-price sentence or "investors demand".
    expect(painted(highlights).join(' ')).not.toMatch(
      /bubble is obvious|five charts|Advertisement|landlord of GPUs|lost more than 6%|demand clearer/,
    );
  });

  it('changes nothing in the page: no node, attribute or text', async () => {
    const fresh = await harness().browser.newPage();
    await watchMutations(fresh);
    await openAnalyzed(fresh, `${harness().testPages.url}plain-article.html`);
    await fresh.wait(300);
    expect(await mutationsSoFar(fresh)).toEqual([]);
    expect(painted(await readHighlights(fresh)).length).toBeGreaterThan(0);
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
      const highlights = await readHighlights(page);
      // Each range is text of the page's body, never more than one sentence of it.
      const body = fold(await page.evaluate(() => document.body.textContent ?? ''));
      for (const text of painted(highlights)) {
        expect(body).toContain(fold(text));
        expect(fold(text).match(/[.!?]["”’)]? [A-Z“"]/g) ?? []).toHaveLength(0);
      }
      score.add(entry, highlights);
    }
    score.expectFloors(BROWSER === 'firefox' ? 'Firefox' : 'Chromium');
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

describe('popup, badge, dashboard, export and import', () => {
  const WIRE = 'meridian-wire/meta-cloud-compute.html';
  const COPY = 'riverbend-gazette/meta-ai-cloud-chip-stocks.html';

  it('shows the claim count of the page in the popup and on the badge, and the other sources on its story with the syndicated copy marked', async () => {
    const url = harness().newsroom.url + WIRE;
    await openAnalyzed(page, url);
    const count = painted(await readHighlights(page)).length;
    expect(count).toBeGreaterThan(0);
    await expect.poll(() => activeBadgeText(harness(), page)).toBe(String(count));

    const popup = await harness().browser.openExtensionPage(`popup.html?url=${encodeURIComponent(url)}`);
    await expect
      .poll(() => popup.testId('claim-count').textContent(), { timeout: 5_000 })
      .toBe(String(count));
    // Every story A article was read above, and so was the test article, which reports the same news: all
    // are listed, nothing from the newsroom's other stories, and only the wire copy is marked syndicated.
    const expected = [
      ...catalog
        .filter((entry) => entry.story === 'A' && entry.path !== `/${WIRE}`)
        .map((entry) => harness().newsroom.url + entry.path.slice(1)),
      `${harness().testPages.url}plain-article.html`,
    ].sort();
    const rows = () =>
      popup
        .testId('source-row')
        .evaluateAll((els) =>
          els.map((el) => [el.getAttribute('data-url'), el.getAttribute('data-syndicated')] as const),
        );
    await expect.poll(async () => (await rows()).length, { timeout: 5_000 }).toBe(expected.length);
    const seen = new Map(await rows());
    expect([...seen.keys()].sort()).toEqual(expected);
    expect([...seen].filter(([, syndicated]) => syndicated === 'true')).toEqual([
      [harness().newsroom.url + COPY, 'true'],
    ]);
    await popup.close();
  });

  it('counts every stored article in the dashboard, exports the library in three formats, and imports its export back', async () => {
    const stored = await countRecords(harness(), 'articles');
    // The newsroom's story articles and the test page; unrelated and front pages are not stored.
    expect(stored).toBeGreaterThan(catalog.filter((entry) => entry.kind === 'article').length - 1);
    const dashboard = await harness().browser.openExtensionPage('dashboard.html');
    await expect.poll(() => dashboard.testId('article-count').textContent()).toBe(String(stored));

    const json = await dashboard.download(() => dashboard.testId('export-json').click());
    const exported = JSON.parse(json.toString('utf8'));
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
      const file = await dashboard.download(() => dashboard.testId(testId).click());
      expect(file.toString('utf8').length).toBeGreaterThan(100);
    }

    // Importing the export again changes nothing and says so; a broken file is refused with an alert.
    const input = dashboard.testId('import-file');
    await input.setInputFiles({ name: 'claimlens.jsonld', mimeType: 'application/ld+json', buffer: json });
    await expect
      .poll(() => dashboard.testId('import-result').textContent(), { timeout: 10_000 })
      .toMatch(/^Imported \d+ annotations/);
    expect(await dashboard.testId('article-count').textContent()).toBe(String(stored));
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"type":"AnnotationCollection"'),
    });
    await expect.poll(() => dashboard.testId('import-result').getAttribute('role')).toBe('alert');
    expect(await dashboard.testId('article-count').textContent()).toBe(String(stored));
    await dashboard.close();
  });
});
