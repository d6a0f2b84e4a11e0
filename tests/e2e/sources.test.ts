import { describe, expect, it } from 'vitest';
import { openAnalyzed, useHarness } from './harness.ts';

const harness = useHarness();

const WIRE = 'meridian-wire/meta-cloud-compute.html';
const COPY = 'riverbend-gazette/meta-ai-cloud-chip-stocks.html';
const BEARISH = 'capital-ledger/meta-compute-rental-scarcity-cracks.html';
const OTHER_STORY = 'marketline/microsoft-data-centre-leases.html';

describe('comparing sources', () => {
  it('lists the other sources read on the same story, marks the syndicated copy, and leaves other stories out', async () => {
    const page = await harness().browser.newPage();
    for (const path of [WIRE, COPY, BEARISH, OTHER_STORY])
      await openAnalyzed(page, harness().newsroom.url + path);
    const popup = await harness().browser.openExtensionPage(
      `popup.html?url=${encodeURIComponent(harness().newsroom.url + WIRE)}`,
    );
    const rows = popup.testId('source-row');
    await expect.poll(() => rows.count(), { timeout: 5_000 }).toBe(2);
    const seen = await rows.evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-url'), el.getAttribute('data-syndicated')]).sort(),
    );
    expect(seen).toEqual(
      [
        [harness().newsroom.url + BEARISH, 'false'],
        [harness().newsroom.url + COPY, 'true'],
      ].sort(),
    );
  });

  it('shows shared and unique claims, the disagreeing figure, and links that open a source at its claim', async () => {
    const page = await harness().browser.newPage();
    const NGB = 'ngb-news/meta-ai-rental-chip-stocks.html';
    for (const path of [NGB]) await openAnalyzed(page, harness().newsroom.url + path);
    const popup = await harness().browser.openExtensionPage(
      `popup.html?url=${encodeURIComponent(harness().newsroom.url + NGB)}`,
    );
    await expect.poll(() => popup.testId('source-row').count(), { timeout: 5_000 }).toBe(3);
    expect(await popup.testId('aligned-claim').count()).toBeGreaterThan(0);
    expect(await popup.testId('unique-claim').count()).toBeGreaterThan(0);
    const mismatch = await popup.testId('figure-mismatch').first().textContent();
    expect(mismatch).toMatch(/Philadelphia Semiconductor Index: 4% here, 6( per cent|%) in/);
    const link = await popup.testId('aligned-claim').first().locator('a').first().getAttribute('href');
    expect(link).toMatch(/#:~:text=/);
  });

  it('lets the reader say a source is not on this story, and keeps that', async () => {
    const WIRE_URL = harness().newsroom.url + 'meridian-wire/meta-cloud-compute.html';
    const popup = await harness().browser.openExtensionPage(`popup.html?url=${encodeURIComponent(WIRE_URL)}`);
    const rows = popup.testId('source-row');
    await expect.poll(() => rows.count(), { timeout: 5_000 }).toBe(3);
    const bearish = popup.locator(`[data-testid="source-row"][data-url$="${BEARISH}"]`);
    await bearish.testId('split-source').click();
    await expect.poll(() => rows.count()).toBe(2);
    await popup.reload();
    await expect.poll(() => rows.count(), { timeout: 5_000 }).toBe(2);
    expect(await popup.locator(`[data-testid="source-row"][data-url$="${BEARISH}"]`).count()).toBe(0);
  });
});
