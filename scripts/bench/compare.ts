import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../lib/browser.ts';
import { summarise, type Summary } from './stats.ts';

export interface CompareResult {
  /** The popup's comparison query (`claimlens:compare`). */
  compare: Summary;
  /** From the popup's navigation to its first render with the comparison (`claimlens:popup-ready`). */
  ready: Summary;
  sourceRows: number;
}

/** tsx names the functions it compiles through a helper that pages do not have: give them one. */
export const withNames = (page: Page) => page.evaluate('globalThis.__name = (f) => f');

/** Times the popup's comparison for one article of a large stored library, on fresh popup loads. */
export async function benchCompare(
  browser: ExtensionBrowser,
  target: string,
  runs = 9,
): Promise<CompareResult> {
  const page = await browser.context.newPage();
  const compare: number[] = [];
  const ready: number[] = [];
  let sourceRows = 0;
  for (let run = 0; run < runs + 1; run++) {
    await page.goto(browser.extensionUrl(`popup.html?url=${encodeURIComponent(target)}`));
    // Waited for in the page's own world: a selector wait would inject Playwright's script into the popup and
    // run it (and its layout checks) on the popup's main thread while the comparison is being read and drawn.
    await withNames(page);
    const [c, r] = await page.evaluate(async () => {
      const measured = (name: string) => performance.getEntriesByName(name).at(0)?.duration ?? NaN;
      while (!performance.getEntriesByName('claimlens:popup-ready').length)
        await new Promise((resolve) => setTimeout(resolve, 5));
      return [measured('claimlens:compare'), measured('claimlens:popup-ready')];
    });
    sourceRows = await page.locator('[data-testid="source-row"]').count();
    if (sourceRows === 0) throw new Error('The popup showed no other source: the comparison did not render');
    if (run === 0) continue; // the first load warms the browser's caches up
    compare.push(c);
    ready.push(r);
  }
  await page.close();
  return { compare: summarise(compare), ready: summarise(ready), sourceRows };
}
