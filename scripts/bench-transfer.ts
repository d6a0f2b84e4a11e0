// `npm run bench:transfer`: export and import times for a library of 100,000 annotations (with their 5,000
// articles and 50,000 claims), in Node, the database in fake-indexeddb. Medians of a few runs.
import 'fake-indexeddb/auto';
import { ImportRepository } from '../utils/db/import.ts';
import { ClaimLensDatabase } from '../utils/db/schema.ts';
import { collectParts, type Part } from '../utils/export/chunks.ts';
import { csvParts } from '../utils/export/csv.ts';
import { parseImport } from '../utils/export/import.ts';
import { markdownParts } from '../utils/export/markdown.ts';
import { annotationCollectionParts, type Library } from '../utils/export/web-annotation.ts';
import { syntheticLibrary } from './lib/synthetic-library.ts';

const ANNOTATIONS = Number(process.env.BENCH_ANNOTATIONS ?? 100_000);
const EXPORT_RUNS = 5;
const IMPORT_RUNS = 3;
const NOW = new Date('2026-07-20T12:00:00Z');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

const library = syntheticLibrary(ANNOTATIONS);
console.log(
  `Library: ${library.annotations.length.toLocaleString('en')} annotations, ` +
    `${library.claims.length.toLocaleString('en')} claims, ${library.articles.length.toLocaleString('en')} articles`,
);

const exporters: [string, (l: Library) => Iterable<Part>][] = [
  ['JSON', (l) => annotationCollectionParts(l, NOW)],
  ['CSV', (l) => csvParts(l.articles, l.claims, l.annotations)],
  ['Markdown', (l) => markdownParts(l.articles, l.claims, NOW, l.annotations)],
];
let json = '';
for (const [name, parts] of exporters) {
  const times: number[] = [];
  let texts: string[] = [];
  for (let run = 0; run < EXPORT_RUNS; run++) {
    // The page's own pauses (one per ~16 ms of work), so this is the time the reader waits.
    const [ms, result] = await timed(() => collectParts(parts(library)));
    times.push(ms);
    texts = result;
  }
  const blob = new Blob(texts);
  console.log(
    `Export ${name.padEnd(8)} ${seconds(median(times))} median of ${EXPORT_RUNS} ` +
      `(${texts.length} parts, ${(blob.size / 1e6).toFixed(1)} MB)`,
  );
  if (name === 'JSON') json = texts.join('');
}

const parseTimes: number[] = [];
const planTimes: number[] = [];
const applyTimes: number[] = [];
for (let run = 0; run < IMPORT_RUNS; run++) {
  const [parseMs, parsed] = await timed(async () => parseImport(json, NOW));
  if (!parsed.ok) throw new Error(parsed.error);
  const db = new ClaimLensDatabase(`bench-transfer-${run}`);
  const importer = new ImportRepository(db);
  const [planMs] = await timed(() => importer.plan(parsed.value));
  const [applyMs, plan] = await timed(() => importer.apply(parsed.value));
  if (plan.counts.new !== library.annotations.length + library.claims.length)
    throw new Error(`Expected every item new, got ${JSON.stringify(plan.counts)}`);
  parseTimes.push(parseMs);
  planTimes.push(planMs);
  applyTimes.push(applyMs);
  await db.delete();
}
console.log(
  `Import   parse + validate ${seconds(median(parseTimes))}, preview (plan) ${seconds(median(planTimes))}, apply (one transaction) ${seconds(median(applyTimes))}, median of ${IMPORT_RUNS}`,
);
