import { describe, expect, it } from 'vitest';
import { openAnalyzed, useHarness } from './harness.ts';

const harness = useHarness();

const WIRE = 'meridian-wire/meta-cloud-compute.html';
const COPY = 'riverbend-gazette/meta-ai-cloud-chip-stocks.html';
const BEARISH = 'capital-ledger/meta-compute-rental-scarcity-cracks.html';
const OTHER_STORY = 'marketline/microsoft-data-centre-leases.html';

describe('comparing sources', () => {
  it('lists the other sources read on the same story, marks the syndicated copy, and leaves other stories out', async () => {
    const page = await harness().browser.context.newPage();
    for (const path of [WIRE, COPY, BEARISH, OTHER_STORY])
      await openAnalyzed(page, harness().newsroom.url + path);
    const popup = await harness().browser.context.newPage();
    await popup.goto(
      harness().browser.extensionUrl(`popup.html?url=${encodeURIComponent(harness().newsroom.url + WIRE)}`),
    );
    const rows = popup.getByTestId('source-row');
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
});
