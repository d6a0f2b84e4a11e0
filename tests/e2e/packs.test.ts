import { beforeAll, describe, expect, it } from 'vitest';
import { openAnalyzed, readHighlights, useHarness, type TestPage } from './harness.ts';

const harness = useHarness();
let dashboard: TestPage;
let page: TestPage;

const RAIL_PACK = {
  id: 'rail-freight',
  name: 'Rail freight capacity',
  version: 1,
  anchors: ['freight', 'wagon*', 'rail*'],
  cues: [{ phrase: 'wagon* ... idle', stance: 'overcapacity', weight: 1.6 }],
};
const IDLE_WAGONS =
  'At the Millford yard, hundreds of wagons now stand idle on the sidings, and two of the five shunting crews have been moved to other depots.';

beforeAll(async () => {
  dashboard = await harness().browser.openExtensionPage('dashboard.html');
  page = await harness().browser.newPage();
});

async function savePack(json: string): Promise<{ role: string | null; text: string | null }> {
  await dashboard.testId('pack-json').fill(json);
  await dashboard.testId('pack-save').click();
  const result = dashboard.testId('pack-result');
  await result.waitFor();
  return { role: await result.getAttribute('role'), text: await result.textContent() };
}

describe('topic packs', () => {
  it('refuses a malformed pack with the reason, and stores nothing', async () => {
    expect(await savePack('{ "id": "x"')).toMatchObject({
      role: 'alert',
      text: expect.stringContaining('Not JSON'),
    });
    expect(
      await savePack(JSON.stringify({ ...RAIL_PACK, cues: [{ phrase: 'x', stance: 'up', weight: 1 }] })),
    ).toMatchObject({
      role: 'alert',
      text: expect.stringContaining('cues[0].stance'),
    });
    expect(await savePack(JSON.stringify({ ...RAIL_PACK, id: 'ai-compute' }))).toMatchObject({
      role: 'alert',
      text: expect.stringContaining('built-in'),
    });
    expect(await dashboard.testId('pack-row').count()).toBe(1);
  });

  it('uses a pack of the reader’s own on the next page they open', async () => {
    await openAnalyzed(page, `${harness().testPages.url}rail-freight.html`);
    expect(await readHighlights(page)).toEqual({});
    expect(await savePack(JSON.stringify(RAIL_PACK))).toMatchObject({ role: 'status' });
    await dashboard.testId('pack-row').nth(1).waitFor();
    await openAnalyzed(page, `${harness().testPages.url}rail-freight.html`);
    expect((await readHighlights(page))['claimlens-overcapacity']).toEqual([IDLE_WAGONS]);
  });

  it('switches a pack off and on again', async () => {
    await dashboard.testId('pack-enabled-ai-compute').uncheck();
    // The status line appears once the background has stored the switch.
    await expect.poll(() => dashboard.testId('pack-result').textContent()).toMatch(/: off$/);
    await openAnalyzed(page, `${harness().testPages.url}plain-article.html`);
    expect(await readHighlights(page)).toEqual({});
    await dashboard.testId('pack-enabled-ai-compute').check();
    await expect.poll(() => dashboard.testId('pack-result').textContent()).toMatch(/: on$/);
    await openAnalyzed(page, `${harness().testPages.url}plain-article.html`);
    expect(Object.keys(await readHighlights(page)).length).toBeGreaterThan(0);
  });

  it('deletes the reader’s pack after asking', async () => {
    dashboard.acceptNextDialog();
    await dashboard.testId('pack-delete-rail-freight').click();
    await expect.poll(() => dashboard.testId('pack-row').count()).toBe(1);
    await openAnalyzed(page, `${harness().testPages.url}rail-freight.html`);
    expect(await readHighlights(page)).toEqual({});
  });
});
