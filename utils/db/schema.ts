import Dexie, { type EntityTable } from 'dexie';
import { copyKeys } from '../compare/fingerprint.ts';
import { searchWords } from '../text/search.ts';
import type { Correction } from '../detect/learn.ts';
import type { Stance, TopicPack } from '../detect/pack.ts';
import type { TextProfile } from '../compare/profile.ts';
import type { AnnotationInput, ClaimPayload } from '../model.ts';

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
  /** The story this article belongs to (the id of its first article); null for records from before v4. */
  storyId: string | null;
  /** The reader moved or split this article by hand: later visits keep its story as they left it. */
  storyByReader?: boolean;
  profile: TextProfile;
  /** Derived on every write (see `derived` below): the fingerprint hashes copies are looked up by. */
  copyKeys?: number[];
}

/** The day an article is dated by: its publication, else the day the reader first saw it. */
export const articleDate = (article: ArticleRecord): string => article.published ?? article.firstSeen;

export interface ClaimRecord extends ClaimPayload {
  id: string;
  articleId: string;
  /** Derived on every write: the words the claim is found by in the library's search. */
  words?: string[];
}

/** A reader's correction of one claim, kept for good: the history is what detection learns from. */
export interface CorrectionRecord extends Correction {
  id: string;
  articleId: string;
  text: string;
}

/** How an annotation anchored on the reader's last visit. */
export interface AnchoringRecord {
  method: 'exact' | 'position' | 'fuzzy' | 'orphan';
  /** Similarity to the stored quote, for position and fuzzy anchoring. */
  score: number | null;
  at: string;
}

/** A reader's annotation: selected text (a claim or any passage) with tags, a note and perhaps a stance. */
export interface AnnotationRecord extends AnnotationInput {
  id: string;
  articleId: string;
  url: string;
  createdAt: string;
  updatedAt: string;
  anchoring: AnchoringRecord | null;
  /** Derived on every write: the words of its quote, note and tags, for the library's search. */
  words?: string[];
}

/** A reader's own tag (the built-in ones ship with the extension). */
export interface TagRecord {
  id: string;
  label: string;
  createdAt: string;
  /** A CSS hex colour the reader chose (`#rrggbb`); none means the default. */
  color?: string;
}

/** The text of an annotated page as it was, dated: what an orphaned annotation is shown against. */
export interface SnapshotRecord {
  articleId: string;
  text: string;
  capturedAt: string;
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

/**
 * What one delete removed, kept whole until its undo window passes: restoring puts back exactly these records.
 * Records are stored as they were read (derived keys are derived again when they go back).
 */
export interface TrashRecord {
  id: string;
  /** What the reader deleted, in words, for the undo notice. */
  label: string;
  deletedAt: string;
  /** After this the delete is final: the entry can no longer be restored, and the next purge removes it. */
  expiresAt: string;
  articles: ArticleRecord[];
  claims: ClaimRecord[];
  annotations: AnnotationRecord[];
  corrections: CorrectionRecord[];
  snapshots: SnapshotRecord[];
  tags: TagRecord[];
  packs: PackRecord[];
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
  annotations!: EntityTable<AnnotationRecord, 'id'>;
  tags!: EntityTable<TagRecord, 'id'>;
  snapshots!: EntityTable<SnapshotRecord, 'articleId'>;
  trash!: EntityTable<TrashRecord, 'id'>;

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
    // v3: the reader's annotations, their own tags, and dated text of annotated pages.
    this.version(3).stores({
      articles: 'id, *urls, site, published, lastSeen',
      claims: 'id, articleId, stance',
      corrections: 'id, sentenceKey, articleId, createdAt',
      packs: 'id, updatedAt',
      settings: 'key',
      annotations: 'id, articleId, *tags, updatedAt',
      tags: 'id',
      snapshots: 'articleId',
    });
    // v4: articles carry a text profile and the story they belong to. Earlier articles get an empty profile
    // and a story of their own; they join a story the next time they are read.
    this.version(4)
      .stores({
        articles: 'id, *urls, site, published, lastSeen, storyId',
        claims: 'id, articleId, stance',
        corrections: 'id, sentenceKey, articleId, createdAt',
        packs: 'id, updatedAt',
        settings: 'key',
        annotations: 'id, articleId, *tags, updatedAt',
        tags: 'id',
        snapshots: 'articleId',
      })
      .upgrade((tx) =>
        tx
          .table('articles')
          .toCollection()
          .modify((article: ArticleRecord) => {
            article.storyId ??= article.id;
            article.profile ??= { fingerprint: [], keywords: [], names: [] };
          }),
      );
    // v5: indexes for a large library: copies by fingerprint keys, search by words, undated articles by the day
    // they were first seen. Existing records get their derived keys now; every later write derives them again.
    this.version(5)
      .stores({
        articles: 'id, *urls, site, published, lastSeen, storyId, firstSeen, *copyKeys',
        claims: 'id, articleId, stance, *words',
        corrections: 'id, sentenceKey, articleId, createdAt',
        packs: 'id, updatedAt',
        settings: 'key',
        annotations: 'id, articleId, *tags, updatedAt, *words',
        tags: 'id',
        snapshots: 'articleId',
      })
      .upgrade(async (tx) => {
        for (const [table, derive] of DERIVED)
          await tx
            .table(table)
            .toCollection()
            .modify((record: object) => void Object.assign(record, derive(record)));
      });
    // v6: deleted records wait in a trash until their undo window passes (the service worker may stop at any
    // moment, so the window cannot live in memory).
    this.version(6).stores({
      articles: 'id, *urls, site, published, lastSeen, storyId, firstSeen, *copyKeys',
      claims: 'id, articleId, stance, *words',
      corrections: 'id, sentenceKey, articleId, createdAt',
      packs: 'id, updatedAt',
      settings: 'key',
      annotations: 'id, articleId, *tags, updatedAt, *words',
      tags: 'id',
      snapshots: 'articleId',
      trash: 'id, expiresAt',
    });
    deriveKeys(this);
  }
}

type Derive = (record: object) => Record<string, unknown>;

/** A table's derivation; the table holds only records of type T, which is what makes the cast sound. */
const derivation = <T>(
  table: string,
  keys: string[],
  derive: (record: T) => Record<string, unknown>,
): [string, Derive, string[]] => [table, derive as Derive, keys];

/** Index keys computed from a record's own fields, per table: they are never sent, exported or imported. */
const DERIVED: readonly [string, Derive, string[]][] = [
  derivation('articles', ['copyKeys'], (a: ArticleRecord) => ({ copyKeys: copyKeys(a.profile.fingerprint) })),
  derivation('claims', ['words'], (c: ClaimRecord) => ({ words: searchWords(c.text) })),
  derivation('annotations', ['words'], (a: AnnotationRecord) => ({
    words: searchWords(a.selectors[0].exact, a.note, ...a.tags),
  })),
];

/** The derived keys of each table that has some: what a read that bypasses Dexie's hooks must leave out. */
export const DERIVED_KEYS: ReadonlyMap<string, readonly string[]> = new Map(
  DERIVED.map(([table, , keys]) => [table, keys]),
);

/**
 * Keeps derived keys true whoever writes, and out of sight of whoever reads: they live in the indexes, not in
 * what the code and the exports see. Writes are completed below Dexie's table API, where every add, put, update
 * and modify arrives as whole records: unlike create and update hooks, this keeps bulk writes on their fast path.
 */
function deriveKeys(db: Dexie): void {
  const byTable = new Map(DERIVED.map(([table, derive]) => [table, derive]));
  db.use({
    stack: 'dbcore',
    name: 'ClaimLensDerivedKeys',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        const derive = byTable.get(name);
        if (!derive) return table;
        return {
          ...table,
          mutate: (request) =>
            request.type === 'add' || request.type === 'put'
              ? table.mutate({
                  ...request,
                  values: request.values.map((record: object) => ({ ...record, ...derive(record) })),
                })
              : table.mutate(request),
        };
      },
    }),
  });
  for (const [name, , keys] of DERIVED)
    db.table(name).hook('reading', (record: object | undefined) => {
      // Called for misses too (`get` of an absent key reads undefined).
      if (record) for (const key of keys) Reflect.deleteProperty(record, key);
      return record;
    });
}
