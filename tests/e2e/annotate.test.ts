import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  openAnalyzed,
  readHighlights,
  selectText,
  useHarness,
  TEST_PAGES,
  type TestPage,
} from './harness.ts';

const harness = useHarness();
let page: TestPage;
let url: string;

const QUOTE = 'let outside developers rent the AI computing capacity it does not use itself';
const ORIGINAL = await readFile(resolve(TEST_PAGES, 'plain-article.html'), 'utf8');

beforeAll(async () => {
  page = await harness().browser.newPage();
  url = `${harness().testPages.url}plain-article.html`;
});

/** Serves `html` at the article's address from now on: the same page, as its publisher later edited it (null: as it was). */
const publish = (html: string | null) => page.serve(url, html);

const annotated = async () =>
  Object.entries(await readHighlights(page))
    .filter(([name]) => name.startsWith('claimlens-annotation'))
    .flatMap(([, ranges]) => ranges.map((r) => r.replace(/\s+/g, ' ')));

describe('annotations', () => {
  it('tags a selection from the toolbar, paints it at once, and takes the toolbar away', async () => {
    await openAnalyzed(page, url);
    await selectText(page, QUOTE);
    const toolbar = page.testId('selection-toolbar');
    await toolbar.waitFor({ timeout: 5_000 });
    for (const id of ['overcapacity', 'demand', 'disputed', 'needs-source']) {
      expect(await page.testId(`tag-${id}`).count()).toBe(1);
    }
    await page.testId('tag-disputed').click();
    await expect
      .poll(async () => (await readHighlights(page))['claimlens-annotation-disputed'])
      .toEqual([QUOTE]);
    await toolbar.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.querySelectorAll('claimlens-toolbar').length)).toBe(0);
  });

  it('comes back on the next visit', async () => {
    await openAnalyzed(page, url);
    await expect.poll(annotated).toEqual([QUOTE]);
  });

  it('unpaints an annotation whose text the page removes, and keeps it stored', async () => {
    await page.evaluate((quote) => {
      for (const p of document.querySelectorAll('p')) if (p.textContent?.includes(quote)) p.remove();
    }, QUOTE);
    await expect.poll(annotated).toEqual([]);
    // Still stored: the next visit, to an edited page, finds it again (below).
  });

  it('re-anchors after the page gains a paragraph before it and a word inside it changes', async () => {
    const edited = ORIGINAL.replace(
      '<div class="txt">',
      '<div class="txt">\n<p>Editor’s note: this article was updated on 17 July with comment from analysts.</p>',
    ).replace('developers rent the AI', 'developers lease the AI');
    await publish(edited);
    await openAnalyzed(page, url);
    await expect.poll(annotated).toEqual([QUOTE.replace('rent', 'lease')]);
  });

  it('lists an annotation whose text is gone as an orphan in the popup, with its quote and context', async () => {
    await publish(ORIGINAL.replace(/<p>Meta is said to be preparing[^<]*<\/p>/, ''));
    await openAnalyzed(page, url);
    await expect.poll(annotated).toEqual([]);
    const popup = await harness().browser.openExtensionPage(`popup.html?url=${encodeURIComponent(url)}`);
    const orphan = popup.testId('orphan');
    await expect.poll(() => orphan.count(), { timeout: 5_000 }).toBe(1);
    expect(await orphan.textContent()).toContain(QUOTE);
    expect(await orphan.textContent()).toContain('preparing a service that would');
    await popup.close();
    const dashboard = await harness().browser.openExtensionPage('dashboard.html');
    await expect.poll(() => dashboard.testId('orphan').count()).toBe(1);
    expect(await dashboard.testId('orphan').textContent()).toContain(QUOTE);
    await dashboard.close();
    await publish(null);
  });

  it('exports the annotation as a W3C annotation with a tagging body', async () => {
    const dashboard = await harness().browser.openExtensionPage('dashboard.html');
    const exported = JSON.parse(
      (await dashboard.download(() => dashboard.testId('export-json').click())).toString('utf8'),
    );
    const mine = exported.items.find((i: { id: string }) => i.id.startsWith('urn:claimlens:annotation:'));
    expect(mine.body).toContainEqual({ type: 'TextualBody', purpose: 'tagging', value: 'disputed' });
    expect(mine.target.source).toBe(url);
    expect(mine.target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: QUOTE });
    await dashboard.close();
  });
});
