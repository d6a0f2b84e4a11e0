import { describe, expect, it } from 'vitest';
import { launchBrowser } from './driver.ts';
import {
  countRecords,
  openAnalyzed,
  readHighlights,
  selectText,
  useHarness,
  type TestPage,
} from './harness.ts';

const harness = useHarness();
let dashboard: TestPage;

const QUOTE = 'let outside developers rent the AI computing capacity it does not use itself';
const NOTED = 'its compute remains insufficient';
const NOTE = 'Check this against Tencent’s own filing.';
/** The reader's own annotations made on the page: one tagged, one with a note. */
const MINE = 2;
const ELSEWHERE = 'https://elsewhere.example/2026/07/gpu-rental-slide';

/** A small export as Hypothesis's API gives it: two annotations on a page ClaimLens has not read, and a reply. */
const hypothesisFile = JSON.stringify({
  total: 3,
  rows: ['hA1', 'hA2', 'hA3'].map((id, i) => ({
    id,
    created: '2026-07-01T09:00:00.000000+00:00',
    updated: '2026-07-01T09:00:00.000000+00:00',
    uri: ELSEWHERE,
    text: `Note ${i}`,
    tags: ['AI capex'],
    target: [
      {
        source: ELSEWHERE,
        selector: [
          { type: 'TextPositionSelector', start: i * 50, end: i * 50 + 20 },
          { type: 'TextQuoteSelector', exact: `rental prices fell ${i}`, prefix: '', suffix: '' },
        ],
      },
    ],
    document: { title: ['GPU rental prices slide'] },
    ...(i === 2 ? { references: ['hA1'] } : {}),
  })),
});

const download = (testId: string) => dashboard.download(() => dashboard.testId(testId).click());

const countStored = (table: string) => countRecords(harness(), table);

describe('export and import through the dashboard', () => {
  it('starts from an annotated article', async () => {
    const page = await harness().browser.newPage();
    await openAnalyzed(page, `${harness().testPages.url}plain-article.html`);
    await selectText(page, QUOTE);
    await page.testId('tag-disputed').click();
    await expect
      .poll(async () => (await readHighlights(page))['claimlens-annotation-disputed'])
      .toEqual([QUOTE]);
    await selectText(page, NOTED);
    await page.testId('note-open').click();
    await page.testId('note-input').fill(NOTE);
    await page.testId('note-save').click();
    await expect.poll(async () => (await readHighlights(page))['claimlens-annotation']).toEqual([NOTED]);
    await page.close();
    dashboard = await harness().browser.openExtensionPage('dashboard.html');
    await expect.poll(() => dashboard.testId('article-count').textContent()).toBe('1');
  });

  it('downloads the JSON export with a format version, the claims and the reader’s annotation', async () => {
    const exported = JSON.parse((await download('export-json')).toString('utf8'));
    expect(exported).toMatchObject({ type: 'AnnotationCollection', claimlens: { formatVersion: 1 } });
    const mine = exported.items.filter((i: { id: string }) => i.id.startsWith('urn:claimlens:annotation:'));
    expect(mine).toHaveLength(MINE);
    const [tagged, noted] = [QUOTE, NOTED].map((exact) =>
      mine.find((i: { target: { selector: { exact?: string }[] } }) => i.target.selector[0]?.exact === exact),
    );
    expect(tagged.body).toContainEqual({ type: 'TextualBody', purpose: 'tagging', value: 'disputed' });
    expect(noted.body).toContainEqual({ type: 'TextualBody', purpose: 'commenting', value: NOTE });
    expect(exported.items.length).toBe(exported.total);
    expect(exported.items.length).toBeGreaterThan(1);
    // The progress bar is there only while an export runs.
    expect(await dashboard.testId('export-progress').count()).toBe(0);
  });

  it('downloads the CSV with a byte order mark, and the Markdown by story and outlet', async () => {
    const csv = await download('export-csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('annotation,');
    const md = (await download('export-md')).toString('utf8');
    expect(md).toMatch(/^# ClaimLens export/);
    expect(md).toMatch(/^## Story: /m);
    expect(md).toContain('_yours_ \\#disputed');
  });

  it('imports its JSON export into an empty profile, which then exports the same annotations', async () => {
    const exported = await download('export-json');
    const empty = await launchBrowser();
    try {
      const other = await empty.openExtensionPage('dashboard.html');
      await other.testId('import-file').setInputFiles({
        name: 'claimlens.jsonld',
        mimeType: 'application/ld+json',
        buffer: exported,
      });
      await expect.poll(() => other.testId('import-result').textContent()).toMatch(/^Imported /);
      expect(await other.testId('import-result').getAttribute('role')).toBe('status');
      await expect.poll(() => other.testId('article-count').textContent()).toBe('1');
      const again = await other.download(() => other.testId('export-json').click());
      const itemsOf = (json: string) => JSON.parse(json).items;
      const reexported = again.toString('utf8');
      expect(itemsOf(reexported)).toEqual(itemsOf(exported.toString('utf8')));
    } finally {
      await empty.close();
    }
  });

  const choose = (name: string, file: string) =>
    dashboard.testId('import-file').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    });

  it('imports a Hypothesis export that only adds, and says what came and what was skipped', async () => {
    await choose('hypothesis.json', hypothesisFile);
    const result = dashboard.testId('import-result');
    await expect
      .poll(() => result.textContent())
      .toMatch(
        /^Imported 2 annotations from 1 article: 2 new, 0 updated, 0 unchanged, 0 conflicting.*1 item skipped/,
      );
    expect(await result.getAttribute('role')).toBe('status');
    expect(await dashboard.testId('import-preview').count()).toBe(0);
    await expect.poll(() => dashboard.testId('article-count').textContent()).toBe('2');
    expect(await countStored('annotations')).toBe(MINE + 2);

    // The same file again adds nothing and says so.
    await choose('again.json', hypothesisFile);
    await expect
      .poll(() => result.textContent())
      .toMatch(/^Imported 0 annotations from 0 articles: 0 new, 0 updated, 2 unchanged/);
    expect(await countStored('annotations')).toBe(MINE + 2);
  });

  it('previews a file that would change stored annotations, and writes nothing until the reader confirms', async () => {
    // The same two annotations, edited later elsewhere: their notes changed.
    const edited = hypothesisFile
      .replaceAll('2026-07-01T09:00:00', '2026-07-02T09:00:00')
      .replaceAll('"Note ', '"Edited note ');
    await choose('edited.json', edited);
    const preview = dashboard.testId('import-preview');
    await preview.waitFor();
    expect(await preview.locator('[data-count="updated"]').textContent()).toBe('2 updated');
    expect(await dashboard.testId('import-skipped').textContent()).toContain('item 3: it is a reply');
    await dashboard.testId('import-cancel').click();
    expect(await preview.count()).toBe(0);
    expect(await countStored('annotations')).toBe(MINE + 2);

    await choose('edited.json', edited);
    await preview.waitFor();
    await dashboard.testId('import-apply').click();
    await expect
      .poll(() => dashboard.testId('import-result').textContent())
      .toMatch(/^Imported 2 annotations from 0 articles: 0 new, 2 updated, 0 unchanged, 0 conflicting/);
    expect(await preview.count()).toBe(0);
    expect(await countStored('annotations')).toBe(MINE + 2);
  });

  it('refuses a malformed file with an alert, shows no preview and changes nothing', async () => {
    await dashboard.testId('import-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(hypothesisFile.slice(0, 200)),
    });
    const result = dashboard.testId('import-result');
    await expect.poll(() => result.getAttribute('role')).toBe('alert');
    expect(await result.textContent()).toMatch(
      /^Nothing was imported\. Not a JSON file \(or one cut short\)/,
    );
    expect(await dashboard.testId('import-preview').count()).toBe(0);
    expect(await dashboard.testId('article-count').textContent()).toBe('2');
    expect(await countStored('annotations')).toBe(MINE + 2);
  });
});
