import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { describeClaims, extractArticle, type AnalyzedClaim } from '../../utils/analyze.ts';
import { profileOf } from '../../utils/compare/profile.ts';
import { stanceOfTag } from '../../utils/annotate/tags.ts';
import { isExcluded } from '../../utils/extract/dom.ts';
import { TextMap } from '../../utils/extract/text-map.ts';
import type { ArticleAnalysis } from '../../utils/model.ts';
import type { Message, MessageType, PageSettings, Reply } from '../../utils/messages.ts';
import { PageAnnotations } from './annotations.ts';
import { HighlightRuleSheet } from './highlight-rules.ts';
import { watchClaims, type ClaimCards } from './hover.ts';
import { PageClaims } from './page-claims.ts';
import { watchSelection } from './selection.tsx';

type Send = <T extends MessageType>(message: Message<T>) => Promise<Reply<T>>;

/** Content that keeps changing is looked at once it has been quiet this long. */
const MUTATION_QUIET_MS = 400;
/** However busy the page, changes are looked at once they have been pending this long. */
const MUTATION_MAX_WAIT_MS = 2000;
/** Added content shorter than this is a widget, a counter or a label, not article text. */
const MIN_ADDED_CHARS = 80;

const measure = (start: number) =>
  performance.measure('claimlens:analyze', { start, end: performance.now() });

/**
 * ClaimLens on one page: the first pass, then incremental passes on content that arrives later (infinite
 * scroll, lazy sections: only the new content is analysed), and a fresh start when a single-page app moves to
 * another article. Every pass ends with the contract's measure.
 */
export class PageSession {
  private readonly claims = new PageClaims();
  private readonly annotations: PageAnnotations;
  private readonly rules = new HighlightRuleSheet();
  /** Auto-analysis is off and the reader has not asked yet: the page is left alone until they do. */
  private waiting = false;
  private articleUrl: string | null = null;
  private analysedLocation = location.href;
  private observer: MutationObserver | null = null;
  private added: Node[] = [];
  private quietTimer: number | undefined;
  /** When the changes not yet looked at began (null: none pending). */
  private changingSince: number | null = null;
  private reportTimer: number | undefined;
  private watching = false;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly send: Send,
  ) {
    this.annotations = new PageAnnotations(location.href, send, (tags) => {
      this.rules.setTags(tags);
      // A card opened before the reader's own tags arrived offers them now.
      this.cards?.refresh();
    });
  }

  private visible = true;
  private openToolbar: (() => void) | null = null;

  setVisible(visible: boolean | 'toggle'): void {
    if (this.waiting && visible !== false) {
      // Showing the highlights of a page not analysed yet is asking for it to be analysed.
      this.visible = true;
      this.analyzeNow();
      return;
    }
    this.visible = visible === 'toggle' ? !this.visible : visible;
    this.claims.setVisible(this.visible);
    this.annotations.setVisible(this.visible);
  }

  /** Opens the tagging toolbar on the current selection, focused (context menu and keyboard shortcut). */
  tagSelection(): void {
    this.openToolbar?.();
  }

  /** Keyboard reading: opens the card of the next claim (from the top, or after the one open), focused. */
  nextClaim(): void {
    this.cards?.next();
  }

  private cards: ClaimCards | null = null;

  /** The reader asks for this page to be analysed (auto-analysis off): the first pass runs now, once. */
  analyzeNow(): void {
    if (!this.waiting) return;
    this.waiting = false;
    void this.start(true);
  }

  /** The first pass on this document (or on a new address in it); `asked`: the reader asked for it. */
  async start(asked = false): Promise<void> {
    const settings = await this.loadSettings();
    const start = performance.now();
    const off = settings !== null && !settings.highlightsOn;
    this.waiting = !off && !asked && settings?.autoAnalyze === false;
    if (off || this.waiting) {
      // Switched off here, or waiting for the reader to ask: the short check that decided so is the whole pass.
      measure(start);
      await this.report(null);
      return;
    }
    const page = extractArticle(document, location.href);
    const claims = page.kind === 'article' ? await this.detect(page.map, page.meta.lang, false) : [];
    if (page.kind === 'article') {
      // The reader's highlight style reaches the page only where something is painted.
      if (settings) this.rules.setStyle(settings.highlightStyle);
      this.claims.add(page.map, claims);
    }
    measure(start);
    this.analysedLocation = location.href;
    this.watchChanges();
    if (page.kind !== 'article') {
      this.articleUrl = null;
      await this.report(null);
      return;
    }
    this.articleUrl = page.meta.url;
    this.annotations.reset(page.meta.url);
    this.watchReader();
    await this.report(toReport(page.meta, page.map.text, claims));
    await this.annotations
      .restore()
      .catch((error: unknown) => console.warn('ClaimLens: annotations not restored', error));
  }

  /** Reader-facing listeners, once per document: they change nothing in the page until the reader acts. */
  private watchReader(): void {
    if (this.watching) return;
    this.watching = true;
    this.openToolbar = watchSelection(this.ctx, this.annotations, (label) =>
      this.send({ type: 'tags/create', label }),
    );
    this.cards = watchClaims(this.ctx, this.claims, {
      verdict: async (painted, verdict) => {
        if (!this.articleUrl) return;
        await this.send({
          type: 'claim/correct',
          articleUrl: this.articleUrl,
          claim: painted.claim,
          detected: painted.claim.stance,
          verdict,
        });
        this.claims.update(painted, verdict);
      },
      annotate: async (painted, { tag, note }) => {
        await this.annotations.annotate(painted.range, {
          tags: tag ? [tag] : [],
          note,
          stance: stanceOfTag(tag),
        });
      },
      tags: () => this.annotations.tags,
    });
  }

  /** Watches for new content and for single-page-app navigation (observing changes nothing in the page). */
  private watchChanges(): void {
    if (this.observer) return;
    this.observer = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) this.added.push(node);
      // The page took text away or rewrote it: a claim or annotation whose range collapsed is no longer painted.
      if (records.some((r) => r.type === 'characterData' || r.removedNodes.length > 0)) {
        this.claims.prune();
        this.annotations.prune();
      }
      // A page that never stops changing (a ticking clock, a live score) is read anyway, every so often.
      const now = performance.now();
      this.changingSince ??= now;
      if (now - this.changingSince < MUTATION_MAX_WAIT_MS || this.quietTimer === undefined) {
        clearTimeout(this.quietTimer);
        this.quietTimer = this.ctx.setTimeout(() => void this.onQuiet(), MUTATION_QUIET_MS);
      }
    });
    this.observer.observe(document.body, { childList: true, characterData: true, subtree: true });
    this.ctx.onInvalidated(() => this.observer?.disconnect());
    this.ctx.addEventListener(window, 'wxt:locationchange', () => {
      clearTimeout(this.quietTimer);
      this.quietTimer = this.ctx.setTimeout(() => void this.onQuiet(), MUTATION_QUIET_MS);
    });
  }

  private async onQuiet(): Promise<void> {
    this.quietTimer = undefined;
    this.changingSince = null;
    const added = this.added;
    this.added = [];
    if (location.href !== this.analysedLocation) {
      // Another article in the same document: start over, as on a fresh load.
      this.claims.clear();
      this.annotations.reset(location.href);
      await this.start();
      return;
    }
    if (!this.articleUrl) return;
    const start = performance.now();
    const roots = newContentRoots(added, (node) => this.claims.covers(node));
    let found = 0;
    for (const root of roots) {
      const map = TextMap.build(root);
      if (map.text.trim().length < MIN_ADDED_CHARS) continue;
      // The page is already an article about the topic: a short added passage is read in that light.
      const claims = await this.detect(map, document.documentElement.lang || 'en', true);
      found += this.claims.add(map, claims);
    }
    if (roots.length === 0) return;
    measure(start);
    if (found > 0) this.scheduleReport();
  }

  /**
   * Stores the article again once things are quiet, off the reader's path: the stored claims need offsets
   * in the whole article's text, which one walk of it gives.
   */
  private scheduleReport(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = this.ctx.setTimeout(async () => {
      const page = extractArticle(document, location.href);
      if (page.kind !== 'article' || !this.articleUrl) return;
      const claims = await this.detect(page.map, page.meta.lang, false);
      await this.report(toReport(page.meta, page.map.text, claims));
    }, MUTATION_QUIET_MS * 3);
  }

  /** How this site is to be read; the defaults (on, at once) if the background cannot answer. */
  private async loadSettings(): Promise<PageSettings | null> {
    try {
      return await this.send({ type: 'page/settings', host: location.host });
    } catch (error) {
      console.warn('ClaimLens: settings unavailable, reading the page with the defaults', error);
      return null;
    }
  }

  /**
   * The claims in one stretch of the page, found by the background (which keeps the compiled detector, and
   * keeps detection off the page's main thread); none if it cannot answer.
   */
  private async detect(map: TextMap, lang: string, onTopic: boolean): Promise<AnalyzedClaim[]> {
    try {
      const { text, blocks } = map;
      return describeClaims(
        text,
        (await this.send({ type: 'page/detect', text, blocks, lang, onTopic })).claims,
      );
    } catch (error) {
      console.warn('ClaimLens: claims could not be read', error);
      return [];
    }
  }

  private async report(article: ArticleAnalysis | null): Promise<void> {
    try {
      await this.send({ type: 'page/analyzed', article });
    } catch (error) {
      // The background may be restarting (MV3); the highlights stand, and the next visit stores the article.
      console.warn('ClaimLens: could not store this article', error);
    }
  }
}

function toReport(
  meta: ArticleAnalysis['meta'],
  text: string,
  claims: ArticleAnalysis['claims'],
): ArticleAnalysis {
  return { meta, textLength: text.length, claims, profile: profileOf(text) };
}

/**
 * The outermost added elements still in the page, not inside one another, not ClaimLens's own UI, not page
 * furniture, and holding text not analysed before.
 */
function newContentRoots(added: readonly Node[], analysed: (node: Node) => boolean): Element[] {
  const elements = added.filter(
    (node): node is Element =>
      node.nodeType === 1 && node.isConnected && !(node as Element).tagName.startsWith('CLAIMLENS-'),
  );
  const outermost = elements.filter((el) => !elements.some((other) => other !== el && other.contains(el)));
  return outermost.filter((el) => {
    for (let up: Element | null = el; up && up !== document.body; up = up.parentElement)
      if (isExcluded(up)) return false;
    const firstText = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
    return firstText !== null && !analysed(firstText);
  });
}
