import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAnalyzed, useHarness } from './harness.ts';

const harness = useHarness();

const WIRE = 'meridian-wire/meta-cloud-compute.html';
const COPY = 'riverbend-gazette/meta-ai-cloud-chip-stocks.html';
const BEARISH = 'capital-ledger/meta-compute-rental-scarcity-cracks.html';
const NGB = 'ngb-news/meta-ai-rental-chip-stocks.html';
const OTHER_STORY = 'marketline/microsoft-data-centre-leases.html';

type Counts = Record<'overcapacity' | 'demand' | 'neutral', number>;

/** Claims per outlet and stance as stored, read straight from the extension's IndexedDB (not through the UI). */
function storedCountsBySite(page: Page, urls: string[]): Promise<Record<string, Counts>> {
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

describe('the dashboard’s stories', () => {
  it('lists a story’s sources in time, marks the copy, and charts each outlet’s claims as stored', async () => {
    const { newsroom, browser } = harness();
    const page = await browser.context.newPage();
    for (const path of [WIRE, COPY, BEARISH, NGB, OTHER_STORY]) await openAnalyzed(page, newsroom.url + path);

    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html#stories'));
    const story = dashboard.locator(`[data-testid="story"]:has([data-url="${newsroom.url + WIRE}"])`);
    await expect.poll(() => story.getAttribute('data-source-count'), { timeout: 5_000 }).toBe('4');
    expect(await dashboard.getByTestId('story').count()).toBe(2);
    // More sources first.
    expect(await dashboard.getByTestId('story').first().getAttribute('data-source-count')).toBe('4');

    const sources = story.getByTestId('story-source');
    expect(await sources.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-url')))).toEqual(
      [WIRE, NGB, BEARISH, COPY].map((path) => newsroom.url + path),
    );
    const copy = story.locator(`[data-testid="story-source"][data-url="${newsroom.url + COPY}"]`);
    expect(await copy.getAttribute('data-copy-of')).toBe(newsroom.url + WIRE);
    expect(await copy.getByTestId('copy-note').textContent()).toMatch(/copy of Meridian Wire/);
    expect(await story.getByTestId('copy-note').count()).toBe(1);
    expect(await copy.locator('a').first().getAttribute('href')).toBe(
      `popup.html?url=${encodeURIComponent(newsroom.url + COPY)}`,
    );

    const stored = await storedCountsBySite(
      dashboard,
      [WIRE, COPY, BEARISH, NGB].map((path) => newsroom.url + path),
    );
    const shown = await story
      .getByTestId('outlet-row')
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

    await expect
      .poll(() => story.getByRole('img', { name: /Sources over time.*4 sources.*1 of them cop/ }).count())
      .toBe(1);
    expect(await story.getByRole('img', { name: /Claims by stance, per outlet/ }).count()).toBe(1);
    expect(await dashboard.locator('svg:not([role="img"])').count()).toBe(0);
  });

  it('tells the reader when their reading of a story leans one way, and where the other side is', async () => {
    const { newsroom, browser } = harness();
    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html#stories'));
    const story = dashboard.locator(`[data-testid="story"]:has([data-url="${newsroom.url + WIRE}"])`);
    const note = story.getByTestId('blind-spot');
    await expect.poll(() => note.getAttribute('data-leans'), { timeout: 5_000 }).toBe('overcapacity');
    const others = await note
      .getByTestId('other-side-source')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-url')));
    expect(others.length).toBeGreaterThan(0);
    expect(others).not.toContain(null);
    expect(await note.getByTestId('other-side-claim').count()).toBeGreaterThan(0);
    // A story the reader has read once does not lean.
    const single = dashboard.locator(`[data-testid="story"]:has([data-url="${newsroom.url + OTHER_STORY}"])`);
    expect(await single.getByTestId('blind-spot').count()).toBe(0);
  });
});
