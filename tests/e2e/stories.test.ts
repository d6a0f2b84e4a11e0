import { describe, expect, it } from 'vitest';
import { openAnalyzed, useHarness, type Loc, type TestPage } from './harness.ts';

const harness = useHarness();

const WIRE = 'meridian-wire/meta-cloud-compute.html';
const COPY = 'riverbend-gazette/meta-ai-cloud-chip-stocks.html';
const BEARISH = 'capital-ledger/meta-compute-rental-scarcity-cracks.html';
const NGB = 'ngb-news/meta-ai-rental-chip-stocks.html';
const OTHER_STORY = 'marketline/microsoft-data-centre-leases.html';

type Counts = Record<'overcapacity' | 'demand' | 'neutral', number>;

/** Claims per outlet and stance as stored, read straight from the extension's IndexedDB (not through the UI). */
function storedCountsBySite(page: TestPage, urls: string[]): Promise<Record<string, Counts>> {
  return page.evaluate(async (wanted) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('claimlens');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const articles = await all<{ id: string; site: string }>('articles');
    const claims = await all<{ articleId: string; stance: 'overcapacity' | 'demand' | 'neutral' }>('claims');
    db.close();
    const siteOf = new Map(articles.filter((a) => wanted.includes(a.id)).map((a) => [a.id, a.site]));
    const counts: Record<string, Record<string, number>> = {};
    for (const site of siteOf.values()) counts[site] = { overcapacity: 0, demand: 0, neutral: 0 };
    for (const claim of claims) {
      const site = siteOf.get(claim.articleId);
      const forSite = site === undefined ? undefined : counts[site];
      if (forSite) forSite[claim.stance] = (forSite[claim.stance] ?? 0) + 1;
    }
    return counts as Record<string, Counts>;
  }, urls);
}

/** The accessible names of the images (role="img") in `within`, as a screen reader reads them. */
const imageNames = (within: Loc) =>
  within.locator('[role="img"]').evaluateAll((images) =>
    images.map((image) =>
      (
        image.getAttribute('aria-label') ??
        (image.getAttribute('aria-labelledby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
      )
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );

describe('the dashboard’s stories', () => {
  it('lists a story’s sources in time, marks the copy, and charts each outlet’s claims as stored', async () => {
    const { newsroom, browser } = harness();
    const page = await browser.newPage();
    for (const path of [WIRE, COPY, BEARISH, NGB, OTHER_STORY]) await openAnalyzed(page, newsroom.url + path);

    const dashboard = await browser.openExtensionPage('dashboard.html#stories');
    const story = dashboard.locator(`[data-testid="story"]:has([data-url="${newsroom.url + WIRE}"])`);
    await expect.poll(() => story.getAttribute('data-source-count'), { timeout: 5_000 }).toBe('4');
    expect(await dashboard.testId('story').count()).toBe(2);
    // More sources first.
    expect(await dashboard.testId('story').first().getAttribute('data-source-count')).toBe('4');

    const sources = story.testId('story-source');
    expect(await sources.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-url')))).toEqual(
      [WIRE, NGB, BEARISH, COPY].map((path) => newsroom.url + path),
    );
    const copy = story.locator(`[data-testid="story-source"][data-url="${newsroom.url + COPY}"]`);
    expect(await copy.getAttribute('data-copy-of')).toBe(newsroom.url + WIRE);
    expect(await copy.testId('copy-note').textContent()).toMatch(/copy of Meridian Wire/);
    expect(await story.testId('copy-note').count()).toBe(1);
    expect(await copy.locator('a').first().getAttribute('href')).toBe(
      `popup.html?url=${encodeURIComponent(newsroom.url + COPY)}`,
    );

    const stored = await storedCountsBySite(
      dashboard,
      [WIRE, COPY, BEARISH, NGB].map((path) => newsroom.url + path),
    );
    const shown = await story
      .testId('outlet-row')
      .evaluateAll((rows) =>
        Object.fromEntries(
          rows.map((row) => [
            row.getAttribute('data-outlet'),
            Object.fromEntries(
              [...row.querySelectorAll('td[data-stance]')].map((td) => [
                td.getAttribute('data-stance'),
                Number(td.textContent),
              ]),
            ),
          ]),
        ),
      );
    expect(Object.keys(shown)).toHaveLength(4);
    expect(shown).toEqual(stored);
    expect(Object.values(stored).some((c) => c.overcapacity + c.demand + c.neutral > 0)).toBe(true);

    const named = async (name: RegExp) => (await imageNames(story)).filter((n) => name.test(n)).length;
    await expect.poll(() => named(/Sources over time.*4 sources.*1 of them cop/)).toBe(1);
    expect(await named(/Claims by stance, per outlet/)).toBe(1);
    expect(await dashboard.locator('svg:not([role="img"])').count()).toBe(0);
  });
});
