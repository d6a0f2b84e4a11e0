import { compareSources, type Comparison } from '../compare/comparison.ts';
import { normaliseUrl } from '../extract/metadata.ts';
import { AnnotationRepository } from './annotations.ts';
import { ArticleRepository, ClaimRepository } from './articles.ts';
import type { AnnotationRecord, ArticleRecord, ClaimLensDatabase, ClaimRecord } from './schema.ts';

/** What the popup shows of one stored article: its claims, the reader's annotations, the other sources. */
export interface ArticleView {
  article: ArticleRecord;
  /** In reading order. */
  claims: ClaimRecord[];
  /** Oldest first. */
  annotations: AnnotationRecord[];
  /** When the page's text kept for orphaned annotations was captured. */
  keptAt: string | null;
  /** The other stored articles on its story, newest first. */
  others: ArticleRecord[];
  comparison: Comparison;
}

/** The tables an article's view is read from: a write to any of them may change what the popup shows. */
export const articleViewTables = (db: ClaimLensDatabase) => [
  db.articles,
  db.claims,
  db.annotations,
  db.snapshots,
];

/**
 * The view of the article stored at `url` (null when there is none), read in one read-only transaction: the
 * article, then what hangs on it side by side, then the other sources' claims.
 */
export async function readArticleView(db: ClaimLensDatabase, url: string): Promise<ArticleView | null> {
  const normalised = normaliseUrl(url);
  if (!normalised) return null;
  const articles = new ArticleRepository(db);
  const claims = new ClaimRepository(db);
  const annotations = new AnnotationRepository(db);
  return db.transaction('r', articleViewTables(db), async () => {
    const article = await articles.findByUrl(normalised);
    if (!article) return null;
    const [own, mine, snapshot, others] = await Promise.all([
      claims.forArticle(article.id),
      annotations.forArticle(article.id),
      annotations.snapshot(article.id),
      articles.sameStory(article),
    ]);
    const theirs = await claims.forArticles(others.map((o) => o.id));
    return {
      article,
      claims: own,
      annotations: mine,
      keptAt: snapshot?.capturedAt ?? null,
      others,
      comparison: compareSources(own, theirs),
    };
  });
}
