import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/browser.ts';
import { NEWSROOM } from '../../scripts/lib/newsroom.ts';
import { serveFolder, type StaticServer } from '../../scripts/lib/static-server.ts';
import { analysisEnded, highlightTexts, recordedMutations, recordMutations, selectFirst } from './in-page.ts';

export { catalog, NEWSROOM, type CatalogEntry, type Stance } from '../../scripts/lib/newsroom.ts';
export const TEST_PAGES = resolve(import.meta.dirname, 'pages');

export interface Harness {
  browser: ExtensionBrowser;
  newsroom: StaticServer;
  testPages: StaticServer;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const [browser, newsroom, testPages] = await Promise.all([
    launchWithExtension(),
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
export async function openAnalyzed(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(analysisEnded, null, {
    timeout: 15_000,
  });
}

/** The text of every range in each ClaimLens highlight, read from the page's main world. */
export function readHighlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(highlightTexts);
}

/** Same white-space folding on both sides: the catalog is written with single spaces, pages are not. */
export const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Records every DOM mutation from the end of parsing (the parser's own insertions are not the extension's)
 * onwards: the content script runs at document_idle, after DOMContentLoaded.
 */
export async function watchMutations(page: Page): Promise<void> {
  await page.addInitScript(recordMutations);
}

export function mutationsSoFar(page: Page): Promise<string[]> {
  return page.evaluate(recordedMutations);
}

/** The parts of the extension API the checks below call inside the service worker. */
declare const chrome: {
  tabs: { query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

/** The toolbar badge text of the active tab, read in the service worker. */
export async function activeBadgeText(harness: Harness, page: Page): Promise<string> {
  await page.bringToFront();
  return harness.browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id === undefined ? 'no tab' : chrome.action.getBadgeText({ tabId: tab.id });
  });
}

/** Selects the first occurrence of `text` in the page's body, as a reader's drag would. */
export async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate(selectFirst, text);
}

/** How many records a store of ClaimLens's database holds, read in the service worker. */
export function countRecords(harness: Harness, store: string): Promise<number> {
  return harness.browser.worker.evaluate(async (name) => {
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
