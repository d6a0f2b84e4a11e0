// `npm run bench`: measures ClaimLens in headless Chromium with the built extension and writes BENCHMARKS.md.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { benchCompare } from './bench/compare.ts';
import { benchDashboard } from './bench/dashboard.ts';
import { benchTransfer } from './bench/transfer.ts';
import { LARGE_LIBRARY, seedLibrary } from './bench/seed.ts';
import { ms, type Summary } from './bench/stats.ts';
import { launchWithExtension } from './lib/browser.ts';

const COMPARE_GOAL_MS = 100;
/** "Find any claim in a second" (issue 6). */
const SEARCH_GOAL_MS = 1_000;
const EXPORT_GOAL_MS = 2_000;

/** A table row; a figure with a goal says whether its median meets it. */
const row = (what: string, s: Summary, goalMs?: number) =>
  `| ${what} | ${ms(s.median)} | ${ms(s.min)} | ${ms(s.max)} | ${s.runs} | ` +
  (goalMs === undefined ? '| |' : `≤ ${goalMs} ms | ${s.median <= goalMs ? 'met' : 'NOT met'} |`);

// Moving a library runs in a profile of its own, so its import lands in an empty library.
const mover = await launchWithExtension();
const transfer = await benchTransfer(mover).finally(() => mover.close());

const browser = await launchWithExtension();
try {
  const size = LARGE_LIBRARY;
  const seeding = await browser.context.newPage();
  // Opening an extension page creates the database at its current schema before it is filled.
  await seeding.goto(browser.extensionUrl('popup.html'));
  const seedStart = performance.now();
  const target = await seedLibrary(seeding, size);
  const seedMs = performance.now() - seedStart;
  await seeding.close();
  const compare = await benchCompare(browser, target);
  const dashboard = await benchDashboard(browser, size.articles);
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, headless Chromium with the built`,
    'extension, on this machine (medians of fresh runs; the first run of each is a warm-up and not counted).',
    '',
    '## Comparing sources in a large library',
    '',
    `${size.articles.toLocaleString('en')} articles and ${(size.articles * size.claimsPerArticle).toLocaleString('en')}`,
    `claims stored (stories of ${size.sourcesPerStory} outlets, written in ${ms(seedMs)}); the popup opened`,
    `on one article, showing ${compare.sourceRows} other sources with every claim aligned.`,
    '',
    '| What | Median | Min | Max | Runs | Goal | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('Compare query (`claimlens:compare`)', compare.compare, COMPARE_GOAL_MS),
    row('Popup first render with the comparison', compare.ready, COMPARE_GOAL_MS),
    '',
    '## The library in the dashboard, same library',
    '',
    'The dashboard opened (article count and first stories on screen), then searches typed into the library',
    '(`claimlens:search`, the query alone; results counted in full).',
    '',
    '| What | Median | Min | Max | Runs | Goal | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('Dashboard first render', dashboard.ready),
    ...dashboard.searches.map(({ query, search, total }) =>
      row(`Search "${query}" (${total.toLocaleString('en')} results)`, search, SEARCH_GOAL_MS),
    ),
    '',
    '## Moving a library: export and import',
    '',
    `${transfer.annotations.toLocaleString('en')} reader annotations (with their articles and claims; a`,
    `${transfer.fileMb.toFixed(0)} MB ClaimLens JSON export) imported through the dashboard into an empty`,
    `profile in ${ms(transfer.importMs)} (one run: file read, checked and counted, sent to the background in`,
    'parts, written in one transaction), then exported in each format, from the click to the finished download.',
    '',
    '| What | Median | Min | Max | Runs | Goal | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...transfer.exports.map(({ format, time }) =>
      row(`Export ${format.toUpperCase()}`, time, EXPORT_GOAL_MS),
    ),
    '',
  ];
  await writeFile(resolve(import.meta.dirname, '../BENCHMARKS.md'), lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  await browser.close();
}
