import { liveQuery, type Table } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

export type LiveState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string };

/**
 * Runs a Dexie query and re-runs it whenever what it read changes (the background writes; pages watch). A query
 * that awaits work of its own between reads can leave Dexie unable to tell what it read next: `watch` names
 * tables whose every change re-runs it, whatever it read.
 */
export function useLiveQuery<T>(
  query: () => Promise<T>,
  deps: readonly unknown[],
  watch: readonly Table[] = [],
): LiveState<T> {
  const [state, setState] = useState<LiveState<T>>({ status: 'loading' });
  // Subscribed as soon as the component is in the DOM, before the browser paints: the first read starts a frame
  // earlier than an effect would start it.
  useLayoutEffect(() => {
    const watched = async () => {
      // Counting a table reads all of it, as far as Dexie's change tracking is concerned, for the price of a count.
      await Promise.all(watch.map((table) => table.count()));
      return query();
    };
    const subscription = liveQuery(watch.length > 0 ? watched : query).subscribe({
      next: (value) => setState({ status: 'ready', value }),
      error: (error: unknown) => setState({ status: 'error', error: String(error) }),
    });
    return () => subscription.unsubscribe();
  }, deps); // the caller names what the query depends on, as with useEffect
  return state;
}
