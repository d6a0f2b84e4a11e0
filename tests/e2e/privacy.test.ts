import { describe, expect, it } from 'vitest';
import { openAnalyzed, useHarness } from './harness.ts';

const harness = useHarness();

describe('privacy', () => {
  it('makes no request of its own while analysing, tagging, comparing and exporting', async () => {
    const { browser, newsroom } = harness();
    // The watch sees the extension's own fetches too: a canary fetch from its context must show up.
    const canary = `${newsroom.url}canary-${Date.now()}`;
    await browser.inExtension(
      (url) =>
        fetch(url).then(
          () => undefined,
          () => undefined,
        ),
      canary,
    );
    await expect.poll(() => browser.requests().includes(canary)).toBe(true);

    const page = await browser.newPage();
    const article = `${newsroom.url}capital-ledger/meta-compute-rental-scarcity-cracks.html`;
    await openAnalyzed(page, article);
    await openAnalyzed(page, `${newsroom.url}meridian-wire/meta-cloud-compute.html`);
    await page.evaluate(() => {
      const p = document.querySelector('article p, .story-body p, main p');
      const text = p?.firstChild;
      if (text) getSelection()?.setBaseAndExtent(text, 0, text, 30);
    });
    await page.testId('selection-toolbar').waitFor();
    await page.testId('tag-needs-source').click();
    await page.testId('selection-toolbar').waitFor({ state: 'detached' });

    const popup = await browser.openExtensionPage(`popup.html?url=${encodeURIComponent(article)}`);
    await popup.testId('claim-count').waitFor();
    const dashboard = await browser.openExtensionPage('dashboard.html');
    const exported = await dashboard.download(() => dashboard.testId('export-json').click());
    expect(JSON.parse(exported.toString('utf8')).items.length).toBeGreaterThan(0);

    const requests = browser.requests();
    const outside = requests.filter(
      (url) =>
        !url.startsWith(newsroom.url) &&
        !url.startsWith(browser.extensionUrl('')) &&
        !url.startsWith('blob:') &&
        !url.startsWith('data:'),
    );
    expect(outside).toEqual([]);
    // The pages asked for what they are made of, from the demo server only; ClaimLens fetched nothing.
    expect(requests.some((url) => url.startsWith(newsroom.url))).toBe(true);
  });
});
