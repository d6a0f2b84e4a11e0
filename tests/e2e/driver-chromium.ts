import { readFile } from 'node:fs/promises';
import type { Locator, Page, Worker } from 'playwright-core';
import { CHROME_BUILD, launchWithExtension } from '../../scripts/lib/browser.ts';
import type { FileChoice, Loc, TestBrowser, TestPage } from './driver.ts';

/** Playwright's locators already pierce open shadow roots and wait: this only narrows them to `Loc`. */
class PlaywrightLoc implements Loc {
  constructor(private readonly inner: Locator) {}
  locator = (css: string) => new PlaywrightLoc(this.inner.locator(css));
  testId = (id: string) => new PlaywrightLoc(this.inner.getByTestId(id));
  first = () => new PlaywrightLoc(this.inner.first());
  nth = (index: number) => new PlaywrightLoc(this.inner.nth(index));
  count = () => this.inner.count();
  textContent = () => this.inner.textContent();
  allTextContents = () => this.inner.allTextContents();
  getAttribute = (name: string) => this.inner.getAttribute(name);
  evaluateAll = <R, A>(fn: (elements: Element[], arg: A) => R, arg?: A) =>
    this.inner.evaluateAll(fn as Parameters<Locator['evaluateAll']>[0], arg) as Promise<R>;
  boundingBox = () => this.inner.boundingBox();
  click = () => this.inner.click();
  fill = (text: string) => this.inner.fill(text);
  press = (key: string) => this.inner.press(key);
  focus = () => this.inner.focus();
  check = () => this.inner.check();
  uncheck = () => this.inner.uncheck();
  selectOption = async (option: string) => {
    await this.inner.selectOption(option);
  };
  setInputFiles = (file: FileChoice) => this.inner.setInputFiles(file);
  waitFor = (options?: { state?: 'attached' | 'visible' | 'detached'; timeout?: number }) =>
    this.inner.waitFor(options);
}

class PlaywrightPage implements TestPage {
  constructor(readonly inner: Page) {}
  goto = async (url: string, options?: { waitUntil?: 'load' | 'domcontentloaded' }) => {
    await this.inner.goto(url, options);
  };
  reload = async () => {
    await this.inner.reload();
  };
  url = () => this.inner.url();
  evaluate = <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
    this.inner.evaluate(fn as Parameters<Page['evaluate']>[0], arg) as Promise<R>;
  waitForFunction = async <A>(fn: (arg: A) => unknown, arg: A, options?: { timeout?: number }) => {
    await this.inner.waitForFunction(fn as Parameters<Page['waitForFunction']>[0], arg, options);
  };
  addInitScript = async (fn: () => void) => {
    await this.inner.addInitScript(fn);
  };
  locator = (css: string) => new PlaywrightLoc(this.inner.locator(css));
  testId = (id: string) => new PlaywrightLoc(this.inner.getByTestId(id));
  mouseMove = (x: number, y: number) => this.inner.mouse.move(x, y);
  mouseClick = (x: number, y: number) => this.inner.mouse.click(x, y);
  press = (key: string) => this.inner.keyboard.press(key);
  bringToFront = () => this.inner.bringToFront();
  wait = (ms: number) => this.inner.waitForTimeout(ms);
  download = async (action: () => Promise<void>) => {
    const [file] = await Promise.all([this.inner.waitForEvent('download'), action()]);
    return readFile((await file.path()) as string);
  };
  serve = async (url: string, html: string | null) => {
    await this.inner.unroute(url);
    if (html !== null)
      await this.inner.route(url, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: html }),
      );
  };
  onConsole = (listener: (type: string, text: string) => void) => {
    this.inner.on('console', (message) => listener(message.type(), message.text()));
  };
  onPageError = (listener: (message: string) => void) => {
    this.inner.on('pageerror', (error) => listener(error.message));
  };
  acceptNextDialog = () => {
    this.inner.once('dialog', (dialog) => void dialog.accept());
  };
  close = () => this.inner.close();
}

export async function launchChromium(): Promise<TestBrowser> {
  const browser = await launchWithExtension();
  const { context } = browser;
  const requests: string[] = [];
  // The service worker's own requests show here too (launchWithExtension turns them on).
  context.on('request', (request) => requests.push(request.url()));
  // The worker that is running now: the first one may have been stopped since and another started.
  const worker = async (): Promise<Worker> =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = async (): Promise<TestPage> => new PlaywrightPage(await context.newPage());
  const origin = `chrome-extension://${browser.extensionId}`;
  // A DevTools session for the browser-wide commands below, opened on first use.
  let devtools: ReturnType<typeof context.newCDPSession> | undefined;
  const cdp = async () => {
    devtools ??= context.pages()[0]
      ? context.newCDPSession(context.pages()[0] as Page)
      : context.newPage().then((p) => context.newCDPSession(p));
    return devtools;
  };
  return {
    name: 'chromium',
    build: CHROME_BUILD,
    newPage: page,
    openExtensionPage: async (path) => {
      const opened = await page();
      await opened.goto(browser.extensionUrl(path));
      return opened;
    },
    extensionUrl: browser.extensionUrl,
    inExtension: async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
      (await worker()).evaluate(fn as Parameters<Worker['evaluate']>[0], arg) as Promise<R>,
    requests: () => requests,
    stopBackground: async () => {
      const session = await cdp();
      await session.send('ServiceWorker.enable');
      await session.send('ServiceWorker.stopAllWorkers');
    },
    quota: {
      usage: async () => (await (await cdp()).send('Storage.getUsageAndQuota', { origin })).usage,
      set: async (bytes) => {
        const session = await cdp();
        if (bytes === null) await session.send('Storage.overrideQuotaForOrigin', { origin });
        else await session.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: bytes });
      },
    },
    close: browser.close,
  };
}
