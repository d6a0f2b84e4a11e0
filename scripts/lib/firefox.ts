import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_BUILD = resolve(import.meta.dirname, '../../.output/firefox-mv2');

/** The Firefox to drive: $FIREFOX_PATH, else Debian's firefox-esr. Never downloaded. */
export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(
    (p): p is string => Boolean(p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `No Firefox found (looked at ${candidates.join(', ')}).\n` +
        'Install one: `sudo apt-get install -y firefox-esr` (Debian), or set FIREFOX_PATH to a Firefox 140+ ' +
        'binary. ClaimLens never downloads a browser.',
    );
  }
  return found;
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id of the manifest (browser_specific_settings.gecko.id). */
  addonId: string;
  /** The extension's root, `moz-extension://<uuid>/`. */
  extensionBase: string;
  /** URL of an extension page, e.g. extensionUrl('popup.html?url=…'). */
  extensionUrl(path: string): string;
  /** Where downloads land (inside the profile), with no dialog. */
  downloads: string;
  /** Opens an extension page in a new tab and resolves once it has loaded. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts Firefox headless over WebDriver BiDi with the built Firefox extension installed temporarily, in a
 * fresh profile that is deleted on close.
 */
export async function launchFirefoxWithExtension(
  options: { headless?: boolean; extension?: string; prefs?: Record<string, unknown> } = {},
): Promise<FirefoxWithExtension> {
  const extension = options.extension ?? FIREFOX_BUILD;
  const manifestPath = join(extension, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new Error(`No Firefox build at ${extension}: run \`npm run build:firefox\` first.`);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id`);

  // Firefox gives each add-on a random internal UUID per profile, the host of its moz-extension:// pages, and
  // reads the add-on id → UUID map from this preference first: setting it makes the base URL known up front.
  const uuid = randomUUID();
  const extensionBase = `moz-extension://${uuid}/`;
  const profile = await mkdtemp(join(tmpdir(), 'claimlens-firefox-'));
  const downloads = join(profile, 'downloads');
  await mkdir(downloads);
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: options.headless ?? true,
      userDataDir: profile,
      defaultViewport: { width: 1280, height: 900 },
      // WebDriver BiDi refuses to navigate a tab to a moz-extension:// page unless the client is allowed
      // privileged access; the profile is a throw-away one that only the tests use.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
        // Puppeteer's downloadBehavior is not sent over BiDi: Firefox's own preferences save every download
        // into the profile without asking.
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.alwaysOpenPanel': false,
        // Tests drive pages left in background tabs (a dashboard, an extension page); Firefox slows their timers
        // to one a second, which Chromium under Playwright does not: the same pages, at the same pace.
        'dom.min_background_timeout_value': 4,
        'dom.min_background_timeout_value_without_budget_throttling': 4,
        'dom.timeout.enable_budget_throttling': false,
        ...options.prefs,
      },
    });
    const installed = await browser.installExtension(resolve(extension));
    if (installed !== addonId) throw new Error(`Firefox installed ${installed}, expected ${addonId}`);
  } catch (error) {
    await browser?.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const running = browser;
  const extensionUrl = (path: string) => extensionBase + path;

  const openExtensionPage = async (path: string): Promise<Page> => {
    const page = await running.newPage();
    await loadExtensionPage(page, extensionUrl(path), extensionBase);
    return page;
  };

  return {
    browser: running,
    addonId,
    extensionBase,
    extensionUrl,
    downloads,
    openExtensionPage,
    close: async () => {
      await running.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Loads an extension page (`moz-extension://…`) into `page` and resolves once it has loaded. The document loads
 * in the extension's process, whose navigation events BiDi does not report to Puppeteer, so goto() would never
 * settle: start the navigation and watch for the page instead.
 */
export async function loadExtensionPage(page: Page, url: string, extensionBase: string): Promise<void> {
  page.goto(url, { timeout: 15_000 }).catch(() => undefined);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const state = await page
      .evaluate(() => [location.href, document.readyState] as const)
      .catch(() => undefined);
    if (state?.[0] === url && state[1] === 'complete') {
      // The extension's own idea of its root: it differs if Firefox ignored the uuid preference.
      const base = await page.evaluate(() =>
        (
          globalThis as unknown as { browser: { runtime: { getURL(path: string): string } } }
        ).browser.runtime.getURL(''),
      );
      if (base !== extensionBase) throw new Error(`The extension runs at ${base}, not ${extensionBase}`);
      return;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} did not load in 15 s`);
}
