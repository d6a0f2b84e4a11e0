import { beforeAll, describe, expect, it } from 'vitest';
import {
  mutationsSoFar,
  openAnalyzed,
  readHighlights,
  selectText,
  sendToTab,
  tabIdOf,
  useHarness,
  watchMutations,
  type TestPage,
} from './harness.ts';

const harness = useHarness();
let page: TestPage;
let dashboard: TestPage;
let url: string;

const QUOTE = 'let outside developers rent the AI computing capacity it does not use itself';

beforeAll(async () => {
  page = await harness().browser.newPage();
  await watchMutations(page);
  url = `${harness().testPages.url}plain-article.html`;
  dashboard = await harness().browser.openExtensionPage('dashboard.html');
});

/** The text of every rule ClaimLens adopted into the page, read from the page's main world. */
const pageRules = () =>
  page.evaluate(() =>
    [...document.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join('\n'),
  );

const tagRow = (id: string) => dashboard.locator(`[data-testid="tag-row"][data-tag-id="${id}"]`);

/** Waits until the settings view has stored `n` changes. */
const settingsSaved = (n: number) =>
  expect.poll(() => dashboard.testId('settings-result').getAttribute('data-saved')).toBe(String(n));

describe('tags and settings', () => {
  it('renames and colours a tag made in the page; the page shows the new label and colour', async () => {
    await openAnalyzed(page, url);
    await selectText(page, QUOTE);
    await page.testId('new-tag-open').click();
    await page.testId('new-tag-input').fill('Check later');
    await page.testId('new-tag-save').click();
    await expect.poll(async () => (await readHighlights(page))['claimlens-annotation']).toEqual([QUOTE]);

    await dashboard.bringToFront();
    await expect.poll(() => tagRow('check-later').testId('tag-count').textContent()).toBe('1 annotation');
    await tagRow('check-later').testId('tag-rename').fill('Verify figures');
    await tagRow('check-later').testId('tag-rename').press('Enter');
    await expect
      .poll(() => dashboard.testId('tag-result').textContent())
      .toBe('Renamed to “Verify figures”.');
    await tagRow('check-later').testId('tag-color').fill('#aa3377');
    await expect.poll(() => dashboard.testId('tag-result').textContent()).toContain('#aa3377');

    await openAnalyzed(page, url);
    // The annotation keeps its tag (the id did not change) and is painted in the tag's colour.
    await expect
      .poll(async () => (await readHighlights(page))['claimlens-annotation-color-aa3377'])
      .toEqual([QUOTE]);
    const rules = await pageRules();
    expect(rules).toContain('::highlight(claimlens-annotation-color-aa3377)');
    expect(rules).toContain('rgb(170, 51, 119)');
    // The page can read these rules and highlight names: they carry colours, never the reader's tag names.
    expect(rules).not.toMatch(/check|verify/i);
    expect(Object.keys(await readHighlights(page)).join()).not.toMatch(/check|verify/i);
    // Colouring adopted a style sheet: no node, attribute or text of the page changed.
    expect(await mutationsSoFar(page)).toEqual([]);
    await selectText(page, 'Tencent has said');
    await expect.poll(() => page.testId('tag-check-later').textContent()).toBe('Verify figures');
  });

  it('deletes a tag after saying what it does; the annotation stays, without the tag', async () => {
    await dashboard.bringToFront();
    await tagRow('check-later').testId('tag-delete').click();
    expect(await tagRow('check-later').testId('tag-consequence').textContent()).toBe(
      '1 annotation carries “Verify figures”. Deleting the tag removes it from them; the annotations stay.',
    );
    await tagRow('check-later').testId('tag-delete-confirm').click();
    await expect.poll(() => tagRow('check-later').count()).toBe(0);
    expect(await dashboard.testId('storage-counts').textContent()).toContain('1 annotation');

    await openAnalyzed(page, url);
    await expect.poll(async () => (await readHighlights(page))['claimlens-annotation']).toEqual([QUOTE]);
    expect(await readHighlights(page)).not.toHaveProperty('claimlens-annotation-color-aa3377');
  });

  it('with auto-analysis off, leaves a new page alone until the reader asks from the popup', async () => {
    await dashboard.bringToFront();
    await dashboard.testId('settings-auto-analyze').uncheck();
    await settingsSaved(1);

    const fresh = await harness().browser.newPage();
    await openAnalyzed(fresh, url);
    await fresh.wait(300);
    expect(await readHighlights(fresh)).toEqual({});

    const tabId = await tabIdOf(harness(), fresh);
    const popup = await harness().browser.openExtensionPage(
      `popup.html?url=${encodeURIComponent(url)}&tab=${tabId}`,
    );
    await popup.testId('analyze-now').click();
    await expect
      .poll(async () => Object.keys(await readHighlights(fresh)).filter((n) => !n.includes('annotation')))
      .toContain('claimlens-overcapacity');
    await popup.close();

    // The show-highlights shortcut asks for it too.
    await openAnalyzed(fresh, url);
    expect(await readHighlights(fresh)).toEqual({});
    await sendToTab(harness(), fresh, { type: 'page/highlights', visible: 'toggle' });
    await expect
      .poll(async () => Object.keys(await readHighlights(fresh)))
      .toContain('claimlens-overcapacity');
    await fresh.close();

    await dashboard.bringToFront();
    await dashboard.testId('settings-auto-analyze').check();
    await settingsSaved(2);
  });

  it('switches the highlight style, and the page’s highlight rules follow', async () => {
    await openAnalyzed(page, url);
    expect(await pageRules()).not.toContain('transparent');
    await dashboard.bringToFront();
    await dashboard.testId('settings-highlight-style').selectOption('underline');
    await settingsSaved(3);
    await openAnalyzed(page, url);
    await expect.poll(pageRules).toContain('::highlight(claimlens-overcapacity)');
    expect(await pageRules()).toContain('background-color: transparent !important');
    expect(Object.keys(await readHighlights(page)).length).toBeGreaterThan(0);
  });

  it('shows the storage the library uses, and asks for persistent storage', async () => {
    await dashboard.bringToFront();
    await expect.poll(() => dashboard.testId('storage-used').textContent()).toMatch(/\d.* used of /);
    expect(await dashboard.testId('storage-counts').textContent()).toMatch(
      /^1 article, \d+ claims, 1 annotation$/,
    );
    const persisted = await dashboard.testId('storage-persisted').getAttribute('data-persisted');
    if (persisted !== 'true') {
      await dashboard.testId('storage-persist').click();
      await expect.poll(() => dashboard.testId('storage-persist-result').textContent()).toMatch(/granted/i);
    }
  });
});
