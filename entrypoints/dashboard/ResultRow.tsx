import type { LibraryHit } from '../../utils/db/library-query.ts';
import { articleDate } from '../../utils/db/schema.ts';
import { emphasise } from '../../utils/text/emphasis.ts';

/** One claim or annotation the search found: its quote with the found words marked, and where it is from. */
/** A claim that is itself a quotation already has its quotation marks: the `<q>` adds none. */
const QUOTED = /^["“‘'].*["”’']$/su;

export function ResultRow({ hit, terms }: { hit: LibraryHit; terms: readonly string[] }) {
  const { article } = hit;
  const quote = hit.kind === 'claim' ? hit.record.text : hit.record.selectors[0].exact;
  const { stance } = hit.record;
  const source = article?.url ?? (hit.kind === 'annotation' ? hit.record.url : hit.record.articleId);
  return (
    <li class="result" data-testid="result-row" data-kind={hit.kind} data-url={source}>
      <q class={QUOTED.test(quote) ? 'result__quote result__quote--quoted' : 'result__quote'}>
        {emphasise(quote, terms).map((part, i) =>
          part.match ? <mark key={i}>{part.text}</mark> : part.text,
        )}
      </q>
      <span class="result__meta muted">
        {stance ? (
          <span class={`result__stance stance--${stance}`} data-testid="result-stance">
            {stance}
          </span>
        ) : null}
        {hit.kind === 'annotation' ? 'Your annotation · ' : ''}
        <span data-testid="result-outlet">{article?.site ?? 'not stored'}</span>
        {article ? ` · ${articleDate(article).slice(0, 10)}` : ''}
        {hit.kind === 'claim' ? ` · confidence ${Math.round(hit.record.confidence * 100)}%` : ''}
        {' · '}
        <a href={`popup.html?url=${encodeURIComponent(source)}`}>{article?.title || source}</a>
      </span>
      {hit.kind === 'annotation' && (hit.record.tags.length > 0 || hit.record.note) ? (
        <span class="result__note">
          {hit.record.tags.map((tag) => (
            <span key={tag} class="result__tag">
              {tag}
            </span>
          ))}
          {hit.record.note}
        </span>
      ) : null}
    </li>
  );
}
