import { useLayoutEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AnalyzeNow } from '../../components/AnalyzeNow.tsx';
import { AnnotationList } from '../../components/AnnotationList.tsx';
import { ClaimList } from '../../components/ClaimList.tsx';
import { HighlightSwitches, type SwitchActions } from '../../components/HighlightSwitches.tsx';
import { measured } from '../../components/measured.ts';
import { SourceRows } from '../../components/SourceRows.tsx';
import { StanceBalance } from '../../components/StanceBalance.tsx';
import { StoryComparison } from '../../components/StoryComparison.tsx';
import type { ArticleView } from '../../utils/db/article-view.ts';
import type { ArticleRecord } from '../../utils/db/schema.ts';
import { makeSender, type PageCommand } from '../../utils/messages.ts';
import { useBackgroundView } from './use-view.ts';

// The background holds the database open and reads the view: the popup carries no database code of its own.
const send = makeSender((message) => browser.runtime.sendMessage(message));

function switchActions(tabId: number | null): SwitchActions {
  const tellPage = async (visible: boolean) => {
    if (tabId === null) return;
    const command: PageCommand = { type: 'page/highlights', visible };
    await browser.tabs.sendMessage(tabId, command);
  };
  return {
    page: tabId === null ? null : tellPage,
    site: async (host, on) => {
      await send({ type: 'settings/highlights', host, on });
      await tellPage(on).catch(() => undefined); // the page may have no ClaimLens (a browser page)
    },
    everywhere: async (on) => {
      await send({ type: 'settings/highlights', host: null, on });
      await tellPage(on).catch(() => undefined);
    },
  };
}

async function analyzePage(tabId: number): Promise<void> {
  const command: PageCommand = { type: 'page/analyze' };
  await browser.tabs.sendMessage(tabId, command);
}

function hostOf(url: string | null): string | null {
  try {
    return url && /^https?:/.test(url) ? new URL(url).host : null;
  } catch {
    return null;
  }
}

export function Popup({ url, tabId }: { url: string | null; tabId: number | null }) {
  const view = useBackgroundView(
    () => measured('claimlens:compare', () => send({ type: 'popup/view', url })),
    [url],
  );
  const ready = view.status === 'ready';
  useLayoutEffect(() => {
    // From the popup's navigation to its first render with the comparison: a layout effect runs as soon as
    // Preact has written that render into the document (an effect would wait for the frame after it).
    if (ready) performance.measure('claimlens:popup-ready', { start: 0, end: performance.now() });
  }, [ready]);
  return (
    <main class="popup">
      <header class="popup__head">
        <h1>ClaimLens</h1>
        <a href={browser.runtime.getURL('/dashboard.html')} target="_blank" rel="noreferrer">
          Library
        </a>
      </header>
      {view.status === 'ready' && (
        <HighlightSwitches
          host={hostOf(url)}
          settings={view.value.highlights}
          actions={switchActions(tabId)}
        />
      )}
      {tabId !== null && view.status === 'ready' && !view.value.reading.autoAnalyze && (
        <AnalyzeNow analyze={() => analyzePage(tabId)} />
      )}
      {view.status === 'loading' && <p class="muted">Loading…</p>}
      {view.status === 'error' && <p role="alert">Could not read the library: {view.error}</p>}
      {view.status === 'ready' && !view.value.article && (
        <section>
          <p>
            <strong data-testid="claim-count">0</strong> claims
          </p>
          <p class="muted">
            {url ? 'ClaimLens has not found an article on this page.' : 'No page to look at.'}
          </p>
        </section>
      )}
      {view.status === 'ready' && view.value.article && <ArticleSection view={view.value.article} />}
    </main>
  );
}

/** The stored article: its count and balance, the other sources and how their claims compare, the lists. */
function ArticleSection({ view }: { view: ArticleView }) {
  const { article, others } = view;
  const sources = new Map<string, ArticleRecord>([article, ...others].map((a) => [a.id, a]));
  return (
    <section aria-labelledby="article-title">
      <p class="popup__site">{article.site}</p>
      <h2 id="article-title">{article.title}</h2>
      <p class="popup__count">
        <strong data-testid="claim-count">{article.claimCount}</strong>{' '}
        {article.claimCount === 1 ? 'claim' : 'claims'} about AI compute
      </p>
      <StanceBalance counts={article.stances} />
      <SourceRows
        article={article}
        others={others}
        onSplit={(other) => void send({ type: 'stories/move', articleUrl: other.url, intoStoryOf: null })}
      />
      {others.length > 0 && <StoryComparison comparison={view.comparison} sources={sources} />}
      <AnnotationList annotations={view.annotations} keptAt={view.keptAt} />
      <ClaimList claims={view.claims} />
    </section>
  );
}
