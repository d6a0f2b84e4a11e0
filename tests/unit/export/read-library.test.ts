import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticLibrary } from '../../../scripts/lib/synthetic-library.ts';
import { putLibrary } from '../../../utils/db/library.ts';
import { readLibrary } from '../../../utils/db/read-library.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { emptyLibrary, type Library } from '../../../utils/export/web-annotation.ts';

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
  new Promise<Record<string, unknown>[]>((resolve) => {
    const request = db.backendDB().transaction(store).objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result);
  });

describe('reading the whole library for an export', () => {
  it('gives back every record as it was put, without the keys derived for the indexes', async () => {
    // The derived keys are there to be left out.
    expect((await stored('annotations'))[0]).toHaveProperty('words');
    expect((await stored('articles'))[0]).toHaveProperty('copyKeys');
    const read = await readLibrary(db);
    const byId = <T extends { id: string }>(records: T[]) =>
      [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(read.claims)).toEqual(byId(library.claims));
    expect(byId(read.annotations)).toEqual(byId(library.annotations));
    expect(byId(read.articles)).toEqual(byId(library.articles));
    expect(read.tags).toEqual(library.tags);
    expect(read.snapshots).toEqual(library.snapshots);
    for (const record of [...read.claims, ...read.annotations]) expect(record).not.toHaveProperty('words');
    for (const article of read.articles) expect(article).not.toHaveProperty('copyKeys');
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
