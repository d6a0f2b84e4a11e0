import { describe, expect, it } from 'vitest';
import { openAnalyzed, useHarness } from './harness.ts';

// A profile of its own: the reading must lean plainly (the catalog's claims run 16 to 3 for overcapacity in
// these three sources), so the test does not hang on one claim more or less of a wider reading.
const harness = useHarness();

const BEARISH = 'capital-ledger/meta-compute-rental-scarcity-cracks.html';
const NGB = 'ngb-news/meta-ai-rental-chip-stocks.html';
const WIRE = 'meridian-wire/meta-cloud-compute.html';
const OTHER_STORY = 'marketline/microsoft-data-centre-leases.html';

describe('the dashboard’s blind-spot note', () => {
  it('tells the reader when their reading of a story leans one way, and where the other side is', async () => {
    const { newsroom, browser } = harness();
    const page = await browser.newPage();
    for (const path of [BEARISH, NGB, WIRE, OTHER_STORY]) await openAnalyzed(page, newsroom.url + path);
    const dashboard = await browser.openExtensionPage('dashboard.html#stories');
    const story = dashboard.locator(`[data-testid="story"]:has([data-url="${newsroom.url + WIRE}"])`);
    const note = story.testId('blind-spot');
    await expect.poll(() => note.getAttribute('data-leans'), { timeout: 5_000 }).toBe('overcapacity');
    const others = await note
      .testId('other-side-source')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-url')));
    expect(others.length).toBeGreaterThan(0);
    expect(others).not.toContain(null);
    expect(await note.testId('other-side-claim').count()).toBeGreaterThan(0);
    // A story the reader has read once does not lean.
    const single = dashboard.locator(`[data-testid="story"]:has([data-url="${newsroom.url + OTHER_STORY}"])`);
    expect(await single.testId('blind-spot').count()).toBe(0);
  });
});
