import type { Library } from '../export/web-annotation.ts';
import type { ClaimLensDatabase } from './schema.ts';

/** The tables that hold the reader's library: what an export reads and an import or an undo puts back. */
export function libraryTables(db: ClaimLensDatabase) {
  return [db.articles, db.claims, db.annotations, db.tags, db.corrections, db.packs, db.snapshots];
}

/**
 * The records stored under each of `keys` (one index lookup each, side by side, which the browser serves faster
 * than one `anyOf` walk over the index), in the order of the keys.
 */
export async function readByKeys<T>(
  keys: Iterable<string>,
  read: (key: string) => Promise<T[]>,
): Promise<T[]> {
  return (await Promise.all([...keys].map(read))).flat();
}

/** Puts every record of `library`, table by table; the caller holds the transaction that makes it whole. */
export async function putLibrary(db: ClaimLensDatabase, library: Library): Promise<void> {
  await db.articles.bulkPut(library.articles);
  await db.claims.bulkPut(library.claims);
  await db.annotations.bulkPut(library.annotations);
  await db.tags.bulkPut(library.tags);
  await db.corrections.bulkPut(library.corrections);
  await db.packs.bulkPut(library.packs);
  await db.snapshots.bulkPut(library.snapshots);
}
