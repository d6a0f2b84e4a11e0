// `npm run bench:stories`: how long the dashboard's Stories view takes to build every story's overview (sources
// in time, copies, per-outlet stances, lean) from 10,000 stored articles, in Node (median of runs).
import type { SourceClaim } from '../utils/compare/align.ts';
import { otherSideArticleIds, otherSideClaims, storyOverviews } from '../utils/compare/story-overview.ts';
import type { ArticleRecord } from '../utils/db/schema.ts';
import { fnv1a } from '../utils/hash.ts';
import { STANCES } from '../utils/detect/pack.ts';

const ARTICLES = 10_000;
const MAX_STORY_SOURCES = 40;
const OUTLETS = 40;
/** Five-word shingles per article: a news article of about 800 words. */
const SHINGLES = 800;
/** Share of shingle hashes a fingerprint keeps (one in four, as `fingerprint` samples them). */
const SAMPLE_MODULUS = 4;
/** One source in this many is a syndicated copy of its story's first. */
const COPY_EVERY = 5;
const CLAIMS_PER_ARTICLE = 20;
const RUNS = 15;

// A seeded generator, so every run measures the same library.
let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const count = (max: number) => Math.floor(random() * (max + 1));
// Hashed like real shingles (FNV-1a), so the sampling and the copy keys behave as they do on real text.
let texts = 0;
const ownFingerprint = () => {
  const text = texts++;
  const hashes = Array.from({ length: SHINGLES }, (_, i) => parseInt(fnv1a(`${text} ${i}`), 16));
  return [...new Set(hashes.filter((h) => h % SAMPLE_MODULUS === 0))].sort((a, b) => a - b);
};

const articles: ArticleRecord[] = [];
const claims: SourceClaim[] = [];
while (articles.length < ARTICLES) {
  const size = 1 + Math.floor(random() ** 2 * MAX_STORY_SOURCES); // most stories small, a few large
  const storyId = `https://outlet-0.example/story-${articles.length}`;
  const original = ownFingerprint();
  // Some stories are read mostly on one side, so the blind spot and its claims are measured too.
  const bearish = random() < 0.3;
  for (let i = 0; i < size && articles.length < ARTICLES; i++) {
    const n = articles.length;
    const url = i === 0 ? storyId : `https://outlet-${n % OUTLETS}.example/story-${n}`;
    const date = new Date(Date.UTC(2026, 0, 1) + n * 3_600_000 + i * 7_200_000).toISOString();
    const stances = bearish
      ? { overcapacity: 10 + count(8), demand: count(2), neutral: count(5) }
      : { overcapacity: count(8), demand: count(8), neutral: count(5) };
    articles.push({
      id: url,
      url,
      urls: [url],
      title: `Story ${n}`,
      site: `Outlet ${n % OUTLETS}`,
      byline: null,
      published: random() < 0.9 ? date : null,
      lang: 'en',
      firstSeen: date,
      lastSeen: date,
      textLength: 6_000,
      claimCount: stances.overcapacity + stances.demand + stances.neutral,
      stances,
      storyId,
      profile: {
        fingerprint: i > 0 && i % COPY_EVERY === 0 ? original : i === 0 ? original : ownFingerprint(),
        keywords: [],
        names: [],
      },
    });
    for (let c = 0; c < CLAIMS_PER_ARTICLE; c++)
      claims.push({
        id: `${n}-${c}`,
        articleId: url,
        text: `claim ${c}`,
        stance: STANCES[c % 3] ?? 'neutral',
        entities: [],
        figures: [],
      });
  }
}

function median(measure: () => void): { median: number; min: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const start = performance.now();
    measure();
    if (i >= 3) times.push(performance.now() - start); // the first runs warm the JIT up
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, min: times[0] ?? 0, max: times.at(-1) ?? 0 };
}

let overviews = storyOverviews(articles);
const overviewTime = median(() => {
  overviews = storyOverviews(articles);
});
const wanted = new Set(otherSideArticleIds(overviews));
const loaded = claims.filter((c) => wanted.has(c.articleId)); // what the view reads, by index
const claimsTime = median(() => otherSideClaims(overviews, loaded));

const copies = overviews.reduce((sum, o) => sum + o.sources.filter((s) => s.copyOf).length, 0);
const leaning = overviews.filter((o) => o.lean.leans).length;
const show = (t: { median: number; min: number; max: number }) =>
  `median ${t.median.toFixed(1)} ms, min ${t.min.toFixed(1)} ms, max ${t.max.toFixed(1)} ms`;
console.log(
  `${ARTICLES} articles in ${overviews.length} stories (largest ${overviews[0]?.sources.length} sources, ` +
    `${copies} copies, ${leaning} leaning one way), ${RUNS} runs:`,
);
console.log(`  every story's overview: ${show(overviewTime)}`);
console.log(`  other-side claims from ${loaded.length} claims read: ${show(claimsTime)}`);
