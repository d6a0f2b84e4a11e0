import { literal, obj, str, type Result } from '../validate.ts';
import { libraryTables, putLibrary, readByKeys } from './library.ts';
import type { ClaimLensDatabase, TrashRecord } from './schema.ts';

/** What the reader deletes: one article, every article of a story, or the whole library. */
export type DeleteScope =
  { kind: 'article'; articleId: string } | { kind: 'story'; storyId: string } | { kind: 'everything' };

/** What "delete everything" must carry, typed by the reader: the background refuses it without. */
export const DELETE_EVERYTHING_PHRASE = 'delete everything';

/** A delete as a page asks for it: articles by URL, and everything only with the reader's typed confirmation. */
export type DeleteRequest =
  | { kind: 'article'; articleUrl: string }
  | { kind: 'story'; storyId: string }
  | { kind: 'everything'; confirm: typeof DELETE_EVERYTHING_PHRASE };

const url = str({ min: 8, max: 4_000, pattern: /^https?:\/\// });
const deleteRequests = {
  article: obj({ kind: literal('article'), articleUrl: url }),
  story: obj({ kind: literal('story'), storyId: str({ min: 1, max: 4_000 }) }),
  everything: obj({ kind: literal('everything'), confirm: literal(DELETE_EVERYTHING_PHRASE) }),
};

export function validateDeleteRequest(input: unknown, path = ''): Result<DeleteRequest> {
  const kind = (input as { kind?: unknown } | null)?.kind;
  if (kind === 'article' || kind === 'story' || kind === 'everything')
    return deleteRequests[kind](input, path);
  return { ok: false, error: `${path}.kind: expected "article", "story" or "everything"` };
}

export interface TrashSummary {
  id: string;
  label: string;
  expiresAt: string;
  articles: number;
  claims: number;
  annotations: number;
}

/** How long a delete can be undone unless the reader set otherwise: long enough to notice a slip. */
export const DEFAULT_UNDO_SECONDS = 30;
/** Bounds of the undo window a setting may ask for. */
export const UNDO_SECONDS_RANGE = { min: 1, max: 3_600 } as const;
const UNDO_WINDOW = 'undoWindowSeconds';

const summaryOf = (entry: TrashRecord): TrashSummary => ({
  id: entry.id,
  label: entry.label,
  expiresAt: entry.expiresAt,
  articles: entry.articles.length,
  claims: entry.claims.length,
  annotations: entry.annotations.length,
});

/**
 * Deletes with an undo window: what a delete removes is moved, in the same transaction, into one trash entry
 * that restores it exactly until the window passes. Expired entries are purged by the next delete or startup.
 */
export class TrashRepository {
  constructor(private readonly db: ClaimLensDatabase) {}

  private get tables() {
    return [...libraryTables(this.db), this.db.trash];
  }

  async undoWindowSeconds(): Promise<number> {
    const value = (await this.db.settings.get(UNDO_WINDOW))?.value;
    return typeof value === 'number' && value >= UNDO_SECONDS_RANGE.min && value <= UNDO_SECONDS_RANGE.max
      ? value
      : DEFAULT_UNDO_SECONDS;
  }

  async setUndoWindowSeconds(seconds: number): Promise<void> {
    await this.db.settings.put({ key: UNDO_WINDOW, value: seconds });
  }

  /** Moves everything `scope` covers into the trash. Refuses (throws) when there is nothing to delete. */
  async delete(scope: DeleteScope, now: Date, id: string): Promise<TrashSummary> {
    const { db } = this;
    const seconds = await this.undoWindowSeconds();
    return db.transaction('rw', this.tables, async () => {
      await this.purge(now);
      const entry = await this.collect(scope);
      if (entry.articles.length + entry.claims.length + entry.annotations.length === 0)
        throw new Error('There is nothing to delete: it is not in your library.');
      const record: TrashRecord = {
        ...entry,
        id,
        deletedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + seconds * 1000).toISOString(),
      };
      await db.trash.add(record);
      if (scope.kind === 'everything') {
        for (const table of this.tables) if (table !== db.trash) await table.clear();
      } else {
        const articleIds = record.articles.map((a) => a.id);
        await db.articles.bulkDelete(articleIds);
        await db.claims.bulkDelete(record.claims.map((c) => c.id));
        await db.annotations.bulkDelete(record.annotations.map((a) => a.id));
        await db.corrections.bulkDelete(record.corrections.map((c) => c.id));
        await db.snapshots.bulkDelete(articleIds);
      }
      return summaryOf(record);
    });
  }

  /** Puts back exactly what one delete removed, in one transaction; refuses once the undo window has passed. */
  async restore(id: string, now: Date): Promise<TrashSummary> {
    const { db } = this;
    return db.transaction('rw', this.tables, async () => {
      const entry = await db.trash.get(id);
      if (!entry) throw new Error('There is nothing to undo: that delete was undone already or is final.');
      if (entry.expiresAt <= now.toISOString())
        throw new Error('The undo window has passed: that delete is final.');
      await putLibrary(db, entry);
      await db.trash.delete(id);
      return summaryOf(entry);
    });
  }

  /** Removes the trash entries whose undo window has passed; returns how many. */
  purge(now: Date): Promise<number> {
    return this.db.trash.where('expiresAt').belowOrEqual(now.toISOString()).delete();
  }

  /** The records a delete of `scope` removes, and a label that says what they were. */
  private async collect(scope: DeleteScope): Promise<Omit<TrashRecord, 'id' | 'deletedAt' | 'expiresAt'>> {
    const { db } = this;
    if (scope.kind === 'everything')
      return {
        label: 'everything in your library',
        articles: await db.articles.toArray(),
        claims: await db.claims.toArray(),
        annotations: await db.annotations.toArray(),
        corrections: await db.corrections.toArray(),
        snapshots: await db.snapshots.toArray(),
        tags: await db.tags.toArray(),
        packs: await db.packs.toArray(),
      };
    const articles =
      scope.kind === 'article'
        ? (await db.articles.bulkGet([scope.articleId])).filter((a) => a !== undefined)
        : await db.articles.where('storyId').equals(scope.storyId).toArray();
    const ids = articles.map((a) => a.id);
    const first = articles[0];
    return {
      label:
        scope.kind === 'article' || articles.length === 1
          ? `“${first?.title ?? 'the article'}”`
          : `${articles.length} articles of the story “${(articles.find((a) => a.id === scope.storyId) ?? first)?.title ?? ''}”`,
      articles,
      claims: await readByKeys(ids, (id) => db.claims.where('articleId').equals(id).toArray()),
      annotations: await readByKeys(ids, (id) => db.annotations.where('articleId').equals(id).toArray()),
      corrections: await readByKeys(ids, (id) => db.corrections.where('articleId').equals(id).toArray()),
      snapshots: (await db.snapshots.bulkGet(ids)).filter((s) => s !== undefined),
      tags: [],
      packs: [],
    };
  }
}
