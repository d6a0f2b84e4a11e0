import { leanOfCounts, opposingSide, type Lean, type SourceClaim } from './align.ts';
import { groupBy } from '../group.ts';
import { copyKeys, isCopy } from './fingerprint.ts';
import { articleDate, type ArticleRecord, type StanceCounts } from '../db/schema.ts';
import type { Stance } from '../detect/pack.ts';

/** One source of a story, placed in time. */
export interface StorySource {
  article: ArticleRecord;
  /** ISO date: published, or first seen when the page does not say. */
  date: string;
  /** The id of the earlier source whose text this one copies (syndication), if any. */
  copyOf: string | null;
}

/** How many claims of each stance one outlet made on a story, all its articles together. */
export interface OutletStances {
  site: string;
  counts: StanceCounts;
}

/** Where to look for the side a leaning reading lacks. */
export interface OtherSide {
  stance: Stance;
  /** The story's sources that make claims of that stance, most such claims first. */
  sources: StorySource[];
}

export interface StoryOverview {
  id: string;
  /** The title of the story's earliest source. */
  title: string;
  /** Earliest first. */
  sources: StorySource[];
  /** Most claims first. */
  outlets: OutletStances[];
  lean: Lean;
  /** Present when the reading leans one way. */
  otherSide: OtherSide | null;
}

/** Time order; on the same date the one seen first is the earlier (an original comes before its copies). */
const byTime = (a: StorySource, b: StorySource) =>
  Date.parse(a.date) - Date.parse(b.date) ||
  a.article.firstSeen.localeCompare(b.article.firstSeen) ||
  a.article.id.localeCompare(b.article.id);

/**
 * Every story of the library, with more sources first, then the newest. Built from the stored articles alone
 * (their stance counts are kept equal to their stored claims on every write), so it stays cheap for a large
 * library; only the other side's claims need reading, and only for stories that lean (`otherSideClaims`).
 */
export function storyOverviews(articles: readonly ArticleRecord[]): StoryOverview[] {
  // Records from before stories existed are a story of their own until read again.
  const stories = groupBy(articles, (article) => article.storyId ?? article.id);
  const overviews = [...stories].map(([id, members]) => overviewOf(id, members));
  const newest = (o: StoryOverview) => Date.parse(o.sources.at(-1)?.date ?? '') || 0;
  return overviews.sort(
    (a, b) => b.sources.length - a.sources.length || newest(b) - newest(a) || a.id.localeCompare(b.id),
  );
}

function overviewOf(id: string, members: readonly ArticleRecord[]): StoryOverview {
  const sources = members
    .map((article): StorySource => ({ article, date: articleDate(article), copyOf: null }))
    .sort(byTime);
  markCopies(sources);
  const lean = leanOfCounts(
    sum(members, 'overcapacity'),
    sum(members, 'demand'),
    members.filter((a) => a.claimCount > 0).length,
  );
  return {
    id,
    title: sources[0]?.article.title ?? '',
    sources,
    outlets: outletStances(members),
    lean,
    otherSide: lean.leans ? otherSideOf(sources, opposingSide(lean.leans)) : null,
  };
}

/**
 * Marks each source that copies an earlier one (sources in time order): the later text copies the earlier, and
 * the earliest match is the original. Candidates are found as the repository finds copies, by shared copy keys,
 * and confirmed on whole fingerprints, so a large story is not compared pair by pair.
 */
function markCopies(sources: readonly StorySource[]): void {
  const byKey = new Map<number, number[]>();
  // Very short texts have no copy key: they are compared with every source.
  const keyless: number[] = [];
  sources.forEach((source, i) => {
    const { fingerprint } = source.article.profile;
    const keys = copyKeys(fingerprint);
    const candidates =
      keys.length === 0
        ? Array.from({ length: i }, (_, j) => j)
        : new Set([...keyless, ...keys.flatMap((key) => byKey.get(key) ?? [])]);
    let original: number | null = null;
    for (const j of candidates)
      if (
        (original === null || j < original) &&
        isCopy(sources[j]?.article.profile.fingerprint ?? [], fingerprint)
      )
        original = j;
    source.copyOf = original === null ? null : (sources[original]?.article.id ?? null);
    if (keys.length === 0) keyless.push(i);
    for (const key of keys) {
      const holders = byKey.get(key);
      if (holders) holders.push(i);
      else byKey.set(key, [i]);
    }
  });
}

const sum = (articles: readonly ArticleRecord[], stance: Stance) =>
  articles.reduce((total, a) => total + a.stances[stance], 0);

const totalOf = (counts: StanceCounts) => counts.overcapacity + counts.demand + counts.neutral;

function outletStances(members: readonly ArticleRecord[]): OutletStances[] {
  const bySite = new Map<string, StanceCounts>();
  for (const article of members) {
    const counts = bySite.get(article.site) ?? { overcapacity: 0, demand: 0, neutral: 0 };
    counts.overcapacity += article.stances.overcapacity;
    counts.demand += article.stances.demand;
    counts.neutral += article.stances.neutral;
    bySite.set(article.site, counts);
  }
  return [...bySite]
    .map(([site, counts]) => ({ site, counts }))
    .sort((a, b) => totalOf(b.counts) - totalOf(a.counts) || a.site.localeCompare(b.site));
}

function otherSideOf(sources: readonly StorySource[], stance: Stance): OtherSide {
  const arguing = sources.filter((s) => s.article.stances[stance] > 0);
  return {
    stance,
    sources: arguing.sort((a, b) => b.article.stances[stance] - a.article.stances[stance] || byTime(a, b)),
  };
}

/** The ids of the articles whose claims `otherSideClaims` needs: the other side's sources of leaning stories. */
export function otherSideArticleIds(overviews: readonly StoryOverview[]): string[] {
  return overviews.flatMap((o) => o.otherSide?.sources.map((s) => s.article.id) ?? []);
}

/**
 * The claims that argue the other side of each leaning story, by story id, in the order of its other-side
 * sources. `claims` may hold any claims: those of other articles or of the leaning side are left out.
 */
export function otherSideClaims<C extends SourceClaim>(
  overviews: readonly StoryOverview[],
  claims: readonly C[],
): Map<string, C[]> {
  const byArticle = groupBy(claims, (claim) => claim.articleId);
  const found = new Map<string, C[]>();
  for (const { id, otherSide } of overviews) {
    if (!otherSide) continue;
    found.set(
      id,
      otherSide.sources.flatMap((s) =>
        (byArticle.get(s.article.id) ?? []).filter((c) => c.stance === otherSide.stance),
      ),
    );
  }
  return found;
}
