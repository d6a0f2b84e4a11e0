import { useEffect, useState } from 'preact/hooks';
import type { HighlightSettings } from '../utils/db/settings.ts';

export interface SwitchActions {
  /** Shows or hides the highlights of the open page only (null when the popup is not about an open tab). */
  page: ((visible: boolean) => Promise<void>) | null;
  site: (host: string, on: boolean) => Promise<void>;
  everywhere: (on: boolean) => Promise<void>;
}

/** Where ClaimLens highlights: this page, this site, everywhere. Site and global switches are remembered. */
export function HighlightSwitches({
  host,
  settings,
  actions,
}: {
  host: string | null;
  settings: HighlightSettings;
  actions: SwitchActions;
}) {
  const [pageVisible, setPageVisible] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // Counts the switches stored, so the reader (and a test) can see a change has been kept.
  const [saved, setSaved] = useState(0);
  const attempt = (work: Promise<void>) =>
    work
      .then(() => {
        setError(null);
        setSaved((n) => n + 1);
      })
      .catch((e: unknown) => setError(String(e)));
  // The boxes follow the reader's click at once; the stored settings confirm it a moment later.
  const [siteOn, setSiteOn] = useState(host !== null && !settings.offSites.includes(host));
  const [everywhere, setEverywhere] = useState(settings.everywhere);
  useEffect(() => {
    setSiteOn(host !== null && !settings.offSites.includes(host));
    setEverywhere(settings.everywhere);
  }, [host, settings]);
  return (
    <fieldset class="switches">
      <legend>Highlights</legend>
      {actions.page && (
        <label>
          <input
            type="checkbox"
            data-testid="switch-page"
            checked={pageVisible}
            onChange={() => {
              const next = !pageVisible;
              setPageVisible(next);
              void attempt(actions.page?.(next) ?? Promise.resolve());
            }}
          />{' '}
          on this page
        </label>
      )}
      {host && (
        <label>
          <input
            type="checkbox"
            data-testid="switch-site"
            checked={siteOn}
            onChange={() => {
              setSiteOn(!siteOn);
              void attempt(actions.site(host, !siteOn));
            }}
          />{' '}
          on {host}
        </label>
      )}
      <label>
        <input
          type="checkbox"
          data-testid="switch-everywhere"
          checked={everywhere}
          onChange={() => {
            setEverywhere(!everywhere);
            void attempt(actions.everywhere(!everywhere));
          }}
        />{' '}
        on every site
      </label>
      {saved > 0 && !error && (
        <span class="muted" role="status" data-testid="switch-status" data-saved={saved}>
          Saved: pages you open from now on follow it.
        </span>
      )}
      {error && <p role="alert">{error}</p>}
    </fieldset>
  );
}
