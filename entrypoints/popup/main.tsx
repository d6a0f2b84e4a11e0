import '../../components/theme.css';
import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from './Popup.tsx';

/** `?url=` shows a stored article (tests, dashboard links); otherwise the active tab's page. */
async function targetUrl(): Promise<string | null> {
  const fromQuery = new URLSearchParams(location.search).get('url');
  if (fromQuery) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url ?? null;
}

const root = document.getElementById('app');
if (root) void targetUrl().then((url) => render(<Popup url={url} />, root));
