import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticLibrary } from '../../../scripts/lib/synthetic-library.ts';
import { putLibrary } from '../../../utils/db/library.ts';
import { readLibrary } from '../../../utils/db/read-library.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { joinParts } from '../../../utils/export/chunks.ts';
import { toCsv } from '../../../utils/export/csv.ts';
import { toMarkdown } from '../../../utils/export/markdown.ts';
import {
  annotationCollectionParts,
  emptyLibrary,
  type Library,
} from '../../../utils/export/web-annotation.ts';

const NOW = new Date('2026-07-20T12:00:00Z');

let db: ClaimLensDatabase;
let library: Library;

beforeEach(async () => {
  db = new ClaimLensDatabase(`test-${Math.random()}`);
  library = syntheticLibrary(300);
  // Two articles seen at the same moment: the index orders them by id, and so must the read.
  const [first, second] = library.articles;
  if (!first || !second) throw new Error('too few articles');
  second.lastSeen = first.lastSeen;
  await db.transaction('rw', db.tables, () => putLibrary(db, library));
});
afterEach(async () => {
  await db.delete();
});

/** A store's records as IndexedDB holds them, derived keys and all. */
const stored = (store: string) =>
  new Promise<({ id: string } & Record<string, unknown>)[]>((resolve) => {
    const request = db.backendDB().transaction(store).objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result);
  });

describe('reading the whole library for an export', () => {
  it('gives back every record as stored, derived keys and all, whatever the size of a batch', async () => {
    const byId = <T extends { id: string }>(records: T[]) =>
      [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
    // 300 annotations and 150 claims: batches of 7 end mid-store, of 150 end exactly at the claims' end.
    for (const batch of [7, 150, 10_000]) {
      const read = await readLibrary(db, batch);
      expect(byId(read.claims)).toEqual(byId(await stored('claims')));
      expect(byId(read.annotations)).toEqual(byId(await stored('annotations')));
      expect(byId(read.articles)).toEqual(byId(await stored('articles')));
      expect(read.claims).toHaveLength(library.claims.length);
      expect(read.tags).toEqual(library.tags);
      expect(read.snapshots).toEqual(library.snapshots);
    }
  });

  it('exports, in every format, exactly what it exports of the records as they were put', async () => {
    const read = await readLibrary(db, 7);
    // The derived keys are there to be left out.
    expect(read.annotations[0]).toHaveProperty('words');
    expect(read.articles[0]).toHaveProperty('copyKeys');
    // The records as they were put, in the order they were read.
    const asPut = <T extends { id: string }>(records: T[], originals: T[]) => {
      const byId = new Map(originals.map((r) => [r.id, r]));
      return records.map((r) => byId.get(r.id) ?? r);
    };
    const put: Library = {
      ...library,
      articles: asPut(read.articles, library.articles),
      claims: asPut(read.claims, library.claims),
      annotations: asPut(read.annotations, library.annotations),
    };
    const json = joinParts(annotationCollectionParts(read, NOW));
    expect(json).toBe(joinParts(annotationCollectionParts(put, NOW)));
    expect(json).not.toMatch(/"(words|copyKeys)"/);
    expect(toCsv(read.articles, read.claims, read.annotations)).toBe(
      toCsv(put.articles, put.claims, put.annotations),
    );
    expect(toMarkdown(read.articles, read.claims, NOW, read.annotations)).toBe(
      toMarkdown(put.articles, put.claims, NOW, put.annotations),
    );
  });

  it('orders articles as the lastSeen index does, newest first', async () => {
    const viaIndex = await db.articles.orderBy('lastSeen').reverse().primaryKeys();
    expect((await readLibrary(db)).articles.map((a) => a.id)).toEqual(viaIndex);
  });

  it('reads an empty library', async () => {
    const empty = new ClaimLensDatabase(`test-${Math.random()}`);
    try {
      expect(await readLibrary(empty)).toEqual(emptyLibrary());
    } finally {
      await empty.delete();
    }
  });
});
