import type { ClaimRecord } from '../utils/db/schema.ts';
import { STANCE_LABELS } from './StanceBalance.tsx';

/** Claims in reading order, each with its stance and the cues that made it one. */
export function ClaimList({ claims }: { claims: readonly ClaimRecord[] }) {
  if (claims.length === 0) return <p class="muted">No claims about AI compute were found here.</p>;
  return (
    <ol class="claim-list">
      {claims.map((claim) => (
        <li
          key={claim.id}
          class={`claim stance--${claim.stance}-edge`}
          data-testid="claim"
          data-stance={claim.stance}
        >
          <span class={`claim__stance stance--${claim.stance}`}>{STANCE_LABELS[claim.stance]}</span>
          <q class="claim__text">{claim.text}</q>
          {claim.cues.length > 0 && (
            <span class="claim__why">
              why: {claim.cues.map((c) => (c.negated ? `not “${c.phrase}”` : `“${c.phrase}”`)).join(', ')}
              {claim.hedged ? ' · hedged' : ''}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
