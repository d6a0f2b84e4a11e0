import { useEffect, useState } from 'preact/hooks';
import { useLiveQuery } from '../../components/use-live-query.ts';
import type { HighlightSettings, ReadingSettings } from '../../utils/db/settings.ts';
import { HIGHLIGHT_STYLES, type HighlightStyle } from '../../utils/highlight/styles.ts';
import type { Outcome } from '../../utils/messages.ts';
import { libraryStore, send, settings } from './store.ts';

const STYLE_LABELS: Record<HighlightStyle, string> = {
  tint: 'Tint and underline',
  underline: 'Underline only',
};

/** A control that follows the reader's click at once; the stored value confirms it (or puts it back) after. */
function useFollowing<T>(stored: T): [T, (value: T) => void] {
  const [value, setValue] = useState(stored);
  useEffect(() => setValue(stored), [stored]);
  return [value, setValue];
}

/** Where and how ClaimLens reads pages, and how much of this browser's storage the library takes. */
export function SettingsView() {
  const state = useLiveQuery(
    async () => ({
      highlights: await settings.highlights(),
      reading: await settings.reading(),
      counts: await libraryStore.counts(),
    }),
    [],
  );
  if (state.status === 'error') return <p role="alert">Could not read the settings: {state.error}</p>;
  if (state.status === 'loading') return null;
  return (
    <section id="settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <ReadingControls highlights={state.value.highlights} reading={state.value.reading} />
      <p>
        What ClaimLens looks for is set by its <a href="#packs">topic packs</a>.
      </p>
      <StorageUse counts={state.value.counts} />
    </section>
  );
}

function ReadingControls({
  highlights,
  reading,
}: {
  highlights: HighlightSettings;
  reading: ReadingSettings;
}) {
  const [everywhere, setEverywhere] = useFollowing(highlights.everywhere);
  const [autoAnalyze, setAutoAnalyze] = useFollowing(reading.autoAnalyze);
  const [style, setStyle] = useFollowing(reading.highlightStyle);
  // Counts the changes stored, so the reader (and a test) can see each one has been kept.
  const [saved, setSaved] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const save = async (work: () => Promise<Outcome<object>>) => {
    const outcome = await work().catch((failure: unknown) => ({
      ok: false as const,
      error: String(failure),
    }));
    if (outcome.ok) {
      setError(null);
      setSaved((n) => n + 1);
    } else setError(outcome.error);
  };
  return (
    <>
      <fieldset>
        <legend>Highlights</legend>
        <label>
          <input
            type="checkbox"
            data-testid="settings-everywhere"
            checked={everywhere}
            onChange={() => {
              setEverywhere(!everywhere);
              void save(() => send({ type: 'settings/highlights', host: null, on: !everywhere }));
            }}
          />{' '}
          on every site
        </label>
        {highlights.offSites.length === 0 ? (
          <p class="muted">No site is turned off. Turn one off from the popup, on one of its pages.</p>
        ) : (
          <ul class="off-sites" aria-label="Sites turned off">
            {highlights.offSites.map((host) => (
              <li key={host} data-testid="off-site" data-host={host}>
                {host}{' '}
                <button
                  type="button"
                  data-testid="off-site-on"
                  onClick={() => void save(() => send({ type: 'settings/highlights', host, on: true }))}
                >
                  Turn back on
                </button>
              </li>
            ))}
          </ul>
        )}
        <label>
          Style{' '}
          <select
            data-testid="settings-highlight-style"
            value={style}
            onChange={(event) => {
              const next = HIGHLIGHT_STYLES.find(
                (s) => s === (event.currentTarget as HTMLSelectElement).value,
              );
              if (!next) return;
              setStyle(next);
              void save(() => send({ type: 'settings/update', highlightStyle: next }));
            }}
          >
            {HIGHLIGHT_STYLES.map((s) => (
              <option key={s} value={s}>
                {STYLE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Analysis</legend>
        <label>
          <input
            type="checkbox"
            data-testid="settings-auto-analyze"
            checked={autoAnalyze}
            onChange={() => {
              setAutoAnalyze(!autoAnalyze);
              void save(() => send({ type: 'settings/update', autoAnalyze: !autoAnalyze }));
            }}
          />{' '}
          Analyse every page as it loads
        </label>
        <p class="muted">
          Off: a page is analysed only when you ask, with “Analyse this page” in the popup or the
          show-highlights shortcut (Alt+Shift+H).
        </p>
      </fieldset>
      {saved > 0 && !error && (
        <p class="muted" role="status" data-testid="settings-result" data-saved={saved}>
          Saved: pages you open from now on follow it.
        </p>
      )}
      {error && (
        <p role="alert" data-testid="settings-result">
          {error}
        </p>
      )}
    </>
  );
}

type Persisted = boolean | 'unknown';

/** The library's share of this browser's storage, and whether the browser may clear it to free space. */
function StorageUse({ counts }: { counts: { articles: number; claims: number; annotations: number } }) {
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  const [persisted, setPersisted] = useState<Persisted>('unknown');
  const [asked, setAsked] = useState<string | null>(null);
  useEffect(() => {
    // Measured again whenever the library changes size.
    navigator.storage
      .estimate()
      .then(setEstimate)
      .catch(() => setEstimate(null));
  }, [counts]);
  useEffect(() => {
    navigator.storage
      .persisted()
      .then(setPersisted)
      .catch(() => setPersisted('unknown'));
  }, []);
  const persist = async () => {
    try {
      const granted = await navigator.storage.persist();
      setPersisted(granted);
      setAsked(
        granted
          ? 'Granted: the browser will not clear the library to free space.'
          : 'Not granted: the browser may clear the library when space runs low. Export it now and then.',
      );
    } catch (error) {
      setAsked(`The browser did not answer: ${(error as Error).message}`);
    }
  };
  return (
    <fieldset>
      <legend>Storage</legend>
      <p data-testid="storage-used">
        {estimate?.usage !== undefined
          ? `${formatBytes(estimate.usage)} used of ${estimate.quota !== undefined ? formatBytes(estimate.quota) : 'an unknown quota'}`
          : 'Storage use unknown'}
      </p>
      <p class="muted" data-testid="storage-counts">
        {plural(counts.articles, 'article')}, {plural(counts.claims, 'claim')},{' '}
        {plural(counts.annotations, 'annotation')}
      </p>
      <p data-testid="storage-persisted" data-persisted={String(persisted)}>
        {persisted === true
          ? 'Persistent: the browser keeps the library even when space runs low.'
          : persisted === false
            ? 'Not persistent: the browser may clear the library when space runs low.'
            : 'Whether the library is kept when space runs low is unknown.'}
      </p>
      {persisted !== true && (
        <button type="button" data-testid="storage-persist" onClick={() => void persist()}>
          Ask to keep the library
        </button>
      )}
      {asked && (
        <p role="status" data-testid="storage-persist-result">
          {asked}
        </p>
      )}
    </fieldset>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 kB" (powers of 1000, as browsers report quotas). */
function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}
