import { useState } from 'preact/hooks';
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
  const attempt = (work: Promise<void>) =>
    work.then(() => setError(null)).catch((e: unknown) => setError(String(e)));
  const siteOn = host !== null && !settings.offSites.includes(host);
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
            onChange={() => void attempt(actions.site(host, !siteOn))}
          />{' '}
          on {host}
        </label>
      )}
      <label>
        <input
          type="checkbox"
          data-testid="switch-everywhere"
          checked={settings.everywhere}
          onChange={() => void attempt(actions.everywhere(!settings.everywhere))}
        />{' '}
        on every site
      </label>
      {error && <p role="alert">{error}</p>}
    </fieldset>
  );
}
