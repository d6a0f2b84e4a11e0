import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHtml, type HtmlServer } from './fuzz/serve.ts';
import {
  countRecords,
  openAnalyzed,
  readHighlights,
  selectText,
  useHarness,
  type TestPage,
} from './harness.ts';

// A page that attacks ClaimLens: it talks to it, fakes the reader's clicks, and puts markup in everything
// ClaimLens stores and shows. Nothing of it may work.

const harness = useHarness();
let server: HtmlServer;
let page: TestPage;
let url: string;

/** Runs if markup from the page is ever parsed as HTML anywhere: each sets a flag its name tells apart. */
const payload = (where: string) => `<img src=x onerror="window.__pwned='${where}'">`;
const TITLE = `${payload('title')}<script>window.__pwned='title-script'</script> A landlord of GPUs`;
const CLAIM = `To a number of fund managers the plan reads as an admission of surplus capacity ${payload('claim')}, and they expect the company to buy fewer chips over the coming year.`;
const NOTE = `<script>window.__pwned='note'</script>${payload('note')}`;
/** 28 characters: a tag label may have 40. */
const TAG_LABEL = '<img src=x onerror=alert(1)>';
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const HOSTILE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(TITLE)}</title>
<meta property="og:site_name" content="${escape(payload('site'))}">
<meta property="article:published_time" content="2026-07-16T08:30:00Z"></head><body><main><article>
<h1>${escape(TITLE)}</h1>
<p>Meta is said to be preparing a service that would let outside developers rent the AI computing capacity it does not use itself, along with access to its Muse Spark models.</p>
<p>${escape(CLAIM)}</p>
<p>The chip index lost more than 6% in one session after the first reports, its worst day in months.</p>
<p>Supporters of the company see no glut at all: they point to AI labs whose token usage keeps running far above their own projections.</p>
<p>Tencent has said its compute remains insufficient for both its own products and its cloud customers.</p>
</article></main></body></html>`;

beforeAll(async () => {
  server = await serveHtml((path) => (path === '/hostile.html' ? HOSTILE_PAGE : null));
  url = `${server.origin}/hostile.html`;
  page = await harness().browser.newPage();
});

afterAll(async () => {
  await server?.close();
});

const count = (store: string) => countRecords(harness(), store);

const pwned = (on: TestPage) =>
  on.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null);

/** Elements made from stored text, if it were ever parsed as HTML: in the page, in every open shadow root. */
const injected = (on: TestPage) =>
  on.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    return roots.flatMap((root) =>
      [...root.querySelectorAll('img[src="x"], script')]
        .filter((el) => el.tagName === 'IMG' || el.textContent?.includes('__pwned'))
        .map((el) => `${el.tagName} src=${el.getAttribute('src')} ${el.textContent}`),
    );
  });

/** Text of the page and of its open shadow roots. */
const allText = (on: TestPage) =>
  on.evaluate(() =>
    [
      document.body,
      ...[...document.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : [])),
    ]
      .map((root) => root.textContent ?? '')
      .join('\n'),
  );

describe('a hostile page', () => {
  it('cannot reach ClaimLens through window messages or the extension API', async () => {
    await openAnalyzed(page, url);
    const before = {
      articles: await count('articles'),
      tags: await count('tags'),
      settings: await count('settings'),
    };
    expect(before.articles).toBe(1);
    const painted = await readHighlights(page);
    expect(Object.keys(painted).length).toBeGreaterThan(0);
    const reach = await page.evaluate(() => {
      // Look-alikes of every kind of ClaimLens message, posted to the page itself and to its parent.
      const messages = [
        { type: 'tags/create', label: 'from-the-page' },
        { type: 'settings/highlights', host: null, on: false },
        { type: 'page/highlights', visible: false },
        { type: 'library/delete', scope: { kind: 'everything', confirm: 'delete everything' } },
        { type: 'page/analyzed', article: null },
        { type: 'page/tag-selection' },
      ];
      for (const message of messages) {
        window.postMessage(message, '*');
        window.postMessage(JSON.stringify(message), '*');
        window.dispatchEvent(new MessageEvent('message', { data: message, origin: location.origin }));
      }
      const chromeApi = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      return { sendMessage: typeof chromeApi?.runtime?.sendMessage };
    });
    // No extension is "externally connectable" to web pages: the page has no way to send to ClaimLens at all.
    expect(reach.sendMessage).toBe('undefined');
    await page.wait(300);
    expect({
      articles: await count('articles'),
      tags: await count('tags'),
      settings: await count('settings'),
    }).toEqual(before);
    expect(await readHighlights(page)).toEqual(painted);
    const manifest = JSON.parse(await readFile(resolve(harness().browser.build, 'manifest.json'), 'utf8'));
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('cannot store anything by faking the reader’s clicks, keys or form submits in ClaimLens’s UI', async () => {
    await openAnalyzed(page, url);
    // Selecting text from a script opens the toolbar (the contract's own tests select this way) ...
    await selectText(page, 'Tencent has said its compute remains insufficient');
    await page.testId('selection-toolbar').waitFor();
    const faked = await page.evaluate(async () => {
      const root = document.querySelector('claimlens-toolbar')?.shadowRoot;
      if (!root) return 'no toolbar';
      const tick = () => new Promise((done) => setTimeout(done, 50));
      const button = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      // ... but every way a script can press its buttons does nothing.
      button('tag-disputed')?.click();
      button('tag-overcapacity')?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      button('tag-demand')?.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      button('tag-demand')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      button('note-open')?.click();
      await tick();
      // If the note form opened anyway, type into it and submit it, as a script can.
      const note = root.querySelector<HTMLTextAreaElement>('[data-testid="note-input"]');
      if (note) {
        note.value = 'written by the page';
        note.dispatchEvent(new InputEvent('input', { bubbles: true }));
        await tick();
        note.form?.requestSubmit();
        button('note-save')?.click();
      }
      await tick();
      return 'tried';
    });
    expect(faked).toBe('tried');
    // A scripted click on a claim opens no card (and its buttons would ignore scripted clicks too).
    await page.evaluate(async () => {
      const target = [...document.querySelectorAll('p')].find((p) => p.textContent?.includes('no glut'));
      const rect = target?.getBoundingClientRect();
      if (!target || !rect) return;
      const at = { bubbles: true, composed: true, clientX: rect.left + 20, clientY: rect.top + 5 };
      target.dispatchEvent(new MouseEvent('click', at));
      await new Promise((done) => setTimeout(done, 200));
      const root = document.querySelector('claimlens-card')?.shadowRoot;
      root?.querySelector<HTMLElement>('[data-testid="card-tag-disputed"]')?.click();
      root?.querySelector<HTMLElement>('[data-testid="verdict-none"]')?.click();
      root?.querySelector<HTMLElement>('[data-testid="verdict-demand"]')?.click();
    });
    await page.wait(500);
    expect(await page.locator('claimlens-card').count()).toBe(0);
    expect(await count('annotations')).toBe(0);
    expect(await count('corrections')).toBe(0);
    expect(
      Object.keys(await readHighlights(page)).filter((n) => n.startsWith('claimlens-annotation')),
    ).toEqual([]);

    // The reader's own click (trusted input) still works: the same button stores the annotation.
    await selectText(page, 'Tencent has said its compute remains insufficient');
    await page.testId('tag-disputed').click();
    await expect.poll(() => count('annotations')).toBe(1);
  });

  it('shows markup it stored as text in the page’s card, the popup, the dashboard and the exports', async () => {
    await openAnalyzed(page, url);
    // The reader makes a tag and a note out of markup (through the real UI), on the claim that carries markup.
    await selectText(page, 'an admission of surplus capacity');
    await page.testId('new-tag-open').click();
    await page.testId('new-tag-input').fill(TAG_LABEL);
    await page.testId('new-tag-save').click();
    await expect.poll(() => count('tags')).toBeGreaterThan(0);
    await selectText(page, 'Supporters of the company see no glut');
    await page.testId('note-open').click();
    await page.testId('note-input').fill(NOTE);
    await page.testId('note-save').click();
    await expect.poll(() => count('annotations')).toBe(3);

    // The card lists the tags, the markup one among them, as text; a card opened before the reader's tags have
    // come (Firefox's page may still be loading them when the analysis ends) offers them once they do.
    await openAnalyzed(page, url);
    const box = await page.evaluate(() => {
      const rect = [...document.querySelectorAll('p')]
        .find((p) => p.textContent?.includes('token usage keeps running'))
        ?.getBoundingClientRect();
      return rect ? { x: rect.x, y: rect.y } : null;
    });
    if (!box) throw new Error('no paragraph');
    await page.mouseClick(box.x + 30, box.y + 5);
    await page.testId('claim-card').waitFor();
    await expect.poll(() => allText(page)).toContain(TAG_LABEL);
    expect(await injected(page)).toEqual([]);
    expect(await pwned(page)).toBeNull();

    const popup = await harness().browser.openExtensionPage(`popup.html?url=${encodeURIComponent(url)}`);
    await popup.testId('claim-count').waitFor();
    await expect.poll(() => allText(popup)).toContain(payload('claim'));
    await expect.poll(() => allText(popup)).toContain(NOTE);
    expect(await injected(popup)).toEqual([]);
    expect(await pwned(popup)).toBeNull();
    await popup.close();

    const dashboard = await harness().browser.openExtensionPage('dashboard.html');
    await dashboard.testId('article-row').first().waitFor();
    await dashboard.testId('library-search').fill('surplus');
    await dashboard.testId('result-row').first().waitFor();
    await expect.poll(() => allText(dashboard)).toContain(payload('claim'));
    const text = await allText(dashboard);
    expect(text).toContain(TITLE); // the library's article row
    expect(text).toContain(TAG_LABEL); // the tag manager's row
    expect(await injected(dashboard)).toEqual([]);
    expect(await pwned(dashboard)).toBeNull();

    for (const format of ['md', 'csv'] as const) {
      const file = (await dashboard.download(() => dashboard.testId(`export-${format}`).click())).toString(
        'utf8',
      );
      expect(file).toContain('onerror');
      // Markdown renders HTML: every angle bracket of stored text is escaped. CSV renders nothing: the text stands.
      if (format === 'md') expect(file).not.toMatch(/(^|[^\\])<(img|script)/im);
      else expect(file).toContain(`<script>window.__pwned='note'</script>`);
    }
    await dashboard.close();
  });
});

describe('the extension pages’ content security policy', () => {
  it('is strict in the built manifest, and an injected inline script or handler never runs', async () => {
    const manifest = JSON.parse(await readFile(resolve(harness().browser.build, 'manifest.json'), 'utf8'));
    // MV3 names the extension pages' policy; MV2 (Firefox) has one string. Both builds state it, strictly.
    const csp = manifest.content_security_policy;
    const policy: string = typeof csp === 'string' ? csp : csp?.extension_pages;
    expect(policy).toMatch(/script-src 'self'(;|$| 'wasm-unsafe-eval')/);
    expect(policy).toMatch(/object-src 'none'.*base-uri 'none'.*frame-ancestors 'none'/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    for (const path of ['dashboard.html', 'popup.html']) {
      const extensionPage = await harness().browser.openExtensionPage(path);
      const ran = await extensionPage.evaluate(async () => {
        const flags = window as unknown as { __inline?: boolean; __handler?: boolean };
        const blocked: string[] = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          blocked.push(event.effectiveDirective),
        );
        const script = document.createElement('script');
        script.textContent = 'window.__inline = true';
        document.head.append(script);
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.__handler = true');
        img.src = 'data:image/png;base64,broken';
        document.body.append(img);
        await new Promise((done) => setTimeout(done, 200));
        return {
          inline: flags.__inline ?? false,
          handler: flags.__handler ?? false,
          blocked: [...new Set(blocked)].sort(),
        };
      });
      // Blocked by the policy (reported as violations), not merely failing.
      expect(ran).toEqual({ inline: false, handler: false, blocked: ['script-src-attr', 'script-src-elem'] });
      await extensionPage.close();
    }
  });
});
