import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { NEWSROOM } from '../../scripts/lib/newsroom.ts';
import { serveFolder, type StaticServer } from '../../scripts/lib/static-server.ts';
import { launchBrowser, type TestBrowser, type TestPage } from './driver.ts';
import { analysisEnded, highlightTexts, recordedMutations, recordMutations, selectFirst } from './in-page.ts';

export { catalog, NEWSROOM, type CatalogEntry, type Stance } from '../../scripts/lib/newsroom.ts';
export { BROWSER, type Loc, type TestBrowser, type TestPage } from './driver.ts';
export const TEST_PAGES = resolve(import.meta.dirname, 'pages');

export interface Harness {
  browser: TestBrowser;
  newsroom: StaticServer;
  testPages: StaticServer;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const [browser, newsroom, testPages] = await Promise.all([
    launchBrowser(),
    serveFolder(NEWSROOM),
    serveFolder(TEST_PAGES),
  ]);
  return {
    browser,
    newsroom,
    testPages,
    close: async () => {
      await Promise.all([browser.close(), newsroom.close(), testPages.close()]);
    },
  };
}

/** Starts a harness before the file's tests and closes it after: `const h = useHarness(); … h().browser`. */
export function useHarness(): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('The harness has not started (use it inside a test)');
    return harness;
  };
}

/** Opens a page and waits for ClaimLens's first analysis pass to end (the contract's measure). */
export async function openAnalyzed(page: TestPage, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(analysisEnded, undefined, { timeout: 15_000 });
}

/** The text of every range in each ClaimLens highlight, read from the page's main world. */
export function readHighlights(page: TestPage): Promise<Record<string, string[]>> {
  return page.evaluate(highlightTexts);
}

/** Same white-space folding on both sides: the catalog is written with single spaces, pages are not. */
export const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Records every DOM mutation from the end of parsing onwards (the parser's own insertions are not the
 * extension's): the content script runs at document_idle, after DOMContentLoaded.
 */
export async function watchMutations(page: TestPage): Promise<void> {
  await page.addInitScript(recordMutations);
}

export function mutationsSoFar(page: TestPage): Promise<string[]> {
  return page.evaluate(recordedMutations);
}

/** The parts of the extension API the helpers below call: `browser` in Firefox, `chrome` in Chromium. */
interface ExtensionApi {
  tabs: {
    query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  /** MV3's name, and MV2's (the Firefox build). */
  action?: { getBadgeText(d: { tabId: number }): Promise<string> };
  browserAction?: { getBadgeText(d: { tabId: number }): Promise<string> };
}
type ExtensionScope = { browser?: ExtensionApi; chrome?: ExtensionApi };

/** The id of the tab `page` is open in, as the extension sees it: the active tab, once `page` is in front. */
export async function tabIdOf(harness: Harness, page: TestPage): Promise<number> {
  await page.bringToFront();
  return harness.browser.inExtension(async () => {
    const scope = globalThis as unknown as ExtensionScope;
    const api = (scope.browser ?? scope.chrome) as ExtensionApi;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}

/**
 * Sends `message` to the content script of `page`'s tab, as ClaimLens's keyboard commands and context menu do
 * (ClaimLens has no "tabs" permission: they find the page as the active tab).
 */
export async function sendToTab(harness: Harness, page: TestPage, message: object): Promise<unknown> {
  const tabId = await tabIdOf(harness, page);
  return harness.browser.inExtension(
    ({ tab, sent }) => {
      const scope = globalThis as unknown as ExtensionScope;
      return (scope.browser ?? scope.chrome)?.tabs.sendMessage(tab, sent);
    },
    { tab: tabId, sent: message },
  );
}

/** The toolbar badge text of `page`'s tab. */
export async function activeBadgeText(harness: Harness, page: TestPage): Promise<string> {
  const tabId = await tabIdOf(harness, page);
  return harness.browser.inExtension(async (tab) => {
    const scope = globalThis as unknown as ExtensionScope;
    const api = (scope.browser ?? scope.chrome) as ExtensionApi;
    const action = api.action ?? api.browserAction;
    if (!action) throw new Error('no action API');
    return action.getBadgeText({ tabId: tab });
  }, tabId);
}

/** Selects the first occurrence of `text` in the page's body, as a reader's drag would. */
export async function selectText(page: TestPage, text: string): Promise<void> {
  await page.evaluate(selectFirst, text);
}

/** How many records a store of ClaimLens's database holds, read in the extension's own origin. */
export function countRecords(harness: Harness, store: string): Promise<number> {
  return harness.browser.inExtension(async (name) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('claimlens');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    try {
      if (!db.objectStoreNames.contains(name)) return 0;
      const request = db.transaction(name).objectStore(name).count();
      return await new Promise<number>((done, fail) => {
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
    } finally {
      db.close();
    }
  }, store);
}
