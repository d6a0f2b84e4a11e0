import type { AnnotationRecord } from '../utils/db/schema.ts';

/**
 * The reader's annotations on one article, and apart from them the orphans: annotations whose text the page no
 * longer has, shown with their quote and the text that stood around it, and when that text was kept.
 */
export function AnnotationList({
  annotations,
  keptAt,
}: {
  annotations: readonly AnnotationRecord[];
  keptAt: string | null;
}) {
  if (annotations.length === 0) return null;
  const orphans = annotations.filter((a) => a.anchoring?.method === 'orphan');
  const anchored = annotations.filter((a) => a.anchoring?.method !== 'orphan');
  return (
    <section aria-labelledby="annotations-heading" class="annotations">
      <h3 id="annotations-heading">
        Your annotations <span data-testid="annotation-count">{annotations.length}</span>
      </h3>
      <ul>
        {anchored.map((a) => (
          <li key={a.id} data-testid="annotation" data-anchoring={a.anchoring?.method ?? 'new'}>
            <q>{a.selectors[0].exact}</q> <Labels annotation={a} />
          </li>
        ))}
      </ul>
      {orphans.length > 0 && (
        <>
          <h4>Not found on the page any more</h4>
          <ul>
            {orphans.map((a) => (
              <li key={a.id} data-testid="orphan">
                <q>{a.selectors[0].exact}</q> <Labels annotation={a} />
                <p class="orphan__context">
                  …{a.selectors[0].prefix}
                  <mark>{a.selectors[0].exact}</mark>
                  {a.selectors[0].suffix}…
                </p>
                <p class="muted">
                  Page text kept {keptAt ? `from ${keptAt.slice(0, 10)}` : 'with the annotation'}; last looked
                  for {a.anchoring?.at.slice(0, 10)}.
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** One orphan: its quote, the text that stood around it, and when that text was kept and last looked for. */
export function Orphan({
  annotation,
  keptAt,
  link,
}: {
  annotation: AnnotationRecord;
  keptAt: string | null;
  link?: boolean;
}) {
  const [quote] = annotation.selectors;
  return (
    <li data-testid="orphan">
      <q>{quote.exact}</q> <Labels annotation={annotation} />
      <p class="orphan__context">
        …{quote.prefix}
        <mark>{quote.exact}</mark>
        {quote.suffix}…
      </p>
      <p class="muted">
        {link && (
          <>
            <a href={annotation.url} target="_blank" rel="noreferrer">
              {annotation.url}
            </a>
            {' · '}
          </>
        )}
        Page text kept {keptAt ? `from ${keptAt.slice(0, 10)}` : 'with the annotation'}; last looked for{' '}
        {annotation.anchoring?.at.slice(0, 10)}.
      </p>
    </li>
  );
}

function Labels({ annotation }: { annotation: AnnotationRecord }) {
  return (
    <span class="muted">
      {[...annotation.tags, ...(annotation.note ? [`note: ${annotation.note}`] : [])].join(' · ')}
    </span>
  );
}
