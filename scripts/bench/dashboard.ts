import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../lib/browser.ts';
import { withNames } from './compare.ts';
import { COMMON_WORD, RARE_WORD } from './seed.ts';
import { summarise, type Summary } from './stats.ts';

export interface DashboardResult {
  /** From navigation to the article count and the first stories on screen. */
  ready: Summary;
  /** Per query: the search itself (`claimlens:search`) and the results it found. */
  searches: { query: string; search: Summary; total: number }[];
}

/** Milliseconds from the page's navigation until `selector` holds `text` (checked every frame). */
async function timeUntil(page: Page, selector: string, text: string): Promise<number> {
  await page.waitForFunction(
    ({ selector, text }) => document.querySelector(selector)?.textContent === text,
    { selector, text },
    { polling: 'raf', timeout: 120_000 },
  );
  return page.evaluate(() => performance.now());
}

/** Times the dashboard over a large stored library: its first render, and searches as the reader types them. */
export async function benchDashboard(
  browser: ExtensionBrowser,
  articles: number,
  runs = 5,
): Promise<DashboardResult> {
  const page = await browser.context.newPage();
  const ready: number[] = [];
  const queries = [RARE_WORD, COMMON_WORD, `${COMMON_WORD} ${RARE_WORD}`];
  const searches = new Map(queries.map((q) => [q, { times: [] as number[], total: 0 }]));
  for (let run = 0; run < runs + 1; run++) {
    await page.goto(browser.extensionUrl('dashboard.html'));
    const at = await timeUntil(page, '[data-testid="article-count"]', String(articles));
    await page.waitForSelector('[data-testid="story"]');
    await withNames(page);
    for (const query of queries) {
      const before = await page.evaluate(() => performance.getEntriesByName('claimlens:search').length);
      await page.getByTestId('library-search').fill(query);
      await page.waitForFunction((n) => performance.getEntriesByName('claimlens:search').length > n, before, {
        timeout: 120_000,
      });
      const duration = await page.evaluate(
        () => performance.getEntriesByName('claimlens:search').at(-1)?.duration ?? NaN,
      );
      const total = Number(await page.getByTestId('result-count').textContent());
      const entry = searches.get(query);
      if (entry && run > 0) {
        entry.times.push(duration);
        entry.total = total;
      }
    }
    if (run > 0) ready.push(at); // the first load warms the browser's caches up
  }
  await page.close();
  return {
    ready: summarise(ready),
    searches: [...searches].map(([query, { times, total }]) => ({ query, search: summarise(times), total })),
  };
}
