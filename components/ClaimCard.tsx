import { useEffect, useRef, useState } from 'preact/hooks';
import type { TagDefinition } from '../utils/annotate/tags.ts';
import type { CueHit } from '../utils/detect/detect.ts';
import { STANCES, type Stance } from '../utils/detect/pack.ts';
import type { Figure } from '../utils/text/figures.ts';
import { STANCE_LABELS } from './StanceBalance.tsx';
import { TagSwatch } from './TagSwatch.tsx';

export interface CardClaim {
  stance: Stance;
  confidence: number;
  cues: CueHit[];
  figures: Figure[];
  speaker: string | null;
  hedged: boolean;
  /** The reader has already given their word on this claim. */
  corrected: boolean;
}

export type Verdict = Stance | null;

/**
 * The in-page card for one claim: its stance and why (the cues that fired, turned ones marked), who says it,
 * its figures, and the reader's ways to correct it. Rendered in ClaimLens's shadow root; every string is text.
 */
export function ClaimCard({
  claim,
  busy,
  error,
  tags,
  onVerdict,
  onAnnotate,
  onClose,
}: {
  claim: CardClaim;
  busy: boolean;
  error: string | null;
  tags: readonly TagDefinition[];
  onVerdict: (verdict: Verdict) => void;
  /** Tags the claim or notes on it: stored as the reader's annotation on the claim's text. */
  onAnnotate: (what: { tag: string | null; note: string | null }) => void;
  onClose: () => void;
}) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    // With focus inside the card, its keys stay in ClaimLens's shadow root: the card listens for Escape itself.
    <section
      class={`card card--${claim.stance}`}
      role="dialog"
      aria-label="ClaimLens claim"
      data-testid="claim-card"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <header class="card__head">
        <span class="card__stance" data-testid="card-stance">
          {STANCE_LABELS[claim.stance]}
        </span>
        <span class="card__confidence">
          {claim.corrected ? 'your call' : `${Math.round(claim.confidence * 100)}% sure`}
          {claim.hedged ? ' · hedged' : ''}
        </span>
        <button ref={closeRef} type="button" class="card__close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {claim.speaker && <p class="card__speaker">Said by: {claim.speaker}</p>}
      <div class="card__why" data-testid="card-why">
        <h2>Why</h2>
        {claim.cues.length === 0 ? (
          <p>No cue fired: the reader marked this claim.</p>
        ) : (
          <ul>
            {claim.cues.map((cue) => (
              <li key={`${cue.key}@${cue.start}`} data-testid="card-cue">
                <q>{cue.phrase}</q> → {STANCE_LABELS[cue.stance].toLowerCase()}
                {cue.negated ? ' (turned around)' : ''}
              </li>
            ))}
          </ul>
        )}
      </div>
      {claim.figures.length > 0 && (
        <p class="card__figures">Figures: {claim.figures.map((f) => f.text).join(', ')}</p>
      )}
      <div class="card__actions" role="group" aria-label="Correct this claim">
        {STANCES.map((stance) => (
          <button
            key={stance}
            type="button"
            disabled={busy}
            aria-pressed={stance === claim.stance}
            data-testid={`verdict-${stance}`}
            onClick={() => onVerdict(stance)}
          >
            {stance === claim.stance ? `✓ ${STANCE_LABELS[stance]}` : STANCE_LABELS[stance]}
          </button>
        ))}
        <button type="button" disabled={busy} data-testid="verdict-none" onClick={() => onVerdict(null)}>
          Not a claim
        </button>
      </div>
      <div class="card__actions" role="group" aria-label="Tag this claim">
        {tags.map((tag) => (
          <button
            key={tag.id}
            type="button"
            disabled={busy}
            data-testid={`card-tag-${tag.id}`}
            onClick={() => onAnnotate({ tag: tag.id, note: null })}
          >
            <TagSwatch tag={tag} />#{tag.label}
          </button>
        ))}
      </div>
      <form
        class="card__note"
        onSubmit={(event) => {
          event.preventDefault();
          if (note.trim()) onAnnotate({ tag: null, note: note.trim() });
          setNote('');
        }}
      >
        <label>
          Note
          <input
            data-testid="card-note"
            value={note}
            maxLength={10_000}
            onInput={(event) => setNote((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" disabled={busy || !note.trim()} data-testid="card-note-save">
          Save note
        </button>
      </form>
      {error && (
        <p class="card__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
