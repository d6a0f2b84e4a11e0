import Dexie, { type EntityTable } from 'dexie';
import type { Stance } from '../detect/pack.ts';
import type { ClaimPayload } from '../model.ts';

export type StanceCounts = Record<Stance, number>;

export interface ArticleRecord {
  /** The canonical URL. */
  id: string;
  url: string;
  /** Every URL the article was seen at (canonical and locations), for lookup by the tab's address. */
  urls: string[];
  title: string;
  site: string;
  byline: string | null;
  published: string | null;
  lang: string;
  firstSeen: string;
  lastSeen: string;
  textLength: number;
  claimCount: number;
  stances: StanceCounts;
}

export interface ClaimRecord extends ClaimPayload {
  id: string;
  articleId: string;
}

export const DATABASE_NAME = 'claimlens';

/**
 * Every schema version is written out whole and never edited once released: a new version gets a new block
 * (with an upgrade function when data must move), so any earlier database opens and upgrades.
 */
export class ClaimLensDatabase extends Dexie {
  articles!: EntityTable<ArticleRecord, 'id'>;
  claims!: EntityTable<ClaimRecord, 'id'>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      articles: 'id, *urls, site, published, lastSeen',
      claims: 'id, articleId, stance',
    });
  }
}
