// `npm run bench:library`: how long the library's typical searches take at 10,000 articles, 200,000 claims and
// 20,000 annotations (median of runs), in Node on fake-indexeddb, which is slower than a browser's IndexedDB.
import 'fake-indexeddb/auto';
import { EMPTY_QUERY, queryLibrary, type LibraryQuery } from '../utils/db/library-query.ts';
import {
  ClaimLensDatabase,
  type AnnotationRecord,
  type ArticleRecord,
  type ClaimRecord,
} from '../utils/db/schema.ts';
import { STANCES, type Stance } from '../utils/detect/pack.ts';

const ARTICLES = 10_000;
const CLAIMS_PER_ARTICLE = 20;
const ANNOTATIONS_PER_ARTICLE = 2;
const OUTLETS = 40;
const RUNS = 7;
const BATCH = 5_000;

// A seeded generator, so every run measures the same library.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

// Words in a Zipf-like spread: a few are in many claims ("capacity"), most in few, one in almost none.
const COMMON = [
  'capacity',
  'compute',
  'demand',
  'spending',
  'chips',
  'data',
  'centres',
  'cloud',
  'supply',
  'power',
];
const vocabulary = Array.from({ length: 5_000 }, (_, i) => `term${i.toString(36)}`);
const wordAt = () =>
  random() < 0.3 ? pick(COMMON) : vocabulary[Math.floor(vocabulary.length * random() ** 3)];
const RARE = 'zeppelin';

function claimText(i: number): string {
  const words = Array.from({ length: 14 }, wordAt);
  if (i % 10_000 === 0) words.push(RARE);
  if (i % 7 === 0) words.push('shortage');
  return `${words.join(' ')}.`;
}

const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + (i % 900) * 86_400_000).toISOString();

console.log(
  `Filling a library: ${ARTICLES} articles, ${ARTICLES * CLAIMS_PER_ARTICLE} claims, ${ARTICLES * ANNOTATIONS_PER_ARTICLE} annotations…`,
);
const fillStart = performance.now();
const db = new ClaimLensDatabase(`bench-library-${Date.now()}`);
let claims: ClaimRecord[] = [];
let articles: ArticleRecord[] = [];
let annotations: AnnotationRecord[] = [];
const flush = async (force = false) => {
  if (!force && claims.length < BATCH) return;
  await db.transaction('rw', db.articles, db.claims, db.annotations, async () => {
    await db.articles.bulkAdd(articles);
    await db.claims.bulkAdd(claims);
    await db.annotations.bulkAdd(annotations);
  });
  [claims, articles, annotations] = [[], [], []];
};
for (let a = 0; a < ARTICLES; a++) {
  const url = `https://outlet${a % OUTLETS}.example/article-${a}`;
  const stances = { overcapacity: 0, demand: 0, neutral: 0 };
  let at = 0;
  for (let c = 0; c < CLAIMS_PER_ARTICLE; c++) {
    const text = claimText(a * CLAIMS_PER_ARTICLE + c);
    const stance: Stance = pick(STANCES);
    stances[stance]++;
    const span = { start: at, end: at + text.length };
    at = span.end + 1;
    claims.push({
      id: `c${a}-${c}`,
      articleId: url,
      text,
      ...span,
      stance,
      confidence: Math.round(random() * 100) / 100,
      cues: [],
      figures: [],
      entities: [],
      hedged: false,
      speaker: null,
      selectors: [
        { type: 'TextQuoteSelector', exact: text, prefix: '', suffix: '' },
        { type: 'TextPositionSelector', ...span },
      ],
    });
  }
  for (let n = 0; n < ANNOTATIONS_PER_ARTICLE; n++) {
    const quote = claimText(a + n);
    annotations.push({
      id: `n${a}-${n}`,
      articleId: url,
      url,
      selectors: [
        { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
        { type: 'TextPositionSelector', start: n * 100, end: n * 100 + quote.length },
      ],
      tags: [pick(['disputed', 'needs-source', 'key-figure'])],
      note: random() < 0.3 ? `Check ${wordAt()} against ${wordAt()}` : null,
      stance: null,
      createdAt: day(a),
      updatedAt: day(a),
      anchoring: { method: random() < 0.05 ? 'orphan' : 'exact', score: null, at: day(a) },
    });
  }
  articles.push({
    id: url,
    url,
    urls: [url],
    title: `Article ${a}`,
    site: `Outlet ${a % OUTLETS}`,
    byline: null,
    published: a % 10 === 0 ? null : day(a),
    lang: 'en',
    firstSeen: day(a),
    lastSeen: day(a),
    textLength: at,
    claimCount: CLAIMS_PER_ARTICLE,
    stances,
    storyId: `https://outlet0.example/article-${a - (a % 5)}`,
    profile: {
      fingerprint: Array.from({ length: 100 }, () => Math.floor(random() * 2 ** 32)),
      keywords: [],
      names: [],
    },
  });
  await flush();
}
await flush(true);
console.log(`Filled in ${((performance.now() - fillStart) / 1000).toFixed(0)} s.\n`);

const CASES: [string, Partial<LibraryQuery>][] = [
  ['no filter, newest first', {}],
  [`a rare word ("${RARE}")`, { text: RARE }],
  ['a common word ("capacity")', { text: 'capacity' }],
  ['two words ("capacity shortage")', { text: 'capacity shortage' }],
  ['stance + outlet', { stances: ['overcapacity'], outlets: ['Outlet 7'] }],
  ['stance only', { stances: ['demand'] }],
  ['a month (date range)', { from: '2025-03-01', to: '2025-03-31' }],
  ['orphans only', { orphansOnly: true }],
  ['a word, sorted by confidence', { text: 'shortage', sort: 'confidence' }],
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
console.log('query'.padEnd(36), 'results'.padStart(8), 'median ms'.padStart(10));
for (const [name, query] of CASES) {
  const times: number[] = [];
  let total = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    const start = performance.now();
    total = (await queryLibrary(db, { ...EMPTY_QUERY, ...query })).total;
    if (run > 0) times.push(performance.now() - start); // the first run warms up
  }
  console.log(name.padEnd(36), String(total).padStart(8), median(times).toFixed(1).padStart(10));
}
await db.delete();
