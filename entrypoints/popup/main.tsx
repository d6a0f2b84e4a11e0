import '../../components/theme.css';
import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from './Popup.tsx';

/**
 * `?url=` shows a stored article (tests, dashboard links), `&tab=` with the tab it is open in (tests: the page
 * commands then reach it); otherwise the active tab's page.
 */
async function target(): Promise<{ url: string | null; tabId: number | null }> {
  const query = new URLSearchParams(location.search);
  const fromQuery = query.get('url');
  const tabParam = Number(query.get('tab'));
  if (fromQuery)
    return { url: fromQuery, tabId: Number.isInteger(tabParam) && tabParam > 0 ? tabParam : null };
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return { url: tab?.url ?? null, tabId: tab?.id ?? null };
}

const root = document.getElementById('app');
if (root) void target().then(({ url, tabId }) => render(<Popup url={url} tabId={tabId} />, root));
