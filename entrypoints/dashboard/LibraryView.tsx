import './library.css';
import { useEffect, useState } from 'preact/hooks';
import { StanceBalance } from '../../components/StanceBalance.tsx';
import { measured } from '../../components/measured.ts';
import { useLiveQuery } from '../../components/use-live-query.ts';
import {
  asksNothing,
  EMPTY_QUERY,
  LIBRARY_SORTS,
  MAX_PAGE_SIZE,
  libraryFor,
  parseLibraryQuery,
  queryLibrary,
  type LibraryQuery,
  type LibrarySort,
} from '../../utils/db/library-query.ts';
import type { ArticleRecord } from '../../utils/db/schema.ts';
import type { DeleteRequest } from '../../utils/db/trash.ts';
import { STANCES } from '../../utils/detect/pack.ts';
import { DeleteEverything, useDelete } from './DeleteControls.tsx';
import { ResultRow } from './ResultRow.tsx';
import { articles, db, send, tags as tagStore } from './store.ts';
import { exportLibrary, type Format } from './TransferView.tsx';

/** Results shown at first and added by each "Show more". */
const PAGE_SIZE = 50;
/** Typing pauses this long before the search runs: one query per word, not per key. */
const SEARCH_DELAY_MS = 250;

const SORT_LABELS: Record<LibrarySort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  outlet: 'By outlet',
  confidence: 'Most confident first',
};

/** Articles listed at first, and added per click: a library may hold thousands. */
const ARTICLES_PER_PAGE = 50;

/** What the library view reads: the newest articles, and the outlets and stories the filters offer. */
async function loadLibrary(shown: number) {
  const [count, newest, outlets] = await Promise.all([
    articles.count(),
    articles.newest(shown),
    articles.outlets(),
  ]);
  // Only the stories of the articles listed are named here; the story filter names them all when opened.
  const stories = await articles.storyHeads([...new Set(newest.map((a) => a.storyId ?? a.id))]);
  return { count, newest, outlets, stories };
}

/** The library: search and filter every stored claim and annotation, and every stored article. */
export function LibraryView() {
  const [shown, setShown] = useState(ARTICLES_PER_PAGE);
  const library = useLiveQuery(() => loadLibrary(shown), [shown]);
  const { remove, view: deleteNotice } = useDelete();
  if (library.status === 'error') return <p role="alert">Could not read the library: {library.error}</p>;
  if (library.status === 'loading') return null;
  const { count, newest, outlets, stories } = library.value;
  return (
    <section id="library" aria-labelledby="library-heading">
      <h2 id="library-heading">Search your library</h2>
      {deleteNotice}
      <LibrarySearch outlets={outlets} remove={remove} />
      <h2 id="articles-heading">
        <span data-testid="article-count">{count}</span> {count === 1 ? 'article' : 'articles'}
      </h2>
      <ul class="articles">
        {newest.map((article) => (
          <li key={article.id} class="article" data-testid="article-row" data-url={article.url}>
            <a href={`popup.html?url=${encodeURIComponent(article.url)}`}>{article.title}</a>
            <span class="muted">
              {article.site}
              {article.published ? ` · ${article.published.slice(0, 10)}` : ''} · {article.claimCount} claims
            </span>
            <StanceBalance counts={article.stances} />
            <span class="article__actions">
              <StoryPicker article={article} named={stories.get(article.storyId ?? article.id)} />
              <button
                type="button"
                data-testid="delete-article"
                onClick={() => void remove({ kind: 'article', articleUrl: article.url })}
              >
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
      {count > newest.length && (
        <button type="button" data-testid="more-articles" onClick={() => setShown(shown + ARTICLES_PER_PAGE)}>
          Show more articles ({count - newest.length} more)
        </button>
      )}
      <DeleteEverything remove={remove} />
    </section>
  );
}

function LibrarySearch({
  outlets,
  remove,
}: {
  outlets: readonly string[];
  remove: (scope: DeleteRequest) => Promise<void>;
}) {
  const [typed, setTyped] = useState('');
  const [filters, setFilters] = useState<LibraryQuery>(EMPTY_QUERY);
  const [shown, setShown] = useState(PAGE_SIZE);
  const set = (change: Partial<LibraryQuery>) => {
    setFilters((current) => ({ ...current, ...change }));
    setShown(PAGE_SIZE);
  };
  useEffect(() => {
    const timer = setTimeout(() => set({ text: typed }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const query = parseLibraryQuery({ ...filters, limit: Math.min(shown, MAX_PAGE_SIZE) });
  // The whole library is browsed by article below: a search starts once the reader asks for something.
  const idle = query.ok && asksNothing(query.value);
  const results = useLiveQuery(
    () =>
      query.ok && !idle
        ? measured('claimlens:search', () => queryLibrary(db, query.value))
        : Promise.resolve(null),
    [JSON.stringify(query)],
    [db.claims, db.annotations, db.articles],
  );
  const allTags = useLiveQuery(() => tagStore.all(), []);
  const tags = allTags.status === 'ready' ? allTags.value : [];
  const value = (event: Event) => (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;
  const checked = (event: Event) => (event.currentTarget as HTMLInputElement).checked;
  const exportResults = (format: Format) => {
    if (query.ok) void libraryFor(db, query.value).then((part) => exportLibrary(format, part));
  };

  return (
    <div class="library-search">
      <div class="filters" role="search">
        <input
          type="search"
          class="filters__text"
          data-testid="library-search"
          aria-label="Search claims and annotations"
          placeholder="Search claims, quotes, notes and tags"
          value={typed}
          onInput={(e) => setTyped(value(e))}
        />
        <label>
          Stance{' '}
          <select
            data-testid="filter-stance"
            value={filters.stances[0] ?? ''}
            onChange={(e) => set({ stances: STANCES.filter((s) => s === value(e)) })}
          >
            <option value="">Any</option>
            {STANCES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag{' '}
          <select
            data-testid="filter-tag"
            value={filters.tags[0] ?? ''}
            onChange={(e) => set({ tags: value(e) ? [value(e)] : [] })}
          >
            <option value="">Any</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outlet{' '}
          <select
            data-testid="filter-outlet"
            value={filters.outlets[0] ?? ''}
            onChange={(e) => set({ outlets: value(e) ? [value(e)] : [] })}
          >
            <option value="">Any</option>
            {outlets.map((site) => (
              <option key={site} value={site}>
                {site}
              </option>
            ))}
          </select>
        </label>
        <StoryFilter chosen={filters.storyId} choose={(storyId) => set({ storyId })} />
        <label>
          From{' '}
          <input
            type="date"
            data-testid="filter-from"
            value={filters.from ?? ''}
            onChange={(e) => set({ from: value(e) || null })}
          />
        </label>
        <label>
          To{' '}
          <input
            type="date"
            data-testid="filter-to"
            value={filters.to ?? ''}
            onChange={(e) => set({ to: value(e) || null })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="filter-annotated"
            checked={filters.annotatedOnly}
            onChange={(e) => set({ annotatedOnly: checked(e) })}
          />{' '}
          Annotated by me
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="filter-orphans"
            checked={filters.orphansOnly}
            onChange={(e) => set({ orphansOnly: checked(e) })}
          />{' '}
          Not found on their page
        </label>
        <label>
          Sort{' '}
          <select
            data-testid="library-sort"
            value={filters.sort}
            onChange={(e) => set({ sort: LIBRARY_SORTS.find((s) => s === value(e)) ?? 'newest' })}
          >
            {LIBRARY_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!query.ok ? (
        <p role="alert">{query.error}</p>
      ) : idle ? (
        <p class="muted" data-testid="search-idle">
          Type a word, or choose a filter, to search every claim and annotation in your library.
        </p>
      ) : results.status === 'error' ? (
        <p role="alert">Could not search the library: {results.error}</p>
      ) : results.status === 'ready' && results.value ? (
        <>
          <p class="toolbar">
            <span>
              <span data-testid="result-count">{results.value.total}</span>{' '}
              {results.value.total === 1 ? 'result' : 'results'}
            </span>
            Export these results:
            <button type="button" data-testid="export-results-json" onClick={() => exportResults('json')}>
              JSON
            </button>
            <button type="button" data-testid="export-results-csv" onClick={() => exportResults('csv')}>
              CSV
            </button>
            <button type="button" data-testid="export-results-md" onClick={() => exportResults('md')}>
              Markdown
            </button>
            {filters.storyId !== null && (
              <button
                type="button"
                class="danger"
                data-testid="delete-story"
                onClick={() => {
                  const storyId = filters.storyId;
                  set({ storyId: null });
                  if (storyId !== null) void remove({ kind: 'story', storyId });
                }}
              >
                Delete this story
              </button>
            )}
          </p>
          <ol class="results">
            {results.value.hits.map((hit) => (
              <ResultRow key={`${hit.kind}:${hit.record.id}`} hit={hit} terms={results.value?.terms ?? []} />
            ))}
          </ol>
          {results.value.hits.length < results.value.total &&
            (shown < MAX_PAGE_SIZE ? (
              <button type="button" data-testid="show-more" onClick={() => setShown(shown + PAGE_SIZE)}>
                Show more
              </button>
            ) : (
              <p class="muted">
                Showing the first {MAX_PAGE_SIZE}: narrow the search to see the others, or export them.
              </p>
            ))}
        </>
      ) : null}
    </div>
  );
}

/** Moves an article into another story, or gives it one of its own: the reader's word on grouping. */
/**
 * The story filter. A library holds as many stories as it likes: their names are read when the reader opens the
 * list (focus or click), not with every page of the dashboard.
 */
function StoryFilter({
  chosen,
  choose,
}: {
  chosen: string | null;
  choose: (storyId: string | null) => void;
}) {
  const [open, setOpen] = useState(chosen !== null);
  const stories = useLiveQuery(
    () => (open ? articles.storyHeads() : Promise.resolve(new Map<string, ArticleRecord>())),
    [open],
  );
  const named = stories.status === 'ready' ? stories.value : new Map<string, ArticleRecord>();
  return (
    <label>
      Story{' '}
      <select
        data-testid="filter-story"
        value={chosen ?? ''}
        onFocus={() => setOpen(true)}
        onPointerDown={() => setOpen(true)}
        onChange={(event) => choose((event.currentTarget as HTMLSelectElement).value || null)}
      >
        <option value="">Any</option>
        {[...named].map(([id, first]) => (
          <option key={id} value={id}>
            {first.title.slice(0, 80)}
          </option>
        ))}
      </select>
    </label>
  );
}

function StoryPicker({ article, named }: { article: ArticleRecord; named: ArticleRecord | undefined }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <span class="muted">
        Story: {(named ?? article).title.slice(0, 80)}{' '}
        <button type="button" data-testid="story-move" onClick={() => setOpen(true)}>
          Move…
        </button>
      </span>
    );
  return <StoryChoice article={article} />;
}

/** The stories an article may join: those of articles near it in time, or a story of its own. */
function StoryChoice({ article }: { article: ArticleRecord }) {
  const near = useLiveQuery(() => articles.storiesNear(article), [article.id]);
  if (near.status !== 'ready') return null;
  const SPLIT = '';
  return (
    <label class="muted">
      Story:{' '}
      <select
        data-testid="story-select"
        value={article.storyId ?? article.id}
        onChange={(event) => {
          const chosen = (event.currentTarget as HTMLSelectElement).value;
          const into = chosen === SPLIT ? null : (near.value.get(chosen)?.url ?? null);
          void send({ type: 'stories/move', articleUrl: article.url, intoStoryOf: into });
        }}
      >
        {[...near.value].map(([id, head]) => (
          <option key={id} value={id}>
            {head.title.slice(0, 80)}
          </option>
        ))}
        <option value={SPLIT}>A story of its own</option>
      </select>
    </label>
  );
}
