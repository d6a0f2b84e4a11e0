import Dexie, { type ObservabilitySet, type Table } from 'dexie';

/**
 * Calls `onChange` after every committed write that touched one of `tables`, from any context (the background's
 * writes reach the pages, a page's reach the background). Returns the way to stop listening.
 */
export function onTablesChanged(tables: readonly Table[], onChange: () => void): () => void {
  const prefixes = tables.map((table) => `idb://${table.db.name}/${table.name}/`);
  const listener = (parts: ObservabilitySet) => {
    if (Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) onChange();
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on('storagemutated').unsubscribe(listener);
}
