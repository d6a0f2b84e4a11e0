import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER, launchBrowser, type TestBrowser, type TestPage } from './driver.ts';
import { generateDocument, type FuzzDocument } from './fuzz/generate.ts';
import { serveHtml, type HtmlServer } from './fuzz/serve.ts';
import { catalog, fold } from './harness.ts';

/**
 * Documents per run: 1,000 by default in Chromium; FUZZ_COUNT raises it for a long run, FUZZ_SEED moves the
 * window. Firefox checks the first 200 of the same seeds by default, to keep `npm test` within its time.
 */
const COUNT = Number(process.env.FUZZ_COUNT ?? (BROWSER === 'firefox' ? 200 : 1_000));
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? 1);
/** Tabs working side by side: the browser's and the test's waits overlap, the two cores stay busy. */
const TABS = 2;

/** Runs of consecutive claim sentences from the demo newsroom: the detector flags many of them in context. */
const paragraphs = catalog
  .filter((entry) => entry.kind === 'article')
  .flatMap((entry) => {
    const texts = entry.claims.map((c) => c.text);
    const runs: string[][] = [];
    for (let i = 0; i < texts.length; i += 3) runs.push(texts.slice(i, i + 3));
    return runs;
  });

let browser: TestBrowser;
let server: HtmlServer;

beforeAll(async () => {
  browser = await launchBrowser();
  // Each document is made from its seed when asked for: /doc/<seed>.html.
  server = await serveHtml((path) => {
    const seed = /^\/doc\/(\d+)\.html$/.exec(path)?.[1];
    return seed === undefined ? null : generateDocument(Number(seed), paragraphs).html;
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface PageWatch {
  errors: string[];
}

/**
 * Before any page script: records every DOM mutation (document and open shadow roots) from the end of parsing,
 * except those made inside `__fuzzOwn`, through which the generated pages make all of theirs. What is left
 * is someone else's: the extension's.
 */
async function watch(page: TestPage): Promise<PageWatch> {
  await page.addInitScript(() => {
    const foreign: string[] = [];
    const describe = (r: MutationRecord) =>
      `${r.type} on ${r.target.nodeName}${r.attributeName ? `@${r.attributeName}` : ''}`;
    let observer: MutationObserver | undefined;
    const scope = window as unknown as { __fuzzForeign: string[]; __fuzzOwn(fn: () => void): void };
    scope.__fuzzForeign = foreign;
    scope.__fuzzOwn = (fn) => {
      // Whatever is pending was done before this call, by someone else; what the call queues is the page's.
      for (const r of observer?.takeRecords() ?? []) foreign.push(describe(r));
      try {
        fn();
      } finally {
        observer?.takeRecords();
      }
    };
    document.addEventListener('DOMContentLoaded', () => {
      observer = new MutationObserver((list) => {
        for (const r of list) foreign.push(describe(r));
      });
      const all = { subtree: true, childList: true, attributes: true, characterData: true };
      observer.observe(document, all);
      for (const el of document.querySelectorAll('*'))
        if (el.shadowRoot) observer.observe(el.shadowRoot, all);
    });
  });
  const errors: string[] = [];
  page.onPageError((message) => errors.push(`uncaught: ${message}`));
  // The content script's console shows in the page's: its warnings are failures to store or to analyse.
  page.onConsole((type, text) => {
    if (type === 'error' || type === 'warning') errors.push(`${type}: ${text}`);
  });
  return { errors };
}

/** How long the content script's report may take to land after the analysis measure. */
const STORE_WAIT_MS = 2_000;

/**
 * The claims stored for a URL, read in the extension from ClaimLens's IndexedDB, waiting a little for the
 * content script's report to land; null if nothing was stored. The wait is timed here, not in the extension's
 * page: Firefox runs that page in a background tab, whose timers it slows to one a second.
 */
async function storedClaims(url: string): Promise<{ text: string; stance: string }[] | null> {
  const deadline = Date.now() + STORE_WAIT_MS;
  for (;;) {
    const claims = await browser.inExtension(async (wanted) => {
      const read = <T>(request: IDBRequest<T>) =>
        new Promise<T>((done, fail) => {
          request.onsuccess = () => done(request.result);
          request.onerror = () => fail(request.error);
        });
      const db = await read(indexedDB.open('claimlens'));
      try {
        const tx = db.transaction(['articles', 'claims']);
        const article = await read<{ id: string } | undefined>(
          tx.objectStore('articles').index('urls').get(wanted),
        );
        if (!article) return null;
        const found = await read<{ text: string; stance: string }[]>(
          tx.objectStore('claims').index('articleId').getAll(article.id),
        );
        return found.map(({ text, stance }) => ({ text, stance }));
      } finally {
        db.close();
      }
    }, url);
    if (claims || Date.now() > deadline) return claims;
    await new Promise((done) => setTimeout(done, 10));
  }
}

/** A page that ClaimLens never finishes analysing is a failure of its own, not a hung test. */
const ANALYSIS_TIMEOUT_MS = 20_000;

function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

interface Painted {
  name: string;
  text: string;
}

/**
 * Every ClaimLens range and its text, and the page's changes made by someone else. A claim's range runs over
 * any hidden text inside its sentence (a range is one stretch of the page), which is not painted and not part
 * of the claim: the text the generator hid inside paragraphs is left out, and nothing else.
 */
const readPage = (page: TestPage): Promise<{ painted: Painted[]; foreign: string[] }> =>
  page.evaluate(() => {
    const painted: { name: string; text: string }[] = [];
    const shown = (range: Range) => {
      const copy = range.cloneContents();
      for (const hidden of copy.querySelectorAll('[data-fuzz-hidden]')) hidden.remove();
      return copy.textContent ?? '';
    };
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith('claimlens-'))
        for (const range of highlight)
          painted.push({ name, text: range instanceof Range ? shown(range) : `static range` });
    });
    return { painted, foreign: (window as unknown as { __fuzzForeign: string[] }).__fuzzForeign };
  });

/** Loads one document and returns what is wrong with ClaimLens on it (nothing, on a good day). */
async function check(
  page: TestPage,
  pageWatch: PageWatch,
  doc: FuzzDocument,
): Promise<{ problems: string[]; painted: number }> {
  pageWatch.errors.length = 0;
  const url = `${server.origin}/doc/${doc.seed}.html`;
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  // Told by the browser, not polled: a tab in the background gets no animation frames and slow timers.
  const analysed = page.evaluate(
    () =>
      new Promise<void>((done) => {
        if (performance.getEntriesByName('claimlens:analyze').length > 0) done();
        new PerformanceObserver((list, observer) => {
          if (list.getEntriesByName('claimlens:analyze').length === 0) return;
          observer.disconnect();
          done();
        }).observe({ type: 'measure' });
      }),
  );
  await within(ANALYSIS_TIMEOUT_MS, analysed, 'no claimlens:analyze measure');
  const problems: string[] = [];
  const stored = await storedClaims(url);
  const { painted, foreign } = await readPage(page);
  if (stored === null) {
    if (painted.length > 0) problems.push(`${painted.length} highlights but nothing stored`);
  } else {
    // Each range is the text of one stored claim of its stance, and each stored claim is painted once (unless
    // the page itself removed its text since).
    const left = stored.map((c) => ({ key: `claimlens-${c.stance}`, text: fold(c.text) }));
    for (const p of painted) {
      const at = left.findIndex((c) => c.key === p.name && c.text === fold(p.text));
      if (at < 0) problems.push(`${p.name} range "${fold(p.text).slice(0, 80)}" is no stored claim`);
      else left.splice(at, 1);
    }
    if (!doc.features.includes('self-mutating'))
      for (const c of left) problems.push(`stored claim not painted: "${c.text.slice(0, 80)}"`);
  }
  if (foreign.length > 0) problems.push(`page changed by someone else: ${[...new Set(foreign)].join(', ')}`);
  problems.push(...pageWatch.errors);
  return { problems, painted: painted.length };
}

describe('fuzzing the content script with hostile pages', () => {
  it(
    `leaves ${COUNT} generated pages untouched, without an error, every highlight exactly one stored claim`,
    async () => {
      const seeds = Array.from({ length: COUNT }, (_, i) => FIRST_SEED + i);
      const failures: string[] = [];
      const featureCounts = new Map<string, number>();
      let painted = 0;
      const worker = async () => {
        const page = await browser.newPage();
        const pageWatch = await watch(page);
        for (let seed = seeds.shift(); seed !== undefined; seed = seeds.shift()) {
          const doc: FuzzDocument = generateDocument(seed, paragraphs);
          for (const f of doc.features) featureCounts.set(f, (featureCounts.get(f) ?? 0) + 1);
          const outcome = await check(page, pageWatch, doc).catch((error: unknown) => ({
            problems: [String(error)],
            painted: 0,
          }));
          painted += outcome.painted;
          for (const problem of outcome.problems)
            failures.push(`seed ${seed} [${doc.features.join(' ')}]: ${problem}`);
        }
        await page.close();
      };
      await Promise.all(Array.from({ length: TABS }, worker));
      console.info(
        `fuzz: ${COUNT} documents from seed ${FIRST_SEED}, ${painted} highlights checked; features ${JSON.stringify(Object.fromEntries(featureCounts))}`,
      );
      expect(failures.slice(0, 40)).toEqual([]);
      // Most documents are articles with claims: the checks above had something to check.
      expect(painted).toBeGreaterThan(COUNT);
    },
    15 * 60_000,
  );
});
