import { beforeAll, describe, expect, it } from 'vitest';
import { openAnalyzed, useHarness, type TestPage } from './harness.ts';

const harness = useHarness();
let dashboard: TestPage;

const PAGES = [
  'meridian-wire/meta-cloud-compute.html',
  'capital-ledger/meta-compute-rental-scarcity-cracks.html',
  'bitstream/meta-renting-gpus-is-not-a-retreat.html',
  'marketline/microsoft-data-centre-leases.html',
];
const LEDGER = 'capital-ledger/meta-compute-rental-scarcity-cracks.html';

/** The extension API as the dashboard page sees it (only what these tests call): `browser` in Firefox. */
interface RuntimeApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

const send = (message: unknown) =>
  dashboard.evaluate((m) => {
    const scope = globalThis as unknown as { browser?: RuntimeApi; chrome?: RuntimeApi };
    return (scope.browser ?? scope.chrome)?.runtime.sendMessage(m);
  }, message);
const count = async (testId: string) => Number(await dashboard.testId(testId).textContent());
const rows = () => dashboard.testId('result-row');
const ledgerRow = () => dashboard.locator(`[data-testid="article-row"][data-url$="${LEDGER}"]`);

beforeAll(async () => {
  const page = await harness().browser.newPage();
  for (const path of PAGES) await openAnalyzed(page, harness().newsroom.url + path);
  await page.close();
  dashboard = await harness().browser.openExtensionPage('dashboard.html');
  await dashboard.waitForFunction(
    (n) => document.querySelector('[data-testid="article-count"]')?.textContent === String(n),
    PAGES.length,
    { timeout: 5_000 },
  );
});

describe('the library', () => {
  it('finds claims by a word, marks the word, and narrows by stance and outlet', async () => {
    await dashboard.testId('library-search').fill('idle');
    // The search runs once typing pauses: wait until every row is one it found.
    const quotes = () =>
      rows().evaluateAll((els) => els.map((el) => el.querySelector('q')?.textContent ?? ''));
    await expect
      .poll(async () => (await quotes()).filter((q) => !/\bidle\b/i.test(q)), { timeout: 5_000 })
      .toEqual([]);
    expect(await count('result-count')).toBeGreaterThanOrEqual(3);
    const found = await rows().evaluateAll((els) =>
      els.map((el) => ({
        kind: el.getAttribute('data-kind'),
        text: el.querySelector('q')?.textContent ?? '',
        marked: [...el.querySelectorAll('mark')].map((m) => m.textContent),
      })),
    );
    expect(found.length).toBe(await count('result-count'));
    for (const row of found) {
      expect(row.kind).toBe('claim');
      expect(row.text).toMatch(/\bidle\b/i);
      expect(row.marked.map((m) => m?.toLowerCase())).toContain('idle');
    }
    const link = await rows().first().locator('a').getAttribute('href');
    expect(link).toMatch(/^popup\.html\?url=http/);

    await dashboard.testId('filter-stance').selectOption('demand');
    await expect
      .poll(() => dashboard.testId('result-stance').allTextContents())
      .toEqual(expect.arrayContaining(['demand']));
    const stances = await dashboard.testId('result-stance').allTextContents();
    expect(new Set(stances)).toEqual(new Set(['demand']));
    const demand = await count('result-count');

    await dashboard.testId('filter-outlet').selectOption('The Capital Ledger');
    await expect.poll(() => count('result-count')).toBeLessThan(demand);
    expect(await count('result-count')).toBeGreaterThan(0);
    expect(new Set(await dashboard.testId('result-outlet').allTextContents())).toEqual(
      new Set(['The Capital Ledger']),
    );
  });

  it('deletes an article with an undo notice, and undoing puts it back', async () => {
    const before = await count('result-count');
    await ledgerRow().testId('delete-article').click();
    const toast = dashboard.testId('delete-toast');
    await expect.poll(() => toast.textContent()).toMatch(/Deleted “.*”: 1 articles/);
    expect(await toast.getAttribute('role')).toBe('status');
    await expect.poll(() => count('article-count')).toBe(PAGES.length - 1);
    expect(await ledgerRow().count()).toBe(0);
    await expect.poll(() => count('result-count')).toBe(0);

    await dashboard.testId('undo-delete').click();
    await expect.poll(() => count('article-count')).toBe(PAGES.length);
    await expect.poll(() => count('result-count')).toBe(before);
    expect(await toast.textContent()).toMatch(/Restored/);
  });

  it('makes a delete final once the undo window has passed', async () => {
    await send({ type: 'settings/undo-window', seconds: 2 });
    await ledgerRow().testId('delete-article').click();
    await dashboard.testId('undo-delete').waitFor();
    await dashboard.testId('delete-toast').waitFor({ state: 'detached', timeout: 5_000 });
    await dashboard.reload();
    await expect.poll(() => count('article-count'), { timeout: 5_000 }).toBe(PAGES.length - 1);
    expect(await ledgerRow().count()).toBe(0);
    expect(await dashboard.testId('delete-toast').count()).toBe(0);

    // Too late even for a restore asked by hand: the background refuses it.
    const deleted = (await send({
      type: 'library/delete',
      scope: { kind: 'article', articleUrl: harness().newsroom.url + PAGES[3] },
    })) as { ok: boolean; trash: { id: string } };
    expect(deleted.ok).toBe(true);
    await dashboard.wait(2_500);
    expect(await send({ type: 'library/restore', trashId: deleted.trash.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/undo window has passed/),
    });
    await expect.poll(() => count('article-count')).toBe(PAGES.length - 2);
  });
});
