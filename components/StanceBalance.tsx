import type { StanceCounts } from '../utils/db/schema.ts';
import { STANCES, type Stance } from '../utils/detect/pack.ts';

export const STANCE_LABELS: Record<Stance, string> = {
  overcapacity: 'Overcapacity',
  demand: 'Demand',
  neutral: 'Neutral',
};

/** The stance balance as a bar and as words: the words carry it for screen readers and in print. */
export function StanceBalance({ counts }: { counts: StanceCounts }) {
  const total = STANCES.reduce((sum, s) => sum + counts[s], 0);
  const summary = STANCES.map((s) => `${counts[s]} ${STANCE_LABELS[s].toLowerCase()}`).join(', ');
  return (
    <div class="stance-balance" data-testid="stance-balance">
      <div class="stance-bar" role="img" aria-label={`Stance balance: ${summary}`}>
        {total > 0 &&
          STANCES.filter((s) => counts[s] > 0).map((s) => (
            <span key={s} class={`stance-bar__part stance--${s}`} style={{ flexGrow: counts[s] }} />
          ))}
      </div>
      <ul class="stance-legend">
        {STANCES.map((s) => (
          <li key={s} data-stance={s}>
            <span class={`stance-swatch stance--${s}`} aria-hidden="true" />
            {STANCE_LABELS[s]} <strong data-testid={`stance-${s}`}>{counts[s]}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
