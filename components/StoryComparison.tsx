import { Fragment } from 'preact';
import type { SourceClaim } from '../utils/compare/align.ts';
import type { Comparison } from '../utils/compare/comparison.ts';
import { textFragmentLink } from '../utils/compare/fragment.ts';
import type { ArticleRecord } from '../utils/db/schema.ts';
import { STANCE_LABELS } from './StanceBalance.tsx';

/**
 * This article's claims against the other sources on its story: which others make the same claim, which it
 * alone makes, where figures for the same thing differ, and whether the reader's reading leans one way.
 */
export function StoryComparison({
  comparison,
  sources,
}: {
  comparison: Comparison;
  sources: ReadonlyMap<string, ArticleRecord>;
}) {
  const { aligned, mismatches, lean, otherSide } = comparison;
  const siteOf = (claim: SourceClaim) => sources.get(claim.articleId)?.site ?? claim.articleId;
  const link = (claim: SourceClaim) =>
    textFragmentLink(sources.get(claim.articleId)?.url ?? claim.articleId, claim.text);
  const shared = aligned.filter((a) => a.matches.length > 0);
  const unique = aligned.filter((a) => a.matches.length === 0);
  return (
    <section aria-labelledby="comparison-heading" class="comparison">
      <h3 id="comparison-heading">Across the sources</h3>
      {lean.leans && (
        <p class="blind-spot" role="note" data-testid="blind-spot" data-leans={lean.leans}>
          Your reading of this story leans {STANCE_LABELS[lean.leans].toLowerCase()}: {lean[lean.leans]} of{' '}
          {lean.overcapacity + lean.demand} claims in the sources you read.
          {otherSide.length > 0
            ? ' The other side, from what you have read:'
            : ' None of your sources argues the other side: look for one that does.'}
        </p>
      )}
      {lean.leans && otherSide.length > 0 && (
        <ul>
          {otherSide.map((claim) => (
            <li key={claim.id} data-testid="other-side-claim">
              <a href={link(claim)} target="_blank" rel="noreferrer">
                {siteOf(claim)}
              </a>
              : <q>{claim.text}</q>
            </li>
          ))}
        </ul>
      )}
      {mismatches.length > 0 && (
        <>
          <h4>Figures that differ</h4>
          <ul>
            {mismatches.map((m) => (
              <li
                key={`${m.ours.claim.id}-${m.theirs.claim.id}-${m.ours.figure.start}`}
                data-testid="figure-mismatch"
              >
                {m.entity}: <strong>{m.ours.figure.text}</strong> here,{' '}
                <strong>{m.theirs.figure.text}</strong> in{' '}
                <a href={link(m.theirs.claim)} target="_blank" rel="noreferrer">
                  {siteOf(m.theirs.claim)}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {shared.length > 0 && (
        <>
          <h4>Claims other sources make too</h4>
          <ul>
            {shared.map(({ claim, matches }) => (
              <li key={claim.id} data-testid="aligned-claim" data-sources={matches.length + 1}>
                <q>{claim.text}</q>{' '}
                <span class="muted">
                  reported by {matches.length + 1} sources:{' '}
                  {matches.map((m, i) => (
                    // A keyed fragment, not an element: a story of ten sources lists up to 180 of these.
                    <Fragment key={m.claim.id}>
                      {i > 0 && ', '}
                      <a href={link(m.claim)} target="_blank" rel="noreferrer">
                        {siteOf(m.claim)}
                      </a>
                      {m.claim.stance !== claim.stance &&
                        ` (reads it as ${STANCE_LABELS[m.claim.stance].toLowerCase()})`}
                    </Fragment>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {unique.length > 0 && (
        <>
          <h4>Only this source</h4>
          <ul>
            {unique.map(({ claim }) => (
              <li key={claim.id} data-testid="unique-claim">
                <q>{claim.text}</q>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
