import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { describeSpan } from '../../utils/anchor/selectors.ts';
import type { AnnotationRecord } from '../../utils/db/schema.ts';
import { isUnrendered } from '../../utils/extract/dom.ts';
import { normaliseUrl } from '../../utils/extract/metadata.ts';
import { TextMap } from '../../utils/extract/text-map.ts';
import { splitSentences } from '../../utils/text/segment.ts';
import { CHROME_BUILD, type ExtensionBrowser } from '../lib/browser.ts';
import { parseHtml } from '../lib/parse-html.ts';
import { corpusParagraphs, paragraphsOfLength } from '../lib/sample-text.ts';
import { serveFolder, type StaticServer } from '../lib/static-server.ts';
import { withNames } from './compare.ts';
import { writeStores } from './seed.ts';
import { summarise, type Summary } from './stats.ts';

export const ARTICLE_WORDS = [1_000, 10_000, 50_000] as const;
/** The page the reader's annotations are re-anchored on, and how many there are. */
export const ANCHOR_WORDS = 50_000;
export const ANCHOR_COUNT = 500;
const MARK_JS_LONG_RUNS = 2;

export interface ArticleFigures {
  words: number;
  claims: number;
  /** `claimlens:analyze` on a fresh load of the page. */
  analyze: Summary;
  /** mark.js marking the same claim sentences in the same page, ClaimLens switched off there. */
  markJs: Summary;
  marks: number;
  /** Sentences mark.js failed on (its regular expression overflowed V8's stack). */
  markFailures: number;
  /** The longest main-thread task of the page during analysis, over every run (0: none over 50 ms). */
  longestTaskMs: number;
}

export interface ReadingResult {
  articles: ArticleFigures[];
  /** `claimlens:analyze` on each article page of the demo newsroom, one load each. */
  demo: { pages: number; analyze: Summary; longestTaskMs: number };
  anchoring: {
    words: number;
    annotations: number;
    /** `claimlens:anchor`: the page's text walked once, every annotation found and painted. */
    claimLens: Summary;
    painted: number;
    /** dom-anchor-text-quote's toRange for each, given its own selectors and a position hint. */
    textQuote: Summary;
    found: number;
  };
  contentScript: { bytes: number; gzipBytes: number };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A news page of about `words` words of real article text, with the furniture a news site has. */
export function articlePage(words: number, paragraphs: readonly string[]): { html: string; body: string[] } {
  const body = paragraphsOfLength(paragraphs, words);
  const title = `The compute cycle, in ${words.toLocaleString('en')} words`;
  // Blank lines between blocks: the page's textContent then reads as ClaimLens's text does.
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title><meta property="og:site_name" content="Bench Wire">`,
    '<meta property="article:published_time" content="2026-11-02T08:00:00Z"></head><body>',
    '<header><nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/tech">Tech</a></nav></header>',
    `<main><article><h1>${escapeHtml(title)}</h1>`,
    '<p class="byline">By the Bench Wire desk</p>',
    ...body.map((p) => `\n\n<p>${escapeHtml(p)}</p>`),
    '\n\n</article></main><footer><p>© Bench Wire. All rights reserved.</p></footer></body></html>',
  ].join('');
  return { html, body };
}

/** Records long tasks from the page's first moment (the content script runs on the same main thread). */
const WATCH_LONG_TASKS = `
  globalThis.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

interface Pass {
  duration: number;
  longestTask: number;
  claims: string[];
}

/** Waits for the page's first `claimlens:analyze` and reads it, the claims painted and the long tasks in it. */
async function analysed(page: Page): Promise<Pass> {
  await withNames(page);
  return page.evaluate(async () => {
    let measure: PerformanceEntry | undefined;
    while (!(measure = performance.getEntriesByName('claimlens:analyze')[0]))
      await new Promise((r) => setTimeout(r, 5));
    const start = measure.startTime;
    const end = start + measure.duration;
    const tasks = (globalThis as unknown as { __longTasks: { start: number; end: number }[] }).__longTasks;
    const claims: string[] = [];
    for (const [name, highlight] of CSS.highlights)
      if (!name.startsWith('claimlens-annotation'))
        for (const range of highlight) claims.push((range as Range).toString());
    return {
      duration: measure.duration,
      longestTask: Math.max(
        0,
        ...tasks.filter((t) => t.end > start && t.start < end).map((t) => t.end - t.start),
      ),
      claims,
    };
  });
}

async function timeMarkJs(page: Page, url: string, sentences: string[], markJs: string) {
  await page.goto(url);
  await page.addScriptTag({ content: markJs });
  await withNames(page);
  return page.evaluate((keywords) => {
    type MarkJs = new (el: Element) => { mark(keyword: string, options: object): void };
    const { Mark } = globalThis as unknown as { Mark: MarkJs };
    const article = document.querySelector('article') as Element;
    const marker = new Mark(article);
    let failed = 0;
    const start = performance.now();
    // One sentence at a time, as mark.js itself goes through a list, so that a sentence its regular expression
    // cannot handle (V8 stops some with a stack overflow on long sentences) is counted, not fatal.
    for (const keyword of keywords) {
      try {
        marker.mark(keyword, { separateWordSearch: false, diacritics: false, acrossElements: false });
      } catch {
        failed++;
      }
    }
    return { ms: performance.now() - start, marks: article.querySelectorAll('mark').length, failed };
  }, sentences);
}

/** Spans for annotations spread over the page: paragraph index, and the span of one sentence in it. */
function annotationSpots(body: readonly string[], count: number) {
  const spots = body.flatMap((paragraph, p) =>
    splitSentences(paragraph, 'en', 0, paragraph.length).map((s) => ({ p, start: s.start, end: s.end })),
  );
  const step = spots.length / count;
  return Array.from({ length: count }, (_, i) => spots[Math.floor(i * step)] as (typeof spots)[number]);
}

/**
 * The reading surface in a real browser: analysis of generated articles and of the demo newsroom, against mark.js
 * marking the same sentences; re-anchoring the reader's annotations against dom-anchor-text-quote; and the size of
 * what every page loads. The comparisons run on a second origin where the reader switched ClaimLens off, so the
 * libraries work on the same page without ClaimLens reacting to their changes.
 */
export async function benchReading(
  browser: ExtensionBrowser,
  newsroom: { url: string; articles: string[] },
  pagesDir: string,
  runs = 5,
): Promise<ReadingResult> {
  const paragraphs = [...new Set(await corpusParagraphs())];
  const pages = new Map<number, { html: string; body: string[] }>();
  for (const words of new Set([...ARTICLE_WORDS, ANCHOR_WORDS])) {
    const page = articlePage(words, paragraphs);
    await writeFile(resolve(pagesDir, `article-${words}.html`), page.html);
    pages.set(words, page);
  }
  const servers: StaticServer[] = [await serveFolder(pagesDir), await serveFolder(pagesDir)];
  const [withLens, withoutLens] = servers as [StaticServer, StaticServer];
  try {
    await browser.context.addInitScript(WATCH_LONG_TASKS);
    const settings = await browser.context.newPage();
    await settings.goto(browser.extensionUrl('popup.html'));
    await settings.evaluate((host) => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(message: object): Promise<unknown> } };
      };
      return chrome.runtime.sendMessage({ type: 'settings/highlights', host, on: false });
    }, new URL(withoutLens.url).host);
    await settings.close();
    const markJs = await readFile(
      resolve(import.meta.dirname, '../../node_modules/mark.js/dist/mark.min.js'),
      'utf8',
    );
    const page = await browser.context.newPage();

    const articles: ArticleFigures[] = [];
    for (const words of ARTICLE_WORDS) {
      const url = `${withLens.url}article-${words}.html`;
      const analyze: number[] = [];
      let longestTask = 0;
      let claims: string[] = [];
      for (let run = 0; run <= runs; run++) {
        await page.goto(url);
        const pass = await analysed(page);
        if (run === 0) continue; // the first load warms the browser and the service worker up
        analyze.push(pass.duration);
        longestTask = Math.max(longestTask, pass.longestTask);
        claims = pass.claims;
      }
      const markTimes: number[] = [];
      let marks = 0;
      let markFailures = 0;
      // mark.js takes a minute a run on the longest page: fewer runs there, and no warm-up.
      const long = words > 10_000;
      for (let run = long ? 1 : 0; run <= (long ? MARK_JS_LONG_RUNS : runs); run++) {
        const marked = await timeMarkJs(page, `${withoutLens.url}article-${words}.html`, claims, markJs);
        if (run > 0) markTimes.push(marked.ms);
        marks = marked.marks;
        markFailures = marked.failed;
      }
      articles.push({
        words,
        claims: claims.length,
        analyze: summarise(analyze),
        markJs: summarise(markTimes),
        marks,
        markFailures,
        longestTaskMs: longestTask,
      });
    }

    const demoTimes: number[] = [];
    let demoLongest = 0;
    for (const [i, path] of newsroom.articles.entries()) {
      await page.goto(`${newsroom.url}${path}`);
      const pass = await analysed(page);
      if (i === 0) await page.goto(`${newsroom.url}${path}`).then(() => analysed(page)); // warm-up, then counted
      demoTimes.push(pass.duration);
      demoLongest = Math.max(demoLongest, pass.longestTask);
    }

    const anchoring = await benchAnchoring(browser, page, withLens, withoutLens, pages, runs);
    await page.close();
    const script = await readFile(resolve(CHROME_BUILD, 'content-scripts/content.js'));
    return {
      articles,
      demo: { pages: demoTimes.length, analyze: summarise(demoTimes), longestTaskMs: demoLongest },
      anchoring,
      contentScript: { bytes: script.length, gzipBytes: gzipSync(script, { level: 9 }).length },
    };
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}

async function benchAnchoring(
  browser: ExtensionBrowser,
  page: Page,
  withLens: StaticServer,
  withoutLens: StaticServer,
  pages: Map<number, { html: string; body: string[] }>,
  runs: number,
): Promise<ReadingResult['anchoring']> {
  const { html, body } = pages.get(ANCHOR_WORDS) as { html: string; body: string[] };
  const url = `${withLens.url}article-${ANCHOR_WORDS}.html`;
  // ClaimLens's annotations, described as the content script describes a selection: on the page's text map.
  const parsed = parseHtml(html, url);
  const map = TextMap.build(parsed.body, isUnrendered);
  const paragraphNodes = [...parsed.querySelectorAll('article > p:not(.byline)')].map(
    (p) => p.firstChild as Node,
  );
  const spots = annotationSpots(body, ANCHOR_COUNT);
  const now = new Date().toISOString();
  const articleId = normaliseUrl(url) ?? url;
  const records: AnnotationRecord[] = spots.map(({ p, start, end }, i) => {
    const node = paragraphNodes[p] as Node;
    const from = map.offsetOf(node, start) as number;
    const to = map.offsetOf(node, end) as number;
    return {
      id: `bench-anchor-${i}`,
      articleId,
      url,
      selectors: describeSpan(map.text, { start: from, end: to }),
      tags: ['key-figure'],
      note: null,
      stance: null,
      createdAt: now,
      updatedAt: now,
      anchoring: null,
    };
  });
  await page.goto(browser.extensionUrl('popup.html'));
  await writeStores(page, { annotations: records });

  const claimLens: number[] = [];
  let painted = 0;
  for (let run = 0; run <= runs; run++) {
    await page.goto(url);
    await withNames(page);
    const result = await page.evaluate(async () => {
      let measure: PerformanceEntry | undefined;
      while (!(measure = performance.getEntriesByName('claimlens:anchor')[0]))
        await new Promise((r) => setTimeout(r, 5));
      let ranges = 0;
      for (const [name, highlight] of CSS.highlights)
        if (name.startsWith('claimlens-annotation')) ranges += highlight.size;
      return { ms: measure.duration, ranges };
    });
    if (run > 0) claimLens.push(result.ms);
    painted = result.ranges;
  }

  const bundle = await build({
    stdin: {
      contents:
        "export { toRange, fromRange } from 'dom-anchor-text-quote';\n" +
        "export { fromRange as positionOf } from 'dom-anchor-text-position';",
      resolveDir: resolve(import.meta.dirname, '../..'),
    },
    bundle: true,
    format: 'iife',
    globalName: 'TextQuote',
    write: false,
  });
  const textQuote: number[] = [];
  let found = 0;
  for (let run = 0; run <= runs; run++) {
    await page.goto(`${withoutLens.url}article-${ANCHOR_WORDS}.html`);
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    await withNames(page);
    const result = await page.evaluate((spotList) => {
      interface Quote {
        exact: string;
        prefix: string;
        suffix: string;
      }
      const lib = (
        globalThis as unknown as {
          TextQuote: {
            fromRange(root: Node, range: Range): Quote;
            positionOf(root: Node, range: Range): { start: number; end: number };
            toRange(root: Node, quote: Quote, options: { hint: number }): Range | null;
          };
        }
      ).TextQuote;
      const paragraphs = [...document.querySelectorAll('article > p:not(.byline)')];
      // What a user of the library would have stored: its own quote selectors and positions (not timed).
      const stored = spotList.map(({ p, start, end }) => {
        const range = document.createRange();
        const text = (paragraphs[p] as Element).firstChild as Node;
        range.setStart(text, start);
        range.setEnd(text, end);
        // The hint is where the prefix starts: the library looks for the prefix there first, so an unchanged page
        // takes its quickest path (given the quote's own start, it searches the whole page for every prefix).
        const quote = lib.fromRange(document.body, range);
        return { quote, hint: lib.positionOf(document.body, range).start - quote.prefix.length };
      });
      const began = performance.now();
      const ranges = stored.map(({ quote, hint }) => lib.toRange(document.body, quote, { hint }));
      const ms = performance.now() - began;
      return { ms, found: ranges.filter((r, i) => r?.toString() === stored[i]?.quote.exact).length };
    }, spots);
    if (run > 0) textQuote.push(result.ms);
    found = result.found;
  }
  return {
    words: ANCHOR_WORDS,
    annotations: records.length,
    claimLens: summarise(claimLens),
    painted,
    textQuote: summarise(textQuote),
    found,
  };
}
