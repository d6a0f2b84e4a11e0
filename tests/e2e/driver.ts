// One way for the end-to-end tests to drive a browser with ClaimLens loaded, whichever it is: Chromium through
// Playwright (driver-chromium.ts) or Firefox through Puppeteer over WebDriver BiDi (driver-firefox.ts). A test
// file is written once against these interfaces; the vitest project picks the browser (E2E_BROWSER).

export type BrowserName = 'chromium' | 'firefox';

/** The browser this run drives: the e2e-firefox project sets E2E_BROWSER=firefox, anything else is Chromium. */
export const BROWSER: BrowserName = process.env.E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';

export interface FileChoice {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Elements found by CSS through open shadow roots too (the in-page UI lives in one), resolved anew on each
 * call. Actions on one element wait for it and refuse a selector that matches several, as Playwright's do;
 * clicks and typing are the browser's own input (trusted events), as a reader's are.
 */
export interface Loc {
  locator(css: string): Loc;
  testId(id: string): Loc;
  first(): Loc;
  nth(index: number): Loc;
  count(): Promise<number>;
  textContent(): Promise<string | null>;
  allTextContents(): Promise<string[]>;
  getAttribute(name: string): Promise<string | null>;
  /** Runs `fn` in the page on every element found (an empty list if none). */
  evaluateAll<R, A = undefined>(fn: (elements: Element[], arg: A) => R, arg?: A): Promise<R>;
  boundingBox(): Promise<Box | null>;
  click(): Promise<void>;
  /** Replaces the field's value: typed for text fields, set for colours and the like. */
  fill(text: string): Promise<void>;
  press(key: string): Promise<void>;
  focus(): Promise<void>;
  check(): Promise<void>;
  uncheck(): Promise<void>;
  /** Chooses the option whose value or label is `option`. */
  selectOption(option: string): Promise<void>;
  setInputFiles(file: FileChoice): Promise<void>;
  /** Default: until visible. */
  waitFor(options?: { state?: 'attached' | 'visible' | 'detached'; timeout?: number }): Promise<void>;
}

export interface TestPage {
  /** Default: until the load event. */
  goto(url: string, options?: { waitUntil?: 'load' | 'domcontentloaded' }): Promise<void>;
  /** Loads the page again (an extension page too). */
  reload(): Promise<void>;
  url(): string;
  /** Runs `fn` in the page's main world; it must be self-contained (it is sent as source). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  waitForFunction<A>(fn: (arg: A) => unknown, arg: A, options?: { timeout?: number }): Promise<void>;
  /** Runs `fn` in every document this page loads from now on, before the page's own scripts. */
  addInitScript(fn: () => void): Promise<void>;
  locator(css: string): Loc;
  testId(id: string): Loc;
  mouseMove(x: number, y: number): Promise<void>;
  mouseClick(x: number, y: number): Promise<void>;
  press(key: string): Promise<void>;
  bringToFront(): Promise<void>;
  wait(ms: number): Promise<void>;
  /** Runs `action` and resolves with the content of the file it downloads. */
  download(action: () => Promise<void>): Promise<Buffer>;
  /** Answers requests for `url` in this page with `html` from now on; null: the server's own answer again. */
  serve(url: string, html: string | null): Promise<void>;
  /** Console messages of the page (and of the content script, which logs into it): 'warning', 'error', … */
  onConsole(listener: (type: string, text: string) => void): void;
  onPageError(listener: (message: string) => void): void;
  /** Accepts the next alert, confirm or prompt the page opens. */
  acceptNextDialog(): void;
  close(): Promise<void>;
}

export interface TestBrowser {
  name: BrowserName;
  /** The built extension this browser loaded (its manifest.json is there). */
  build: string;
  newPage(): Promise<TestPage>;
  /** Opens an extension page, e.g. `popup.html?url=…`, in a new tab, loaded. */
  openExtensionPage(path: string): Promise<TestPage>;
  extensionUrl(path: string): string;
  /**
   * Runs `fn` with the extension's API (`browser`, or `chrome` in Chromium) and its IndexedDB: in Chromium's
   * service worker, in Firefox in an extension page of its own (the MV2 background page cannot be driven).
   * `fn` is sent as source: it must be self-contained.
   */
  inExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Every URL the browser requested since it started, the extension's own requests included. */
  requests(): string[];
  /**
   * Stops the extension's background in the middle of whatever it does, as the browser may: Chromium stops its
   * service worker; Firefox reloads its MV2 background page (the nearest it has: that page is never stopped).
   */
  stopBackground(): Promise<void>;
  /** Chromium only (the DevTools protocol; Firefox has no way to change an origin's quota while it runs). */
  quota?: {
    /** Bytes the extension's origin stores. */
    usage(): Promise<number>;
    /** Sets the extension origin's quota in bytes; null: the browser's own again. */
    set(bytes: number | null): Promise<void>;
  };
  close(): Promise<void>;
}

/** Starts the browser of this run with the built extension, in a fresh profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (BROWSER === 'firefox') return (await import('./driver-firefox.ts')).launchFirefox();
  return (await import('./driver-chromium.ts')).launchChromium();
}
