import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toAnnotationCollection } from '../../utils/export/web-annotation.ts';
import type { ExtensionBrowser } from '../lib/browser.ts';
import { syntheticLibrary } from '../lib/synthetic-library.ts';
import { summarise, type Summary } from './stats.ts';

export interface TransferResult {
  annotations: number;
  fileMb: number;
  /** From choosing the file to the dashboard's outcome: read, checked, counted, sent and written. */
  importMs: number;
  /** From the click to the finished download, per format. */
  exports: { format: string; time: Summary }[];
}

/**
 * Times moving a library of `annotations` reader annotations through the dashboard: the import of a ClaimLens
 * export into an empty profile, then each export, as the reader does them.
 */
export async function benchTransfer(
  browser: ExtensionBrowser,
  annotations = 100_000,
  runs = 3,
): Promise<TransferResult> {
  const library = syntheticLibrary(annotations);
  const json = JSON.stringify(toAnnotationCollection(library, new Date('2026-07-20T12:00:00Z')));
  const file = join(tmpdir(), `claimlens-bench-${annotations}.jsonld`);
  await writeFile(file, json);
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('dashboard.html'));
  const importStart = performance.now();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.waitForFunction(
    () =>
      /^(Imported|Nothing)/.test(document.querySelector('[data-testid="import-result"]')?.textContent ?? ''),
    undefined,
    { timeout: 600_000, polling: 100 },
  );
  const importMs = performance.now() - importStart;
  const outcome = (await page.getByTestId('import-result').textContent()) ?? '';
  if (!outcome.startsWith('Imported')) throw new Error(`The benchmark's import failed: ${outcome}`);
  // The import's change events re-run every live view of the dashboard over the whole library: the exports are
  // timed on a dashboard opened afresh and done showing it, as a reader finds it.
  await page.reload();
  await page.waitForFunction(
    (articles) => document.querySelector('[data-testid="article-count"]')?.textContent === String(articles),
    library.articles.length,
    { timeout: 600_000, polling: 100 },
  );
  const exports: TransferResult['exports'] = [];
  for (const format of ['json', 'csv', 'md']) {
    const times: number[] = [];
    // The first run of each is a warm-up, not counted (as everywhere in BENCHMARKS.md).
    for (let run = 0; run <= runs; run++) {
      const start = performance.now();
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 600_000 }),
        page.getByTestId(`export-${format}`).click(),
      ]);
      await download.path();
      if (run > 0) times.push(performance.now() - start);
    }
    exports.push({ format, time: summarise(times) });
  }
  await page.close();
  return { annotations, fileMb: json.length / 1e6, importMs, exports };
}
