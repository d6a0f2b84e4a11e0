import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const CHROME_BUILD = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** The browser to drive: $CHROME_PATH, else Debian's Chromium. Never downloaded. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => Boolean(p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `No Chromium found (looked at ${candidates.join(', ')}).\n` +
        'Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROME_PATH to a Chrome or ' +
        'Chromium binary. ClaimLens never downloads a browser.',
    );
  }
  return found;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** URL of an extension page, e.g. extensionUrl('popup.html?url=…'). */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

/** Starts Chromium with the built extension loaded, in a fresh profile that is deleted on close. */
export async function launchWithExtension(
  options: { headless?: boolean; extension?: string; profile?: string } = {},
): Promise<ExtensionBrowser> {
  const extension = options.extension ?? CHROME_BUILD;
  if (!existsSync(join(extension, 'manifest.json')))
    throw new Error(`No built extension at ${extension}: run \`npm run build\` first.`);
  const profile = options.profile ?? (await mkdtemp(join(tmpdir(), 'claimlens-profile-')));
  // Report the service worker's own requests too (Playwright keeps them behind this switch), so tests can prove
  // the extension fetches nothing.
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    close: async () => {
      await context.close();
      if (!options.profile) await rm(profile, { recursive: true, force: true });
    },
  };
}
