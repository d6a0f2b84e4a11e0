import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/lib/firefox.ts';
import { NEWSROOM } from '../../scripts/lib/newsroom.ts';
import { serveFolder, type StaticServer } from '../../scripts/lib/static-server.ts';
import { TEST_PAGES } from '../e2e/harness.ts';
import {
  analysisEnded,
  highlightTexts,
  recordedMutations,
  recordMutations,
  selectFirst,
} from '../e2e/in-page.ts';

export { catalog, fold, TEST_PAGES } from '../e2e/harness.ts';

export interface FirefoxHarness {
  firefox: FirefoxWithExtension;
  newsroom: StaticServer;
  testPages: StaticServer;
}

/** Firefox with the built extension and the two page servers, for the file's tests: `const h = useFirefox();`. */
export function useFirefox(): () => FirefoxHarness {
  let harness: FirefoxHarness | undefined;
  beforeAll(async () => {
    const [firefox, newsroom, testPages] = await Promise.all([
      launchFirefoxWithExtension(),
      serveFolder(NEWSROOM),
      serveFolder(TEST_PAGES),
    ]);
    harness = { firefox, newsroom, testPages };
  });
  afterAll(async () => {
    if (!harness) return;
    await Promise.all([harness.firefox.close(), harness.newsroom.close(), harness.testPages.close()]);
  });
  return () => {
    if (!harness) throw new Error('Firefox has not started (use it inside a test)');
    return harness;
  };
}

/** Opens a page and waits for ClaimLens's first analysis pass to end (the contract's measure). */
export async function openAnalyzed(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(analysisEnded, {
    timeout: 15_000,
  });
}

/** The text of every range in each ClaimLens highlight, read from the page's main world. */
export function readHighlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(highlightTexts);
}

/**
 * Records every DOM mutation from the end of parsing on (the parser's own insertions are not the
 * extension's); the observer is in place before the content script runs at document_idle.
 */
export async function watchMutations(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(recordMutations);
}

export function mutationsSoFar(page: Page): Promise<string[]> {
  return page.evaluate(recordedMutations);
}

/** Selects the first occurrence of `text` in the page's body, as a reader's drag would. */
export async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate(selectFirst, text);
}

/** The text of an element found through open shadow roots too, or null while there is none. */
export async function testIdText(page: Page, testId: string): Promise<string | null> {
  const handle = await page.$(`>>> [data-testid="${testId}"]`);
  if (!handle) return null;
  const text = await handle.evaluate((el) => el.textContent);
  await handle.dispose();
  return text;
}

/** Runs `action` and resolves with the file it downloads, once complete (Firefox saves into `folder`). */
export async function download(
  folder: string,
  action: () => Promise<void>,
): Promise<{ path: string; text: string }> {
  const before = new Set(await readdir(folder));
  await action();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const names = await readdir(folder);
    // Firefox writes into `<name>.part` beside an empty `<name>`, and renames the part when it is complete.
    const name = names.find((n) => !before.has(n) && !n.endsWith('.part') && !names.includes(`${n}.part`));
    if (name && (await stat(join(folder, name))).size > 0) {
      const path = join(folder, name);
      return { path, text: await readFile(path, 'utf8') };
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error(`No download arrived in ${folder} within 15 s`);
}
