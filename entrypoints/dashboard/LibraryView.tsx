import { StanceBalance } from '../../components/StanceBalance.tsx';
import { useLiveQuery } from '../../components/use-live-query.ts';
import type { ArticleRecord } from '../../utils/db/schema.ts';
import { articles, send } from './store.ts';

/** Every stored article, newest first, with its claims' balance and its story. */
export function LibraryView() {
  const library = useLiveQuery(() => articles.list(), []);
  if (library.status === 'error') return <p role="alert">Could not read the library: {library.error}</p>;
  if (library.status === 'loading') return null;
  return (
    <section id="library" aria-labelledby="articles-heading">
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
              {article.published ? ` · ${article.published.slice(0, 10)}` : ''} · {article.claimCount} claims
            </span>
            <StanceBalance counts={article.stances} />
            <StoryPicker article={article} library={library.value} />
          </li>
        ))}
      </ul>
    </section>
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
