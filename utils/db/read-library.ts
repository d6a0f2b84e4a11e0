import type { Library } from '../export/web-annotation.ts';
import { libraryTables } from './library.ts';
// Dexie comes with this import: this module is for the pages that read the whole library, never the content
// script (which reaches library.ts through the messages).
import { DERIVED_KEYS, type ArticleRecord, type ClaimLensDatabase } from './schema.ts';

/** A record as stored, less the keys the database derived for its indexes (copied: `delete` slows every later read). */
function withoutDerivedKeys<T>(record: T, derived: readonly string[]): T {
  const own: Record<string, unknown> = {};
  for (const key in record) if (!derived.includes(key)) own[key] = record[key];
  return own as T;
}

/**
 * Everything the reader has, as one consistent snapshot: what the export writes. One `getAll` per store, all
 * asked at once in one read-only transaction, straight from IndexedDB: Dexie's reading hook (which hides the
 * derived keys by deleting them from each record) and its promise machinery cost more than the read itself at
 * 100,000 records. Articles come newest seen first.
 */
export async function readLibrary(db: ClaimLensDatabase): Promise<Library> {
  await db.open();
  const transaction = db.backendDB().transaction(
    libraryTables(db).map((table) => table.name),
    'readonly',
  );
  // Each store holds only records of its table's type, which is what makes the cast sound.
  const read = <K extends keyof Library>(store: K) =>
    new Promise<Library[K]>((resolve, reject) => {
      const request = transaction.objectStore(store).getAll();
      request.onsuccess = () => {
        const derived = DERIVED_KEYS.get(store);
        const records = request.result as Library[K];
        resolve(derived ? (records.map((r) => withoutDerivedKeys(r, derived)) as Library[K]) : records);
      };
      request.onerror = () => reject(request.error ?? new Error(`Reading ${store} failed`));
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
