import { beforeAll, describe, expect, it } from 'vitest';
import {
  mutationsSoFar,
  openAnalyzed,
  readHighlights,
  useHarness,
  watchMutations,
  type TestPage,
} from './harness.ts';

const harness = useHarness();
let page: TestPage;

const BEARISH =
  'To a number of fund managers the plan reads as an admission of surplus capacity, and they expect the company to buy fewer chips over the coming year.';

beforeAll(async () => {
  page = await harness().browser.newPage();
});

/** The centre of the first line of the highlighted range whose text starts with `text`, in viewport pixels. */
async function pointOn(target: TestPage, text: string): Promise<{ x: number; y: number }> {
  const point = await target.evaluate(
    (prefix) => {
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('claimlens-')) continue;
        for (const range of highlight as Highlight) {
          if (!(range as Range).toString().startsWith(prefix)) continue;
          (range as Range).startContainer.parentElement?.scrollIntoView({ block: 'center' });
          const rect = (range as Range).getClientRects()[0];
          if (rect) return { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + rect.height / 2 };
        }
      }
      return null;
    },
    text.slice(0, 40),
  );
  if (!point) throw new Error(`No highlighted claim starts with "${text.slice(0, 40)}"`);
  return point;
}

describe('the claim card', () => {
  it('opens on hover with the cues that fired, adding its host only then, and removes it on Escape', async () => {
    await watchMutations(page);
    await openAnalyzed(page, `${harness().testPages.url}plain-article.html`);
    await page.wait(200);
    expect(await mutationsSoFar(page)).toEqual([]);

    const { x, y } = await pointOn(page, BEARISH);
    await page.mouseMove(x, y);
    const card = page.testId('claim-card');
    await card.waitFor({ timeout: 5_000 });
    expect(await page.testId('card-stance').textContent()).toBe('Overcapacity');
    const cues = await page.testId('card-cue').allTextContents();
    expect(cues.join(' ')).toMatch(/surplus|fewer/);
    expect(await page.evaluate(() => document.querySelectorAll('claimlens-card').length)).toBe(1);

    await page.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.querySelectorAll('claimlens-card').length)).toBe(0);
  });

  it('takes a correction, repaints at once, and the correction comes back on the next visit', async () => {
    const { x, y } = await pointOn(page, BEARISH);
    await page.mouseClick(x, y);
    await page.testId('verdict-demand').click();
    await expect.poll(async () => (await readHighlights(page))['claimlens-demand'] ?? []).toContain(BEARISH);
    expect((await readHighlights(page))['claimlens-overcapacity'] ?? []).not.toContain(BEARISH);

    await openAnalyzed(page, `${harness().testPages.url}plain-article.html`);
    expect((await readHighlights(page))['claimlens-demand']).toContain(BEARISH);
  });

  it('drops a claim the reader marks as not a claim, here and on later visits', async () => {
    await page.press('Escape'); // close the card left open by the test before
    const tencent =
      'Tencent has said its compute remains insufficient for both its own products and its cloud customers.';
    const { x, y } = await pointOn(page, tencent);
    await page.mouseClick(x, y);
    await page.testId('verdict-none').click();
    await expect.poll(async () => Object.values(await readHighlights(page)).flat()).not.toContain(tencent);
    await openAnalyzed(page, `${harness().testPages.url}plain-article.html`);
    expect(Object.values(await readHighlights(page)).flat()).not.toContain(tencent);
  });
});
