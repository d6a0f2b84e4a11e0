// `npm run bench`: measures ClaimLens in headless Chromium with the built extension and writes BENCHMARKS.md.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchCompare } from './bench/compare.ts';
import { benchDashboard } from './bench/dashboard.ts';
import { benchTransfer } from './bench/transfer.ts';
import { LARGE_LIBRARY, seedLibrary } from './bench/seed.ts';
import { benchReading } from './bench/reading.ts';
import { ms, type Summary } from './bench/stats.ts';
import { launchWithExtension, type ExtensionBrowser } from './lib/browser.ts';
import { serveFolder } from './lib/static-server.ts';
import { catalog, NEWSROOM } from './lib/newsroom.ts';

const COMPARE_GOAL_MS = 100;
/** "Find any claim in a second" (issue 6). */
const SEARCH_GOAL_MS = 1_000;
const EXPORT_GOAL_MS = 2_000;
const ANALYZE_10K_GOAL_MS = 15;
const MARK_JS_RATIO = 5;
const TEXT_QUOTE_RATIO = 3;
const CONTENT_SCRIPT_GOAL_KB = 40;

/** A table row; a figure with a goal says whether its median meets it. */
const row = (what: string, s: Summary, goalMs?: number) =>
  `| ${what} | ${ms(s.median)} | ${ms(s.min)} | ${ms(s.max)} | ${s.runs} | ` +
  (goalMs === undefined ? '| |' : `≤ ${goalMs} ms | ${s.median <= goalMs ? 'met' : 'NOT met'} |`);

/** A comparison row: both medians, and how many times faster ClaimLens is against the goal. */
const versus = (what: string, lens: Summary, other: Summary, goal: number) => {
  const ratio = other.median / lens.median;
  return (
    `| ${what} | ${ms(lens.median)} (${ms(lens.min)}–${ms(lens.max)}) | ${ms(other.median)} ` +
    `(${ms(other.min)}–${ms(other.max)}) | ${ratio.toFixed(1)}× | ≥ ${goal}× | ${ratio >= goal ? 'met' : 'NOT met'} |`
  );
};

/** `--only reading|library|transfer` runs one part and prints it (BENCHMARKS.md is written by whole runs only). */
const SECTIONS = { reading: readingSection, library: librarySection, transfer: transferSection };
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined && !Object.hasOwn(SECTIONS, only))
  throw new Error(`--only takes one of ${Object.keys(SECTIONS).join(', ')}, not "${only}"`);

// Each part in a browser and profile of its own: the library's figures are not slowed by the imported one.
const lines: string[] = [];
for (const [name, section] of Object.entries(SECTIONS))
  if (only === undefined || only === name) lines.push(...(await withBrowser(section)));
if (only === undefined) {
  lines.unshift(
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, headless Chromium with the built`,
    'extension, on this machine (medians of fresh runs; the first run of each is a warm-up and not counted).',
    '',
  );
  await writeFile(resolve(import.meta.dirname, '../BENCHMARKS.md'), lines.join('\n'));
}
console.log(lines.join('\n'));

async function librarySection(browser: ExtensionBrowser): Promise<string[]> {
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
  return [
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
  ];
}

async function transferSection(browser: ExtensionBrowser): Promise<string[]> {
  const transfer = await benchTransfer(browser);
  return [
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
}

async function withBrowser<T>(run: (browser: ExtensionBrowser) => Promise<T>): Promise<T> {
  const browser = await launchWithExtension();
  try {
    return await run(browser);
  } finally {
    await browser.close();
  }
}

async function readingSection(browser: ExtensionBrowser): Promise<string[]> {
  const pagesDir = await mkdtemp(join(tmpdir(), 'claimlens-bench-pages-'));
  const newsroom = await serveFolder(NEWSROOM);
  try {
    const articles = catalog.map((entry) => entry.path.replace(/^\//, ''));
    const r = await benchReading(browser, { url: newsroom.url, articles }, pagesDir);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const task = (t: number) => (t > 0 ? ms(t) : 'none over 50 ms');
    return [
      '## Reading a page',
      '',
      'Generated news pages of real article text (the labelled corpus, paragraphs in order) and the demo',
      'newsroom, each loaded fresh; `claimlens:analyze` spans extraction, detection (in the service worker) and',
      'painting. mark.js marks the same claim sentences ClaimLens found in the same page, on a second origin where',
      'the reader switched ClaimLens off (`separateWordSearch` and `diacritics` off, its fastest settings). The',
      'longest task is the longest main-thread task of the page during analysis, over every run.',
      '',
      '| Page | Claims | `claimlens:analyze` median | Min | Max | Runs | Longest task | Goal | |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...r.articles.map(
        (a) =>
          `| ${a.words.toLocaleString('en')} words | ${a.claims} | ${ms(a.analyze.median)} | ${ms(a.analyze.min)} | ` +
          `${ms(a.analyze.max)} | ${a.analyze.runs} | ${task(a.longestTaskMs)} | ` +
          (a.words === 10_000
            ? `≤ ${ANALYZE_10K_GOAL_MS} ms | ${a.analyze.median <= ANALYZE_10K_GOAL_MS ? 'met' : 'NOT met'} |`
            : '| |'),
      ),
      `| Demo newsroom (${r.demo.pages} pages, one load each) | | ${ms(r.demo.analyze.median)} | ` +
        `${ms(r.demo.analyze.min)} | ${ms(r.demo.analyze.max)} | ${r.demo.analyze.runs} | ` +
        `${task(r.demo.longestTaskMs)} | | |`,
      '',
      '| Against mark.js, same sentences | ClaimLens | mark.js | Ratio | Goal | |',
      '| --- | --- | --- | --- | --- | --- |',
      ...r.articles.map((a) =>
        versus(
          `${a.words.toLocaleString('en')} words (${a.marks} marks)`,
          a.analyze,
          a.markJs,
          MARK_JS_RATIO,
        ),
      ),
      '',
      `Re-anchoring ${r.anchoring.annotations} annotations on the ${r.anchoring.words.toLocaleString('en')}-word page:`,
      `ClaimLens's \`claimlens:anchor\` (the page's text walked once, each annotation found and painted:`,
      `${r.anchoring.painted} painted) against dom-anchor-text-quote's \`toRange\` for each, given the selectors and`,
      `position hints it makes itself (${r.anchoring.found} found).`,
      '',
      '| Re-anchoring | ClaimLens | dom-anchor-text-quote | Ratio | Goal | |',
      '| --- | --- | --- | --- | --- | --- |',
      versus(
        `${r.anchoring.annotations} annotations`,
        r.anchoring.claimLens,
        r.anchoring.textQuote,
        TEXT_QUOTE_RATIO,
      ),
      '',
      '| What every page loads | Size | Gzip | Goal | |',
      '| --- | --- | --- | --- | --- |',
      `| Content script | ${kb(r.contentScript.bytes)} | ${kb(r.contentScript.gzipBytes)} | ≤ ${CONTENT_SCRIPT_GOAL_KB} KB gzip | ` +
        `${r.contentScript.gzipBytes <= CONTENT_SCRIPT_GOAL_KB * 1024 ? 'met' : 'NOT met'} |`,
      '',
    ];
  } finally {
    await newsroom.close();
    await rm(pagesDir, { recursive: true, force: true });
  }
}
