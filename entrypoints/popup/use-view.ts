import { useLayoutEffect, useState } from 'preact/hooks';
import type { LiveState } from '../../components/use-live-query.ts';
import { VIEW_CHANGED_CHANNEL } from '../../utils/messages.ts';

/**
 * What `load` asks of the background, asked again each time the background says what the popup shows has
 * changed (an analysis, a split story, a switch): the popup reads through the background and holds no
 * database, so it cannot watch one.
 */
export function useBackgroundView<T>(load: () => Promise<T>, deps: readonly unknown[]): LiveState<T> {
  const [state, setState] = useState<LiveState<T>>({ status: 'loading' });
  // Asked before the browser paints the loading state: the answer comes a frame earlier than an effect would ask.
  useLayoutEffect(() => {
    let latest = 0;
    const run = () => {
      const mine = ++latest;
      // A slower earlier answer never overwrites a later one.
      load().then(
        (value) => mine === latest && setState({ status: 'ready', value }),
        (error: unknown) => mine === latest && setState({ status: 'error', error: String(error) }),
      );
    };
    const changes = new BroadcastChannel(VIEW_CHANGED_CHANNEL);
    changes.onmessage = run;
    run();
    return () => {
      latest = Infinity; // answers still on their way are dropped
      changes.close();
    };
  }, deps); // the caller names what `load` depends on, as with useEffect
  return state;
}
