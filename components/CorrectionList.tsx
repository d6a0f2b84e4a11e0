import type { CorrectionRecord } from '../utils/db/schema.ts';
import { STANCE_LABELS } from './StanceBalance.tsx';

const label = (stance: CorrectionRecord['verdict']) => (stance ? STANCE_LABELS[stance] : 'not a claim');

/** What the reader taught ClaimLens, newest first: each correction re-weights detection on this machine. */
export function CorrectionList({ corrections }: { corrections: readonly CorrectionRecord[] }) {
  return (
    <section aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">
        Your corrections <span data-testid="correction-count">{corrections.length}</span>
      </h2>
      {corrections.length === 0 ? (
        <p class="muted">
          Hover or click a highlight in an article to correct its stance; ClaimLens learns from it.
        </p>
      ) : (
        <ol class="corrections">
          {corrections.slice(0, 200).map((c) => (
            <li key={c.id}>
              <q>{c.text}</q>{' '}
              <span class="muted">
                {c.detected ? label(c.detected) : 'missed'} → <strong>{label(c.verdict)}</strong> ·{' '}
                {c.createdAt.slice(0, 10)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
