import { liveQuery, type Table } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';
import { onTablesChanged } from '../utils/db/watch.ts';

export type LiveState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string };

/**
 * Runs a Dexie query and re-runs it whenever what it read changes (the background writes; pages watch). A query
 * that awaits work of its own between reads can leave Dexie unable to tell what it read next: `watch` names
 * the tables whose every change re-runs it instead, whatever it read.
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
    const show = {
      next: (value: T) => setState({ status: 'ready', value }),
      error: (error: unknown) => setState({ status: 'error', error: String(error) }),
    };
    if (watch.length === 0) {
      const subscription = liveQuery(query).subscribe(show);
      return () => subscription.unsubscribe();
    }
    let latest = 0;
    const run = () => {
      const mine = ++latest;
      // A slower earlier run never overwrites a later one.
      query().then(
        (value) => mine === latest && show.next(value),
        (error: unknown) => mine === latest && show.error(error),
      );
    };
    const stop = onTablesChanged(watch, run);
    run();
    return stop;
  }, deps); // the caller names what the query depends on, as with useEffect
  return state;
}
