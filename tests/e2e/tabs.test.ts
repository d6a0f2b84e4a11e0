import { describe, expect, it } from 'vitest';
import { catalog, countRecords, openAnalyzed, selectText, useHarness } from './harness.ts';

const harness = useHarness();
const TABS = 8;

describe('many tabs at once', () => {
  it('stores every article and every annotation when tabs analyse at once and tag in quick turns', async () => {
    const articles = catalog.filter((entry) => entry.kind === 'article').slice(0, TABS);
    const pages = await Promise.all(articles.map(() => harness().browser.newPage()));
    // Every tab opens its article together: the background stores them side by side.
    await Promise.all(
      pages.map((page, i) => openAnalyzed(page, `${harness().newsroom.url}${articles[i]?.path.slice(1)}`)),
    );
    await expect.poll(() => countRecords(harness(), 'articles'), { timeout: 20_000 }).toBe(TABS);
    // Then the reader tags a claim in each tab in turn (a tab must be in front for its toolbar to show), each
    // click's write still on its way to the background when the next tab's is sent.
    for (const [i, page] of pages.entries()) {
      await page.bringToFront();
      await selectText(page, articles[i]?.claims[0]?.text.slice(0, 40) ?? '');
      await page.testId('tag-disputed').click();
    }
    await expect.poll(() => countRecords(harness(), 'annotations'), { timeout: 20_000 }).toBe(TABS);
    await Promise.all(pages.map((page) => page.close()));
  });
});
