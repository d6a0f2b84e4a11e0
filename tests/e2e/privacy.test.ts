import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openAnalyzed, useHarness } from './harness.ts';

const harness = useHarness();

describe('privacy', () => {
  it('makes no request of its own while analysing, tagging, comparing and exporting', async () => {
    const { context } = harness().browser;
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    // The watch sees the service worker's own fetches too: a canary fetch from the worker must show up.
    const canary = `${harness().newsroom.url}canary-${Date.now()}`;
    await harness().browser.worker.evaluate(
      (url) =>
        fetch(url).then(
          () => undefined,
          () => undefined,
        ),
      canary,
    );
    await expect.poll(() => requests.includes(canary)).toBe(true);

    const page = await context.newPage();
    const article = `${harness().newsroom.url}capital-ledger/meta-compute-rental-scarcity-cracks.html`;
    await openAnalyzed(page, article);
    await openAnalyzed(page, `${harness().newsroom.url}meridian-wire/meta-cloud-compute.html`);
    await page.evaluate(() => {
      const p = document.querySelector('article p, .story-body p, main p');
      const text = p?.firstChild;
      if (text) getSelection()?.setBaseAndExtent(text, 0, text, 30);
    });
    await page.getByTestId('selection-toolbar').waitFor();
    await page.getByTestId('tag-needs-source').click();
    await page.getByTestId('selection-toolbar').waitFor({ state: 'detached' });

    const popup = await context.newPage();
    await popup.goto(harness().browser.extensionUrl(`popup.html?url=${encodeURIComponent(article)}`));
    await popup.getByTestId('claim-count').waitFor();
    const dashboard = await context.newPage();
    await dashboard.goto(harness().browser.extensionUrl('dashboard.html'));
    const [download] = await Promise.all([
      dashboard.waitForEvent('download'),
      dashboard.getByTestId('export-json').click(),
    ]);
    expect(
      JSON.parse(await readFile((await download.path()) as string, 'utf8')).items.length,
    ).toBeGreaterThan(0);

    const outside = requests.filter(
      (url) =>
        !url.startsWith(harness().newsroom.url) &&
        !url.startsWith('chrome-extension://') &&
        !url.startsWith('blob:') &&
        !url.startsWith('data:'),
    );
    expect(outside).toEqual([]);
    // The pages asked for what they are made of, from the demo server only; ClaimLens fetched nothing.
    expect(requests.some((url) => url.startsWith(harness().newsroom.url))).toBe(true);
  });
});
