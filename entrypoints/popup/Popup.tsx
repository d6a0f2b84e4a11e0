import { useLayoutEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AnalyzeNow } from '../../components/AnalyzeNow.tsx';
import { AnnotationList } from '../../components/AnnotationList.tsx';
import { ClaimList } from '../../components/ClaimList.tsx';
import { HighlightSwitches, type SwitchActions } from '../../components/HighlightSwitches.tsx';
import { SourceRows } from '../../components/SourceRows.tsx';
import { StoryComparison, type Comparison } from '../../components/StoryComparison.tsx';
import {
  alignClaims,
  figureMismatches,
  leanOf,
  opposingSide,
  type SourceClaim,
} from '../../utils/compare/align.ts';
import type { ArticleRecord, ClaimRecord } from '../../utils/db/schema.ts';
import { StanceBalance } from '../../components/StanceBalance.tsx';
import { measured } from '../../components/measured.ts';
import { useLiveQuery } from '../../components/use-live-query.ts';
import { AnnotationRepository } from '../../utils/db/annotations.ts';
import { ArticleRepository, ClaimRepository } from '../../utils/db/articles.ts';
import { ClaimLensDatabase } from '../../utils/db/schema.ts';
import { SettingsRepository } from '../../utils/db/settings.ts';
import { makeSender, type PageCommand } from '../../utils/messages.ts';
import { normaliseUrl } from '../../utils/extract/metadata.ts';

const db = new ClaimLensDatabase();
// Opened as the script starts, while the first render is drawn: the first query then finds it open.
db.open().catch(() => undefined); // a failure to open is shown by the queries that need it
const articles = new ArticleRepository(db);
const claims = new ClaimRepository(db);
const annotations = new AnnotationRepository(db);
const settings = new SettingsRepository(db);
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

async function loadComparison(url: string | null) {
  const normalised = url ? normaliseUrl(url) : null;
  if (!normalised) return null;
  const article = await articles.findByUrl(normalised);
  if (!article) return null;
  const [found, mine, snapshot, others] = await Promise.all([
    claims.forArticle(article.id),
    annotations.forArticle(article.id),
    annotations.snapshot(article.id),
    articles.sameStory(article),
  ]);
  const theirClaims = await claims.forArticles(others.map((o) => o.id));
  return {
    article,
    claims: found,
    annotations: mine,
    keptAt: snapshot?.capturedAt ?? null,
    others,
    comparison: compare(found, theirClaims),
    sources: new Map<string, ArticleRecord>([article, ...others].map((a) => [a.id, a])),
  };
}

/** The switches and the reading mode, read together: one query, one render when they arrive. */
const loadSettings = () => Promise.all([settings.highlights(), settings.reading()]);

/** Shared and unique claims, disagreeing figures, and the lean of the reader's reading of the story. */
function compare(own: readonly ClaimRecord[], theirs: readonly ClaimRecord[]): Comparison {
  const mine: SourceClaim[] = [...own];
  const others: SourceClaim[] = [...theirs];
  const lean = leanOf([...mine, ...others]);
  const opposite = lean.leans && opposingSide(lean.leans);
  return {
    aligned: alignClaims(mine, others),
    mismatches: figureMismatches(mine, others),
    lean,
    otherSide: lean.leans ? [...mine, ...others].filter((c) => c.stance === opposite) : [],
  };
}

export function Popup({ url, tabId }: { url: string | null; tabId: number | null }) {
  const state = useLiveQuery(() => measured('claimlens:compare', () => loadComparison(url)), [url]);
  const switches = useLiveQuery(loadSettings, []);
  const ready = state.status === 'ready';
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
      {switches.status === 'ready' && (
        <HighlightSwitches host={hostOf(url)} settings={switches.value[0]} actions={switchActions(tabId)} />
      )}
      {tabId !== null && switches.status === 'ready' && !switches.value[1].autoAnalyze && (
        <AnalyzeNow analyze={() => analyzePage(tabId)} />
      )}
      {state.status === 'loading' && <p class="muted">Loading…</p>}
      {state.status === 'error' && <p role="alert">Could not read the library: {state.error}</p>}
      {state.status === 'ready' && !state.value && (
        <section>
          <p>
            <strong data-testid="claim-count">0</strong> claims
          </p>
          <p class="muted">
            {url ? 'ClaimLens has not found an article on this page.' : 'No page to look at.'}
          </p>
        </section>
      )}
      {state.status === 'ready' && state.value && (
        <section aria-labelledby="article-title">
          <p class="popup__site">{state.value.article.site}</p>
          <h2 id="article-title">{state.value.article.title}</h2>
          <p class="popup__count">
            <strong data-testid="claim-count">{state.value.article.claimCount}</strong>{' '}
            {state.value.article.claimCount === 1 ? 'claim' : 'claims'} about AI compute
          </p>
          <StanceBalance counts={state.value.article.stances} />
          <SourceRows
            article={state.value.article}
            others={state.value.others}
            onSplit={(other) => void send({ type: 'stories/move', articleUrl: other.url, intoStoryOf: null })}
          />
          {state.value.others.length > 0 && (
            <StoryComparison comparison={state.value.comparison} sources={state.value.sources} />
          )}
          <AnnotationList annotations={state.value.annotations} keptAt={state.value.keptAt} />
          <ClaimList claims={state.value.claims} />
        </section>
      )}
    </main>
  );
}
