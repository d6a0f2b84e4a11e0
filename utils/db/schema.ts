import Dexie, { type EntityTable } from 'dexie';
import type { Correction } from '../detect/learn.ts';
import type { Stance, TopicPack } from '../detect/pack.ts';
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

/** A reader's correction of one claim, kept for good: the history is what detection learns from. */
export interface CorrectionRecord extends Correction {
  id: string;
  articleId: string;
  text: string;
}

/** A topic pack the reader added. The built-in packs ship with the extension; only their switch is stored. */
export interface PackRecord {
  id: string;
  pack: TopicPack;
  createdAt: string;
  updatedAt: string;
}

/** Small named settings, each validated where it is read. */
export interface SettingRecord {
  key: string;
  value: unknown;
}

export const DATABASE_NAME = 'claimlens';

/**
 * Every schema version is written out whole and never edited once released: a new version gets a new block
 * (with an upgrade function when data must move), so any earlier database opens and upgrades.
 */
export class ClaimLensDatabase extends Dexie {
  articles!: EntityTable<ArticleRecord, 'id'>;
  claims!: EntityTable<ClaimRecord, 'id'>;
  corrections!: EntityTable<CorrectionRecord, 'id'>;
  packs!: EntityTable<PackRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      articles: 'id, *urls, site, published, lastSeen',
      claims: 'id, articleId, stance',
    });
    // v2: the reader's corrections (detection learns from them), their own topic packs, and settings.
    this.version(2).stores({
      articles: 'id, *urls, site, published, lastSeen',
      claims: 'id, articleId, stance',
      corrections: 'id, sentenceKey, articleId, createdAt',
      packs: 'id, updatedAt',
      settings: 'key',
    });
  }
}
