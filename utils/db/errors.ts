/** What the reader is told when the browser refuses a write for lack of room; the write left nothing behind. */
export const STORAGE_FULL =
  'Your browser has no room left for ClaimLens’s library, so none of this was saved. Free some disk space, ' +
  'or delete articles you no longer need, then try again.';

/**
 * Whether a write failed because the origin's storage quota (or the disk) is full. IndexedDB aborts the whole
 * transaction with a QuotaExceededError; Dexie passes it on as is, or as the `inner` cause of an AbortError, and
 * a bulk write lists it among its `failures`.
 */
export function isStorageFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, inner, failures } = error as { name?: unknown; inner?: unknown; failures?: unknown };
  return (
    name === 'QuotaExceededError' ||
    isStorageFull(inner) ||
    (Array.isArray(failures) && failures.some(isStorageFull))
  );
}

/** The reason a write failed, in words the reader can act on. */
export function writeFailure(error: unknown): string {
  if (isStorageFull(error)) return STORAGE_FULL;
  return error instanceof Error ? error.message : String(error);
}
