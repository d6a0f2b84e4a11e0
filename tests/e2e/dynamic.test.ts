import { beforeAll, describe, expect, it } from 'vitest';
import { fold, openAnalyzed, readHighlights, useHarness, type TestPage } from './harness.ts';

const harness = useHarness();
let page: TestPage;

beforeAll(async () => {
  page = await harness().browser.newPage();
});

const measures = () => page.evaluate(() => performance.getEntriesByName('claimlens:analyze').length);
const painted = async () =>
  Object.values(await readHighlights(page))
    .flat()
    .map(fold);

describe('pages that change', () => {
  it('analyses content that arrives later, only the new content, with a measure per pass', async () => {
    await openAnalyzed(page, `${harness().testPages.url}live-coverage.html`);
    const before = await painted();
    expect(before).toContain(
      'Fund managers said the plan looks like an admission of surplus capacity, and several expect the company to buy fewer chips next year.',
    );
    await page.evaluate(() => (window as unknown as { loadMore(): void }).loadMore());
    const tencent =
      'Tencent executives said on a call that their compute is still insufficient for internal and external demand.';
    await expect
      .poll(async () => (await readHighlights(page))['claimlens-demand']?.map(fold) ?? [])
      .toContain(tencent);
    expect(await measures()).toBe(2);
    // What was painted before is still painted, once.
    const after = await painted();
    for (const claim of before) expect(after.filter((c) => c === claim)).toHaveLength(1);
  });

  it('starts over when a single-page app moves to another article', async () => {
    await page.evaluate(() => (window as unknown as { goToNextArticle(): void }).goToNextArticle());
    await expect
      .poll(async () => (await readHighlights(page))['claimlens-demand']?.map(fold) ?? [])
      .toContain(
        'Alibaba has raised its capex targets for the year, and its cloud unit says demand for compute keeps growing.',
      );
    const now = await painted();
    expect(now.join(' ')).not.toContain('Fund managers said');
    expect(await measures()).toBeGreaterThanOrEqual(3);
  });

  it('reads new content on a page that never stops changing (a clock ticking every 100 ms)', async () => {
    await openAnalyzed(page, `${harness().testPages.url}live-coverage.html`);
    await page.evaluate(() => {
      const clock = document.createElement('time');
      document.body.prepend(clock);
      setInterval(() => (clock.textContent = new Date().toISOString()), 100);
      (window as unknown as { loadMore(): void }).loadMore();
    });
    await expect
      .poll(async () => (await readHighlights(page))['claimlens-demand']?.map(fold) ?? [], { timeout: 6_000 })
      .toContain(
        'Tencent executives said on a call that their compute is still insufficient for internal and external demand.',
      );
  });
});
