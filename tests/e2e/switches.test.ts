import { beforeAll, describe, expect, it } from 'vitest';
import { openAnalyzed, readHighlights, sendToTab, useHarness, type TestPage } from './harness.ts';

const harness = useHarness();
let page: TestPage;
let url: string;

beforeAll(async () => {
  page = await harness().browser.newPage();
  url = `${harness().testPages.url}plain-article.html`;
});

describe('switching highlights off', () => {
  it('leaves a site alone once the reader turns it off, with only the measure of that check, and back on', async () => {
    await openAnalyzed(page, url);
    expect(Object.keys(await readHighlights(page)).length).toBeGreaterThan(0);
    const popup = await harness().browser.openExtensionPage(`popup.html?url=${encodeURIComponent(url)}`);
    await popup.testId('switch-site').uncheck();
    await expect.poll(() => popup.testId('switch-status').getAttribute('data-saved')).toBe('1');

    await openAnalyzed(page, url);
    expect(await readHighlights(page)).toEqual({});
    expect(await page.evaluate(() => performance.getEntriesByName('claimlens:analyze').length)).toBe(1);

    await popup.testId('switch-site').check();
    await expect.poll(() => popup.testId('switch-status').getAttribute('data-saved')).toBe('2');
    await openAnalyzed(page, url);
    expect(Object.keys(await readHighlights(page)).length).toBeGreaterThan(0);
    await popup.close();
  });

  const command = (message: object) => sendToTab(harness(), page, message);
  const tell = (visible: boolean | 'toggle') => command({ type: 'page/highlights', visible });

  it('hides and shows one page’s highlights when an extension page asks, and ignores the page’s own messages', async () => {
    await openAnalyzed(page, url);
    await tell(false);
    await expect.poll(() => readHighlights(page)).toEqual({});
    // A page posting a look-alike command to itself reaches nothing of ClaimLens.
    await page.evaluate(() => window.postMessage({ type: 'page/highlights', visible: true }, '*'));
    await page.wait(100);
    expect(await readHighlights(page)).toEqual({});
    await tell(true);
    await expect.poll(async () => Object.keys(await readHighlights(page)).length).toBeGreaterThan(0);
  });

  it('toggles highlights and opens the tagging toolbar, focused, as the keyboard shortcuts and context menu do', async () => {
    await openAnalyzed(page, url);
    await tell('toggle');
    await expect.poll(() => readHighlights(page)).toEqual({});
    await tell('toggle');
    await expect.poll(async () => Object.keys(await readHighlights(page)).length).toBeGreaterThan(0);

    await page.evaluate(() => {
      const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent?.includes('Tencent'));
      const text = paragraph?.firstChild;
      if (text) getSelection()?.setBaseAndExtent(text, 0, text, 20);
    });
    await command({ type: 'page/tag-selection' });
    await page.testId('selection-toolbar').waitFor();
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    expect(focused).toBe('CLAIMLENS-TOOLBAR');
  });

  it('reads claims with the keyboard alone: next claim, focus in its card, tag and note from the card', async () => {
    await openAnalyzed(page, url);
    await command({ type: 'page/next-claim' });
    await page.testId('claim-card').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('CLAIMLENS-CARD');
    const firstStance = await page.testId('card-stance').textContent();
    await command({ type: 'page/next-claim' });
    await expect.poll(() => page.testId('card-why').textContent()).not.toBe('');
    // Tab walks the card's buttons; Enter on the key-figure tag stores an annotation on the claim's text.
    await page.testId('card-tag-key-figure').focus();
    await page.press('Enter');
    await expect
      .poll(async () => ((await readHighlights(page))['claimlens-annotation-key-figure'] ?? []).length)
      .toBe(1);
    await page.testId('card-note').fill('Compare with the Q2 call.');
    await page.press('Enter');
    await expect
      .poll(async () => ((await readHighlights(page))['claimlens-annotation'] ?? []).length)
      .toBe(1);
    expect(firstStance).toMatch(/Overcapacity|Demand|Neutral/);
    await page.press('Escape');
    await page.testId('claim-card').waitFor({ state: 'detached' });
  });
});
