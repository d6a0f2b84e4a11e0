import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElementHandle, JSHandle, Page } from 'puppeteer-core';
import { FIREFOX_BUILD, launchFirefoxWithExtension, loadExtensionPage } from '../../scripts/lib/firefox.ts';
import type { Box, FileChoice, Loc, TestBrowser, TestPage } from './driver.ts';
import { deepQuery, type Step } from './in-page.ts';
import { startRecordingProxy } from './request-proxy.ts';

/** How long an action waits for its element, as Playwright's would (bounded here, for a clear failure). */
const ACTION_TIMEOUT_MS = 15_000;
const POLL_MS = 50;

/**
 * Firefox's Remote Settings sync, which the browser itself starts with every profile: a release build ignores
 * the preference that would point it elsewhere (services.settings.server, honoured in automation builds only).
 * Chromium's request events never show the browser's own traffic (it runs with background networking off).
 */
const FIREFOX_OWN_SYNC = 'https://firefox.settings.services.mozilla.com:443/';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Where files chosen for an `<input type="file">` are written first: Firefox takes paths. */
let uploads: string | undefined;

/** Input types whose value a reader picks rather than types: set, with the events a pick fires. */
const SET_VALUE_TYPES = ['color', 'date', 'datetime-local', 'month', 'range', 'time', 'week'];

class PuppeteerLoc implements Loc {
  constructor(
    private readonly page: Page,
    private readonly steps: Step[],
  ) {}

  locator = (css: string) => new PuppeteerLoc(this.page, [...this.steps, { css }]);
  testId = (id: string) => this.locator(`[data-testid="${id}"]`);
  first = () => this.nth(0);
  nth = (index: number) => new PuppeteerLoc(this.page, [...this.steps, { nth: index }]);

  /** The elements found, as a handle in the page (deepQuery is sent whole: it cannot be called from another). */
  private all(): Promise<JSHandle<Element[]>> {
    return this.page.evaluateHandle(deepQuery, this.steps);
  }

  /** The one element found, waited for; a selector that finds several is an error, as in Playwright. */
  private async one(): Promise<ElementHandle<Element>> {
    const deadline = Date.now() + ACTION_TIMEOUT_MS;
    for (;;) {
      const list = await this.all();
      const count = await list.evaluate((els) => els.length);
      if (count > 1) {
        await list.dispose();
        throw new Error(`${JSON.stringify(this.steps)} finds ${count} elements, not one`);
      }
      if (count === 1) {
        const element = (await list.evaluateHandle((els) => els[0])).asElement();
        await list.dispose();
        if (element) return element as ElementHandle<Element>;
      } else await list.dispose();
      if (Date.now() > deadline)
        throw new Error(`${JSON.stringify(this.steps)} found nothing in ${ACTION_TIMEOUT_MS} ms`);
      await sleep(POLL_MS);
    }
  }

  private async on<R>(fn: (element: ElementHandle<Element>) => Promise<R>): Promise<R> {
    const element = await this.one();
    try {
      return await fn(element);
    } finally {
      await element.dispose();
    }
  }

  /**
   * The reader's input goes to the tab in front: Firefox pauses a background tab's frames, and puppeteer's click
   * waits for them (a click in a dashboard behind the article's tab took up to 30 s).
   */
  private async act<R>(fn: (element: ElementHandle<Element>) => Promise<R>): Promise<R> {
    await this.page.bringToFront();
    return this.on(fn);
  }

  count = () => this.evaluateAll((els) => els.length);

  evaluateAll = async <R, A>(fn: (elements: Element[], arg: A) => R, arg?: A): Promise<R> => {
    const list = await this.all();
    try {
      return (await list.evaluate(fn as (elements: Element[], arg: unknown) => R, arg)) as R;
    } finally {
      await list.dispose();
    }
  };

  textContent = () => this.on((el) => el.evaluate((e) => e.textContent));
  allTextContents = () => this.evaluateAll((els) => els.map((el) => el.textContent ?? ''));
  getAttribute = (name: string) => this.on((el) => el.evaluate((e, n) => e.getAttribute(n), name));
  boundingBox = (): Promise<Box | null> => this.on((el) => el.boundingBox());
  click = () => this.act((el) => el.click());
  focus = () => this.act((el) => el.focus());
  press = (key: string) => this.act((el) => el.press(key as Parameters<typeof el.press>[0]));

  fill = (text: string) =>
    this.act(async (el) => {
      const typed = await el.evaluate((field, types) => {
        const input = field as HTMLInputElement | HTMLTextAreaElement;
        if (input instanceof HTMLInputElement && types.includes(input.type)) return false;
        input.focus();
        input.select();
        return true;
      }, SET_VALUE_TYPES);
      if (!typed) {
        await el.evaluate((field, value) => {
          (field as HTMLInputElement).value = value;
          field.dispatchEvent(new Event('input', { bubbles: true }));
          field.dispatchEvent(new Event('change', { bubbles: true }));
        }, text);
        return;
      }
      // The reader's keys replace the selected value (an empty text clears it).
      if (text === '') await this.page.keyboard.press('Backspace');
      else await this.page.keyboard.type(text);
    });

  private setChecked = (checked: boolean) =>
    this.act(async (el) => {
      if ((await el.evaluate((box) => (box as HTMLInputElement).checked)) === checked) return;
      await el.click();
      const now = await el.evaluate((box) => (box as HTMLInputElement).checked);
      if (now !== checked) throw new Error(`the box did not become ${checked ? 'checked' : 'unchecked'}`);
    });
  check = () => this.setChecked(true);
  uncheck = () => this.setChecked(false);

  selectOption = (option: string) =>
    this.on(async (el) => {
      const chosen = await el.evaluate((field, wanted) => {
        const select = field as HTMLSelectElement;
        const match = [...select.options].find((o) => o.value === wanted || o.label === wanted);
        if (!match) return false;
        select.value = match.value;
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      }, option);
      if (!chosen) throw new Error(`no option "${option}"`);
    });

  setInputFiles = (file: FileChoice) =>
    this.on(async (el) => {
      uploads ??= await mkdtemp(join(process.env.TMPDIR ?? '/tmp', 'claimlens-uploads-'));
      const folder = await mkdtemp(join(uploads, 'file-'));
      const path = join(folder, file.name);
      await writeFile(path, file.buffer);
      await (el as ElementHandle<HTMLInputElement>).uploadFile(path);
    });

  waitFor = async (options: { state?: 'attached' | 'visible' | 'detached'; timeout?: number } = {}) => {
    const state = options.state ?? 'visible';
    const timeout = options.timeout ?? ACTION_TIMEOUT_MS;
    const deadline = Date.now() + timeout;
    for (;;) {
      const seen = await this.evaluateAll((els) =>
        els.map((el) => (el.checkVisibility({ visibilityProperty: true }) ? 'visible' : 'hidden')),
      );
      if (seen.length > 1 && state !== 'detached')
        throw new Error(`${JSON.stringify(this.steps)} finds ${seen.length} elements, not one`);
      const done =
        state === 'detached'
          ? seen.length === 0
          : state === 'attached'
            ? seen.length > 0
            : seen[0] === 'visible';
      if (done) return;
      if (Date.now() > deadline)
        throw new Error(`${JSON.stringify(this.steps)} not ${state} within ${timeout} ms`);
      await sleep(POLL_MS);
    }
  };
}

class PuppeteerPage implements TestPage {
  private served: Map<string, string> | undefined;

  constructor(
    readonly inner: Page,
    private readonly browser: FirefoxBrowser,
  ) {}

  goto = async (url: string, options?: { waitUntil?: 'load' | 'domcontentloaded' }) => {
    if (url.startsWith('moz-extension:')) await loadExtensionPage(this.inner, url, this.browser.base);
    else await this.inner.goto(url, options);
  };

  reload = async () => {
    // Extension pages' loads are not reported over BiDi (see loadExtensionPage): watch for the new document.
    await this.inner.evaluate(() => {
      (window as unknown as { __claimlensOld?: boolean }).__claimlensOld = true;
    });
    this.inner.reload({ timeout: 15_000 }).catch(() => undefined);
    await this.inner.waitForFunction(
      () =>
        !(window as unknown as { __claimlensOld?: boolean }).__claimlensOld &&
        document.readyState === 'complete',
      { timeout: 15_000, polling: 100 },
    );
  };

  url = () => this.inner.url();
  evaluate = <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
    this.inner.evaluate(fn as (arg: unknown) => R | Promise<R>, arg) as Promise<R>;
  waitForFunction = async <A>(fn: (arg: A) => unknown, arg: A, options: { timeout?: number } = {}) => {
    // Polled by time: animation frames stop in a tab that is not in front.
    await this.inner.waitForFunction(fn as (arg: unknown) => unknown, { polling: POLL_MS, ...options }, arg);
  };
  addInitScript = async (fn: () => void) => {
    await this.inner.evaluateOnNewDocument(fn);
  };
  locator = (css: string) => new PuppeteerLoc(this.inner, [{ css }]);
  testId = (id: string) => this.locator(`[data-testid="${id}"]`);
  mouseMove = (x: number, y: number) => this.inner.mouse.move(x, y);
  mouseClick = (x: number, y: number) => this.inner.mouse.click(x, y);
  press = (key: string) => this.inner.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]);
  bringToFront = () => this.inner.bringToFront();
  wait = async (ms: number) => {
    await sleep(ms);
  };
  download = (action: () => Promise<void>) => this.browser.download(action);

  serve = async (url: string, html: string | null) => {
    if (!this.served) {
      const served = new Map<string, string>();
      this.served = served;
      await this.inner.setRequestInterception(true);
      this.inner.on('request', (request) => {
        const body = served.get(request.url());
        if (body === undefined) void request.continue();
        else void request.respond({ status: 200, contentType: 'text/html', body });
      });
    }
    if (html === null) this.served.delete(url);
    else this.served.set(url, html);
  };

  onConsole = (listener: (type: string, text: string) => void) => {
    // Puppeteer says 'warn' where Playwright (and the tests) say 'warning'.
    this.inner.on('console', (message) => {
      const type = message.type();
      listener(type === 'warn' ? 'warning' : type, message.text());
    });
  };
  onPageError = (listener: (message: string) => void) => {
    this.inner.on('pageerror', (error) => listener(error instanceof Error ? error.message : String(error)));
  };
  acceptNextDialog = () => {
    this.inner.once('dialog', (dialog) => void dialog.accept());
  };
  close = () => this.inner.close();
}

type FirefoxBrowser = TestBrowser & {
  base: string;
  download(action: () => Promise<void>): Promise<Buffer>;
};

export async function launchFirefox(): Promise<TestBrowser> {
  const proxy = await startRecordingProxy();
  const firefox = await launchFirefoxWithExtension({
    // Every request of every context goes through the tests' proxy, 127.0.0.1 too: the privacy checks see it.
    prefs: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      // The reader's answer to Firefox's prompt for persistent storage, which headless Firefox cannot show.
      'dom.storageManager.prompt.testing': true,
      'dom.storageManager.prompt.testing.allow': true,
    },
  }).catch(async (error: unknown) => {
    await proxy.close();
    throw error;
  });
  // An extension page of the tests' own, where `inExtension` runs: the popup for no page, which reads next to
  // nothing. Opened now, before any test page: opening a tab puts it in front.
  const helper = await firefox
    .openExtensionPage(`popup.html?url=${encodeURIComponent('about:blank')}`)
    .catch(async (error: unknown) => {
      await firefox.close();
      await proxy.close();
      throw error;
    });

  const browser: FirefoxBrowser = {
    name: 'firefox',
    build: FIREFOX_BUILD,
    base: firefox.extensionBase,
    newPage: async (): Promise<TestPage> => new PuppeteerPage(await firefox.browser.newPage(), browser),
    openExtensionPage: async (path): Promise<TestPage> =>
      new PuppeteerPage(await firefox.openExtensionPage(path), browser),
    extensionUrl: firefox.extensionUrl,
    inExtension: async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
      helper.evaluate(fn as (arg: unknown) => R | Promise<R>, arg) as Promise<R>,
    requests: () => proxy.requests.filter((url) => url !== FIREFOX_OWN_SYNC),
    stopBackground: async () => {
      await helper.evaluate(async () => {
        const ext = (
          globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } }
        ).browser;
        (await ext.runtime.getBackgroundPage()).location.reload();
      });
    },
    download: async (action) => {
      const folder = firefox.downloads;
      const before = new Set(await readdir(folder));
      await action();
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const names = await readdir(folder);
        // Firefox writes into `<name>.part` beside an empty `<name>`, and renames the part once complete.
        const name = names.find(
          (n) => !before.has(n) && !n.endsWith('.part') && !names.includes(`${n}.part`),
        );
        if (name && (await stat(join(folder, name))).size > 0) return readFile(join(folder, name));
        await sleep(100);
      }
      throw new Error(`No download arrived in ${folder} within 15 s`);
    },
    close: async () => {
      await firefox.close();
      await proxy.close();
      if (uploads) await rm(uploads, { recursive: true, force: true });
      uploads = undefined;
    },
  };
  return browser;
}
