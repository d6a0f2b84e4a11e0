import type { Library } from '../export/web-annotation.ts';
import { libraryTables } from './library.ts';
import type { ArticleRecord, ClaimLensDatabase } from './schema.ts';

/**
 * Records per request. The stores are read side by side, each a batch at a time, so the database reads one
 * store's next batch while the page copies in another's: 10–20% quicker in Chromium at 150,000 records than
 * one request per store, which made the page wait for each whole store, then copy it all at once.
 */
const BATCH = 10_000;

/**
 * Everything the reader has, as one consistent snapshot: what the export writes. Read in one read-only
 * transaction, straight from IndexedDB: Dexie's reading hook (which hides the derived keys by deleting them
 * from each record) and its promise machinery cost more than the read itself at 100,000 records. Records come
 * as stored, with the keys the database derived for its indexes (`words`, `copyKeys`): copying 150,000
 * records to leave them out cost a tenth of a second or more, and as much again in garbage collection, so the
 * exports leave them out as they write. Articles come newest seen first. `batch`: records per request (tests
 * make it small).
 */
export async function readLibrary(db: ClaimLensDatabase, batch = BATCH): Promise<Library> {
  await db.open();
  const transaction = db.backendDB().transaction(
    libraryTables(db).map((table) => table.name),
    'readonly',
  );
  // Each store holds only records of its table's type, which is what makes the cast sound.
  const read = <K extends keyof Library>(name: K) =>
    new Promise<Library[K]>((resolve, reject) => {
      const store = transaction.objectStore(name);
      // Every store is keyed by one field of its records (ids, or the article of a snapshot).
      const keyOf = (record: object) =>
        (record as Record<string, IDBValidKey>)[store.keyPath as string] as IDBValidKey;
      const records: Library[K][number][] = [];
      const readAfter = (last: IDBValidKey | null) => {
        const request = store.getAll(last === null ? null : IDBKeyRange.lowerBound(last, true), batch);
        request.onsuccess = () => {
          const got = request.result as Library[K];
          const end = got.at(-1);
          // The next batch is asked for before this one is copied in: the database reads while the page copies.
          if (got.length === batch && end) readAfter(keyOf(end));
          for (const record of got) records.push(record);
          if (got.length < batch) resolve(records as Library[K]);
        };
        request.onerror = () => reject(request.error ?? new Error(`Reading ${name} failed`));
      };
      readAfter(null);
    });
  const [articles, claims, annotations, tags, corrections, packs, snapshots] = await Promise.all([
    read('articles'),
    read('claims'),
    read('annotations'),
    read('tags'),
    read('corrections'),
    read('packs'),
    read('snapshots'),
  ]);
  // The order the lastSeen index gives, reversed (IndexedDB compares strings by code unit, as `<` does).
  articles.sort(newestSeenFirst);
  return { articles, claims, annotations, tags, corrections, packs, snapshots };
}

const newestSeenFirst = (a: ArticleRecord, b: ArticleRecord) =>
  a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
