import type { ImportBatch } from '../export/import.ts';
import { emptyLibrary, type Library } from '../export/web-annotation.ts';
import { libraryTables, putLibrary } from './library.ts';
import {
  DERIVED_KEYS,
  type AnnotationRecord,
  type ArticleRecord,
  type ClaimLensDatabase,
  type ClaimRecord,
} from './schema.ts';

/** How each claim and annotation of a file compares with what is stored under its id. */
export interface ImportCounts {
  new: number;
  updated: number;
  unchanged: number;
  /** Stored under the same id, changed on both sides, the stored one as late or later: the stored one is kept. */
  conflicting: number;
}

export interface ImportPlan {
  counts: ImportCounts;
  /** Articles the library does not have yet. */
  newArticles: number;
  /** Exactly what applying writes: new and updated records only. */
  writes: Library;
}

/** Index keys the database derives on write: not part of what a record holds. */
const DERIVED = new Set([...DERIVED_KEYS.values()].flat());

/**
 * JSON with keys in order and derived keys left out, so two records that hold the same are equal whatever
 * order their keys came in (and whether or not a write has already derived their keys).
 */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (key, v: unknown) =>
    DERIVED.has(key)
      ? undefined
      : typeof v === 'object' && v !== null && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
  );

/** What the reader said of a passage; how it anchored on the last visit is not theirs to conflict over. */
const readerContent = (a: AnnotationRecord) =>
  canonical([a.articleId, a.url, a.selectors, a.tags, a.note, a.stance]);

const isLater = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/**
 * Imports as a plan, then in one transaction. Nothing the reader stored is lost: a stored article, annotation,
 * pack or snapshot is replaced only by a later version of itself, and records are matched by id, so applying
 * the same file twice writes nothing the second time.
 */
export class ImportRepository {
  constructor(private readonly db: ClaimLensDatabase) {}

  private get tables() {
    return libraryTables(this.db);
  }

  /** What applying `batch` would do, read in one snapshot of the database. */
  plan(batch: ImportBatch): Promise<ImportPlan> {
    return this.db.transaction('r', this.tables, () => this.decide(batch));
  }

  /** Decides again inside the writing transaction (the library may have changed since the preview), then writes. */
  apply(batch: ImportBatch): Promise<ImportPlan> {
    const { db } = this;
    return db.transaction('rw', this.tables, async () => {
      const plan = await this.decide(batch);
      await putLibrary(db, plan.writes);
      return plan;
    });
  }

  private async decide({ library, articlesAreStubs }: ImportBatch): Promise<ImportPlan> {
    const { db } = this;
    const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, conflicting: 0 };
    const writes = emptyLibrary();

    // Articles: a stub (made from an annotation's source) joins the stored article at that address, if any.
    const storedArticles = await db.articles.bulkGet(library.articles.map((a) => a.id));
    const missingUrls = library.articles.filter((_, i) => !storedArticles[i]).flatMap((a) => a.urls);
    const byUrl = new Map<string, ArticleRecord>();
    if (articlesAreStubs && missingUrls.length > 0)
      for (const found of await db.articles.where('urls').anyOf(missingUrls).toArray())
        for (const url of found.urls) byUrl.set(url, found);
    const articleIdFor = new Map<string, string>();
    const written = new Set<string>();
    let newArticles = 0;
    for (const [i, article] of library.articles.entries()) {
      const stored =
        storedArticles[i] ??
        (articlesAreStubs ? article.urls.map((u) => byUrl.get(u)).find(Boolean) : undefined);
      articleIdFor.set(article.id, stored?.id ?? article.id);
      if (!stored) newArticles++;
      if (!stored || (!articlesAreStubs && isLater(article.lastSeen, stored.lastSeen))) {
        writes.articles.push(article);
        written.add(article.id);
      }
    }

    // Claims are the detector's reading of an article: they come with their article's record, or not at all.
    const storedClaims = await db.claims.bulkGet(library.claims.map((c) => c.id));
    for (const [i, claim] of library.claims.entries()) {
      const stored: ClaimRecord | undefined = storedClaims[i];
      const same = stored !== undefined && canonical(stored) === canonical(claim);
      if (same) counts.unchanged++;
      else if (!written.has(claim.articleId)) counts.conflicting++;
      else {
        counts[stored ? 'updated' : 'new']++;
        writes.claims.push(claim);
      }
    }

    const storedAnnotations = await db.annotations.bulkGet(library.annotations.map((a) => a.id));
    for (const [i, incoming] of library.annotations.entries()) {
      const annotation = {
        ...incoming,
        articleId: articleIdFor.get(incoming.articleId) ?? incoming.articleId,
      };
      const stored: AnnotationRecord | undefined = storedAnnotations[i];
      if (!stored) {
        counts.new++;
        writes.annotations.push(annotation);
      } else if (readerContent(stored) === readerContent(annotation)) counts.unchanged++;
      else if (!isLater(annotation.updatedAt, stored.updatedAt)) counts.conflicting++;
      else {
        counts.updated++;
        writes.annotations.push({ ...annotation, anchoring: annotation.anchoring ?? stored.anchoring });
      }
    }

    // The rest rides along: added where absent, replaced only by a later version of itself.
    const storedTags = await db.tags.bulkGet(library.tags.map((t) => t.id));
    writes.tags = library.tags.filter((_, i) => !storedTags[i]);
    const storedCorrections = await db.corrections.bulkGet(library.corrections.map((c) => c.id));
    writes.corrections = library.corrections.filter((_, i) => !storedCorrections[i]);
    const storedPacks = await db.packs.bulkGet(library.packs.map((p) => p.id));
    writes.packs = library.packs.filter((p, i) => {
      const stored = storedPacks[i];
      return !stored || isLater(p.updatedAt, stored.updatedAt);
    });
    const storedSnapshots = await db.snapshots.bulkGet(library.snapshots.map((s) => s.articleId));
    writes.snapshots = library.snapshots.filter((s, i) => {
      const stored = storedSnapshots[i];
      return !stored || isLater(s.capturedAt, stored.capturedAt);
    });
    return { counts, newArticles, writes };
  }
}
