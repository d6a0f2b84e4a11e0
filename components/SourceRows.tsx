import { isCopy } from '../utils/compare/fingerprint.ts';
import type { ArticleRecord } from '../utils/db/schema.ts';
import { StanceBalance } from './StanceBalance.tsx';

/** The other stored articles on this article's story, each with its stance balance; copies are marked. */
export function SourceRows({
  article,
  others,
  onSplit,
}: {
  article: ArticleRecord;
  others: readonly ArticleRecord[];
  /** The reader says another source is not on this story after all. */
  onSplit: (other: ArticleRecord) => void;
}) {
  return (
    <section aria-labelledby="sources-heading" class="sources">
      <h3 id="sources-heading">
        Other sources on this story <span data-testid="source-count">{others.length}</span>
      </h3>
      {others.length === 0 ? (
        <p class="muted">You have not read another article on this story yet.</p>
      ) : (
        <ul>
          {others.map((other) => {
            const copy = isCopy(article.profile.fingerprint, other.profile.fingerprint);
            return (
              <li key={other.id} data-testid="source-row" data-url={other.url} data-syndicated={String(copy)}>
                <a href={other.url} target="_blank" rel="noreferrer">
                  {other.site}
                </a>{' '}
                <span class="muted">{other.title}</span>
                {copy && <strong class="source__copy"> · same text (syndicated copy)</strong>}{' '}
                <button
                  type="button"
                  class="link-button"
                  data-testid="split-source"
                  onClick={() => onSplit(other)}
                >
                  Not this story
                </button>
                <StanceBalance counts={other.stances} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
