import { fnv1a } from '../hash.ts';
import { copyKeys, isCopy } from '../compare/fingerprint.ts';
import { STORY_WINDOW_DAYS, storyFor, type StoryCandidate } from '../compare/stories.ts';
import type { Library } from '../export/web-annotation.ts';
import type { ArticleAnalysis } from '../model.ts';
import { readByKeys } from './library.ts';
import { readLibrary } from './read-library.ts';
import {
  articleDate,
  type ArticleRecord,
  type ClaimLensDatabase,
  type ClaimRecord,
  type StanceCounts,
} from './schema.ts';

const candidateOf = (a: ArticleRecord): StoryCandidate => ({
  id: a.id,
  storyId: a.storyId,
  date: articleDate(a),
  ...a.profile,
});

export function stanceCounts(claims: readonly { stance: keyof StanceCounts }[]): StanceCounts {
  const counts: StanceCounts = { overcapacity: 0, demand: 0, neutral: 0 };
  for (const claim of claims) counts[claim.stance]++;
  return counts;
}

/** Claim ids come from what the claim is and where: the same claim seen twice is one record. */
export function claimId(articleId: string, claim: Pick<ClaimRecord, 'selectors'>): string {
  const [quote, position] = claim.selectors;
  return `${fnv1a(articleId)}-${position.start}-${fnv1a(quote.exact)}`;
}

export class ArticleRepository {
  constructor(private readonly db: ClaimLensDatabase) {}

  /**
   * Stores one analysis pass: the article (first seen kept, URLs merged) and its detected claims, which
   * replace the claims of the previous pass, all in one transaction.
   */
  async saveAnalysis(analysis: ArticleAnalysis, now: Date): Promise<ArticleRecord> {
    const { meta, claims } = analysis;
    return this.db.transaction('rw', this.db.articles, this.db.claims, async () => {
      const previous = await this.db.articles.get(meta.url);
      const date = meta.published ?? previous?.firstSeen ?? now.toISOString();
      // A story, once others joined it, stays; an article alone in its story looks again for company.
      const joined =
        !!previous?.storyId &&
        (previous.storyByReader === true ||
          previous.storyId !== previous.id ||
          (await this.db.articles.where('storyId').equals(previous.storyId).count()) > 1);
      const storyId =
        joined && previous?.storyId
          ? previous.storyId
          : storyFor(
              { id: meta.url, storyId: null, date, ...analysis.profile },
              (await this.candidatesFor(date, analysis.profile.fingerprint)).map(candidateOf),
            );
      const record: ArticleRecord = {
        id: meta.url,
        url: meta.url,
        urls: [...new Set([...(previous?.urls ?? []), meta.url, meta.location])],
        title: meta.title,
        site: meta.site,
        byline: meta.byline,
        published: meta.published,
        lang: meta.lang,
        firstSeen: previous?.firstSeen ?? now.toISOString(),
        lastSeen: now.toISOString(),
        textLength: analysis.textLength,
        claimCount: claims.length,
        stances: stanceCounts(claims),
        storyId,
        ...(previous?.storyByReader ? { storyByReader: true } : {}),
        profile: analysis.profile,
      };
      await this.db.articles.put(record);
      await this.db.claims.where('articleId').equals(record.id).delete();
      await this.db.claims.bulkPut(
        claims.map((c) => ({ ...c, id: claimId(record.id, c), articleId: record.id })),
      );
      return record;
    });
  }

  /**
   * The articles a new one may share a story with: those dated within the story window of `date` (published,
   * or first seen when undated), and copies of its text whatever their date. Both come from indexes.
   */
  private async candidatesFor(date: string, fingerprint: readonly number[]): Promise<ArticleRecord[]> {
    const time = Date.parse(date);
    const span = STORY_WINDOW_DAYS * 86_400_000;
    const [from, to] = [new Date(time - span).toISOString(), new Date(time + span).toISOString()];
    const { articles } = this.db;
    const [dated, undated, copies] = await Promise.all([
      articles.where('published').between(from, to, true, true).toArray(),
      articles
        .where('firstSeen')
        .between(from, to, true, true)
        .filter((a) => a.published === null)
        .toArray(),
      this.copiesOf(fingerprint),
    ]);
    return [...new Map([...dated, ...undated, ...copies].map((a) => [a.id, a])).values()];
  }

  /** Stored articles that hold most of this text: looked up by copy keys, confirmed on whole fingerprints. */
  async copiesOf(fingerprint: readonly number[]): Promise<ArticleRecord[]> {
    const keys = copyKeys(fingerprint);
    if (keys.length === 0) return [];
    const ids = new Set(await this.db.articles.where('copyKeys').anyOf(keys).primaryKeys());
    const found = await this.db.articles.bulkGet([...ids]);
    return found.filter((a): a is ArticleRecord => !!a && isCopy(fingerprint, a.profile.fingerprint));
  }

  /** Other stored articles on the same story, newest first. */
  async sameStory(article: ArticleRecord): Promise<ArticleRecord[]> {
    if (!article.storyId) return [];
    const all = await this.db.articles.where('storyId').equals(article.storyId).toArray();
    return all.filter((a) => a.id !== article.id).sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
  }

  /**
   * The reader's word on grouping: moves an article into the story of another (`intoStoryOf`), or splits it off
   * into a story of its own (null). A story keeps its other articles when the one it was named after leaves.
   */
  async moveToStory(articleId: string, intoStoryOf: string | null): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.articles, async () => {
      const article = await db.articles.get(articleId);
      if (!article) throw new Error(`No stored article ${articleId}`);
      const target = intoStoryOf === null ? null : await db.articles.get(intoStoryOf);
      if (intoStoryOf !== null && !target) throw new Error(`No stored article ${intoStoryOf}`);
      if (article.storyId === article.id) {
        // Its story was named after it: the articles left behind take the name of the earliest of them.
        const left = (await db.articles.where('storyId').equals(article.id).toArray()).filter(
          (a) => a.id !== article.id,
        );
        const heir = left.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen))[0];
        for (const other of left) await db.articles.update(other.id, { storyId: heir?.id ?? other.id });
      }
      await db.articles.update(article.id, {
        storyId: target ? (target.storyId ?? target.id) : article.id,
        storyByReader: true,
      });
    });
  }

  /** The article seen at `url` (its canonical URL or any address it was read at). */
  async findByUrl(url: string): Promise<ArticleRecord | undefined> {
    return (await this.db.articles.get(url)) ?? (await this.db.articles.where('urls').equals(url).first());
  }

  /** The `limit` articles read most recently: a page of a library that may hold thousands. */
  newest(limit: number): Promise<ArticleRecord[]> {
    return this.db.articles.orderBy('lastSeen').reverse().limit(limit).toArray();
  }

  /** Every outlet in the library, from the index alone. */
  async outlets(): Promise<string[]> {
    return (await this.db.articles.orderBy('site').uniqueKeys()).map(String);
  }

  /** Each story's articles, by story id, from the index alone (no record read). */
  async storyMembers(): Promise<Map<string, string[]>> {
    const members = new Map<string, string[]>();
    await this.db.articles.orderBy('storyId').eachKey((key, cursor) => {
      const id = String(key);
      const list = members.get(id);
      if (list) list.push(String(cursor.primaryKey));
      else members.set(id, [String(cursor.primaryKey)]);
    });
    return members;
  }

  /**
   * One page of stories, as the Stories view lists them: those with more sources first, the most recently read
   * first among equals. Stories are ranked on the indexes alone; only the page's articles are read, however
   * large the library.
   */
  async storyPage(limit: number): Promise<{ stories: number; articles: ArticleRecord[] }> {
    const [members, byRecency] = await Promise.all([
      this.storyMembers(),
      this.db.articles.orderBy('lastSeen').reverse().primaryKeys(),
    ]);
    const rank = new Map(byRecency.map((id, i) => [String(id), i]));
    const latest = (ids: readonly string[]) => Math.min(...ids.map((id) => rank.get(id) ?? Infinity));
    const page = [...members.values()]
      .map((ids) => ({ ids, recency: latest(ids) }))
      .sort((a, b) => b.ids.length - a.ids.length || a.recency - b.recency)
      .slice(0, limit);
    const read = await this.db.articles.bulkGet(page.flatMap((story) => story.ids));
    return { stories: members.size, articles: read.filter((a): a is ArticleRecord => a !== undefined) };
  }

  /** Each story's name-giving article, by story id: what names the stories in filters and pickers. */
  async storyHeads(storyIds?: readonly string[]): Promise<Map<string, ArticleRecord>> {
    return this.headsOf(storyIds ?? (await this.db.articles.orderBy('storyId').uniqueKeys()).map(String));
  }

  /** The stories of articles near this one in time (and of its copies): where the reader may move it. */
  async storiesNear(article: ArticleRecord): Promise<Map<string, ArticleRecord>> {
    const near = await this.candidatesFor(articleDate(article), article.profile.fingerprint);
    return this.headsOf([...new Set([article, ...near].map((a) => a.storyId ?? a.id))]);
  }

  /**
   * The article each story is named after (its id), read by key: one record per story, not per article. A story
   * whose first article was deleted is named by another of its articles.
   */
  private async headsOf(storyIds: readonly string[]): Promise<Map<string, ArticleRecord>> {
    const heads = await this.db.articles.bulkGet([...storyIds]);
    const named = new Map<string, ArticleRecord>();
    for (const [i, id] of storyIds.entries()) {
      const head = heads[i] ?? (await this.db.articles.where('storyId').equals(id).first());
      if (head) named.set(id, head);
    }
    return named;
  }

  count(): Promise<number> {
    return this.db.articles.count();
  }
}

export class ClaimRepository {
  constructor(private readonly db: ClaimLensDatabase) {}

  /** In reading order. */
  async forArticle(articleId: string): Promise<ClaimRecord[]> {
    const claims = await this.db.claims.where('articleId').equals(articleId).toArray();
    return claims.sort((a, b) => a.start - b.start);
  }

  /** The claims of several articles (a story's other sources). */
  forArticles(articleIds: readonly string[]): Promise<ClaimRecord[]> {
    return readByKeys(articleIds, (id) => this.db.claims.where('articleId').equals(id).toArray());
  }

  all(): Promise<ClaimRecord[]> {
    return this.db.claims.toArray();
  }
}

export class LibraryRepository {
  constructor(private readonly db: ClaimLensDatabase) {}

  /** How many articles, claims and annotations are stored (counted on the indexes, nothing read). */
  async counts(): Promise<{ articles: number; claims: number; annotations: number }> {
    const { db } = this;
    const [articles, claims, annotations] = await Promise.all([
      db.articles.count(),
      db.claims.count(),
      db.annotations.count(),
    ]);
    return { articles, claims, annotations };
  }

  /** Everything the reader has: what the export writes. */
  load(): Promise<Library> {
    return readLibrary(this.db);
  }
}
