import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Orphan } from '../../components/AnnotationList.tsx';
import { CorrectionList } from '../../components/CorrectionList.tsx';
import { downloadText } from '../../components/download.ts';
import { PackManager, type PackActions } from '../../components/PackManager.tsx';
import { StanceBalance } from '../../components/StanceBalance.tsx';
import { useLiveQuery } from '../../components/use-live-query.ts';
import { AnnotationRepository } from '../../utils/db/annotations.ts';
import { ArticleRepository, LibraryRepository } from '../../utils/db/articles.ts';
import { DetectionRepository } from '../../utils/db/detection.ts';
import { SettingsRepository } from '../../utils/db/settings.ts';
import { BUILT_IN_PACKS } from '../../utils/detect/packs/index.ts';
import { ClaimLensDatabase, type ArticleRecord } from '../../utils/db/schema.ts';
import { toCsv } from '../../utils/export/csv.ts';
import { toMarkdown } from '../../utils/export/markdown.ts';
import { toAnnotationCollection } from '../../utils/export/web-annotation.ts';
import { makeSender, MAX_IMPORT_CHARS } from '../../utils/messages.ts';

const db = new ClaimLensDatabase();
const articles = new ArticleRepository(db);
const libraryStore = new LibraryRepository(db);
const detection = new DetectionRepository(db);
const settings = new SettingsRepository(db);
const annotations = new AnnotationRepository(db);
const send = makeSender((message) => browser.runtime.sendMessage(message));

type Format = 'json' | 'csv' | 'md';

const packActions: PackActions = {
  save: (json) => send({ type: 'packs/save', json }),
  setEnabled: (id, enabled) => send({ type: 'packs/set-enabled', id, enabled }),
  remove: (id) => send({ type: 'packs/delete', id }),
};

async function exportLibrary(format: Format): Promise<void> {
  const everything = await libraryStore.load();
  const { articles: allArticles, claims: allClaims, annotations: allAnnotations } = everything;
  const now = new Date();
  const stamp = now.toISOString().slice(0, 10);
  if (format === 'json') {
    const collection = toAnnotationCollection(everything, now);
    downloadText(JSON.stringify(collection, null, 2), `claimlens-${stamp}.jsonld`, 'application/ld+json');
  } else if (format === 'csv') {
    downloadText(
      toCsv(allArticles, allClaims, allAnnotations),
      `claimlens-${stamp}.csv`,
      'text/csv;charset=utf-8',
    );
  } else {
    downloadText(
      toMarkdown(allArticles, allClaims, now, allAnnotations),
      `claimlens-${stamp}.md`,
      'text/markdown;charset=utf-8',
    );
  }
}

type ImportState =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; text: string } | { kind: 'failed'; text: string };

export function Dashboard() {
  const library = useLiveQuery(() => articles.list(), []);
  const teaching = useLiveQuery(
    async () => ({
      packs: await detection.packs(),
      disabled: await settings.disabledPacks(),
      corrections: await detection.corrections(),
      orphans: await annotations.orphans(),
    }),
    [],
  );
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });

  const onImport = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setImportState({ kind: 'busy' });
    try {
      if (file.size > MAX_IMPORT_CHARS)
        throw new Error(
          `The file is ${Math.round(file.size / 1e6)} MB: the limit is ${MAX_IMPORT_CHARS / 1e6} MB.`,
        );
      const reply = await send({ type: 'library/import', json: await file.text() });
      setImportState(
        reply.ok
          ? {
              kind: 'done',
              text: `Imported ${reply.annotations} annotations from ${reply.articles} articles.`,
            }
          : { kind: 'failed', text: `Nothing was imported. ${reply.error}` },
      );
    } catch (error) {
      setImportState({ kind: 'failed', text: `Nothing was imported. ${(error as Error).message}` });
    } finally {
      input.value = '';
    }
  };

  return (
    <main class="dashboard">
      <header>
        <h1>ClaimLens library</h1>
        <p class="muted">Everything here is stored in this browser only.</p>
      </header>
      <section class="toolbar" aria-label="Export and import">
        <button type="button" data-testid="export-json" onClick={() => void exportLibrary('json')}>
          Export JSON (Web Annotation)
        </button>
        <button type="button" data-testid="export-csv" onClick={() => void exportLibrary('csv')}>
          Export CSV
        </button>
        <button type="button" data-testid="export-md" onClick={() => void exportLibrary('md')}>
          Export Markdown
        </button>
        <label class="import">
          Import JSON{' '}
          <input
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            data-testid="import-file"
            onChange={(e) => void onImport(e)}
          />
        </label>
        {importState.kind === 'busy' && (
          <span role="status" data-testid="import-result">
            Importing…
          </span>
        )}
        {importState.kind === 'done' && (
          <span role="status" data-testid="import-result">
            {importState.text}
          </span>
        )}
        {importState.kind === 'failed' && (
          <span role="alert" data-testid="import-result">
            {importState.text}
          </span>
        )}
      </section>
      {library.status === 'error' && <p role="alert">Could not read the library: {library.error}</p>}
      {library.status === 'ready' && (
        <section aria-labelledby="articles-heading">
          <h2 id="articles-heading">
            <span data-testid="article-count">{library.value.length}</span>{' '}
            {library.value.length === 1 ? 'article' : 'articles'}
          </h2>
          <ul class="articles">
            {library.value.map((article) => (
              <li key={article.id} class="article" data-testid="article-row" data-url={article.url}>
                <a href={`popup.html?url=${encodeURIComponent(article.url)}`}>{article.title}</a>
                <span class="muted">
                  {article.site}
                  {article.published ? ` · ${article.published.slice(0, 10)}` : ''} · {article.claimCount}{' '}
                  claims
                </span>
                <StanceBalance counts={article.stances} />
                <StoryPicker article={article} library={library.value} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {teaching.status === 'ready' && (
        <>
          <PackManager
            builtIn={BUILT_IN_PACKS}
            own={teaching.value.packs}
            disabled={teaching.value.disabled}
            actions={packActions}
          />
          <CorrectionList corrections={teaching.value.corrections} />
          <section aria-labelledby="orphans-heading">
            <h2 id="orphans-heading">
              Annotations not found on their page{' '}
              <span data-testid="orphan-count">{teaching.value.orphans.length}</span>
            </h2>
            {teaching.value.orphans.length === 0 ? (
              <p class="muted">Every annotation was found again on its last visit.</p>
            ) : (
              <ul class="corrections">
                {teaching.value.orphans.map((a) => (
                  <Orphan key={a.id} annotation={a} keptAt={null} link />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </main>
  );
}

/** Moves an article into another story, or gives it one of its own: the reader's word on grouping. */
function StoryPicker({ article, library }: { article: ArticleRecord; library: readonly ArticleRecord[] }) {
  const stories = new Map<string, ArticleRecord>();
  for (const a of library) {
    const id = a.storyId ?? a.id;
    const first = stories.get(id);
    if (!first || a.firstSeen < first.firstSeen) stories.set(id, a);
  }
  const own = article.storyId ?? article.id;
  const SPLIT = '';
  return (
    <label class="muted">
      Story:{' '}
      <select
        data-testid="story-select"
        value={own}
        onChange={(event) => {
          const chosen = (event.currentTarget as HTMLSelectElement).value;
          const into = chosen === SPLIT ? null : (stories.get(chosen)?.url ?? null);
          void send({ type: 'stories/move', articleUrl: article.url, intoStoryOf: into });
        }}
      >
        {[...stories].map(([id, first]) => (
          <option key={id} value={id}>
            {first.title.slice(0, 80)}
          </option>
        ))}
        <option value={SPLIT}>A story of its own</option>
      </select>
    </label>
  );
}
