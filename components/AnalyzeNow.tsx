import { useState } from 'preact/hooks';

/** With auto-analysis off, the reader's way to have the open page analysed now. */
export function AnalyzeNow({ analyze }: { analyze: () => Promise<void> }) {
  const [status, setStatus] = useState<{ kind: 'idle' | 'asked' | 'failed'; text: string }>({
    kind: 'idle',
    text: '',
  });
  return (
    <p class="analyze-now">
      <button
        type="button"
        data-testid="analyze-now"
        onClick={() =>
          void analyze().then(
            () => setStatus({ kind: 'asked', text: 'Analysing this page…' }),
            // A browser page, or a tab opened before ClaimLens was installed, has no ClaimLens to ask.
            () =>
              setStatus({
                kind: 'failed',
                text: 'ClaimLens cannot read this page; reload it and try again.',
              }),
          )
        }
      >
        Analyse this page
      </button>{' '}
      {status.kind === 'idle' ? (
        <span class="muted">Auto-analysis is off.</span>
      ) : (
        <span role={status.kind === 'failed' ? 'alert' : 'status'}>{status.text}</span>
      )}
    </p>
  );
}
