import '../../components/theme.css';
import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from './Popup.tsx';

/** `?url=` shows a stored article (tests, dashboard links); otherwise the active tab's page. */
async function target(): Promise<{ url: string | null; tabId: number | null }> {
  const fromQuery = new URLSearchParams(location.search).get('url');
  if (fromQuery) return { url: fromQuery, tabId: null };
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return { url: tab?.url ?? null, tabId: tab?.id ?? null };
}

const root = document.getElementById('app');
if (root) void target().then(({ url, tabId }) => render(<Popup url={url} tabId={tabId} />, root));
