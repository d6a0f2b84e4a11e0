import { useEffect, useState } from 'preact/hooks';
import { DELETE_EVERYTHING_PHRASE, type DeleteRequest, type TrashSummary } from '../../utils/db/trash.ts';
import { send } from './store.ts';

type Notice =
  | { kind: 'deleted'; trash: TrashSummary }
  | { kind: 'restored'; text: string }
  | { kind: 'failed'; text: string };

/**
 * Deleting, never silently: every delete is announced with an Undo button that lasts as long as its window,
 * and the delete of everything asks the reader to type what they mean first.
 */
export function useDelete() {
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    if (notice?.kind !== 'deleted') return;
    // Once the window has passed the background refuses the undo: the button goes with it.
    const timer = setTimeout(() => setNotice(null), Date.parse(notice.trash.expiresAt) - Date.now());
    return () => clearTimeout(timer);
  }, [notice]);

  const remove = async (scope: DeleteRequest) => {
    try {
      const reply = await send({ type: 'library/delete', scope });
      setNotice(reply.ok ? { kind: 'deleted', trash: reply.trash } : { kind: 'failed', text: reply.error });
    } catch (error) {
      setNotice({ kind: 'failed', text: `Nothing was deleted. ${(error as Error).message}` });
    }
  };

  const undo = async (trash: TrashSummary) => {
    try {
      const reply = await send({ type: 'library/restore', trashId: trash.id });
      setNotice(
        reply.ok
          ? { kind: 'restored', text: `Restored ${reply.trash.label}.` }
          : { kind: 'failed', text: reply.error },
      );
    } catch (error) {
      setNotice({ kind: 'failed', text: `Could not undo. ${(error as Error).message}` });
    }
  };

  const view =
    notice === null ? null : notice.kind === 'failed' ? (
      <p role="alert" class="toast" data-testid="delete-error">
        {notice.text}
      </p>
    ) : (
      <div role="status" class="toast" data-testid="delete-toast">
        {notice.kind === 'restored' ? (
          notice.text
        ) : (
          <>
            Deleted {notice.trash.label}: {notice.trash.articles} articles, {notice.trash.claims} claims,{' '}
            {notice.trash.annotations} annotations.{' '}
            <button type="button" data-testid="undo-delete" onClick={() => void undo(notice.trash)}>
              Undo
            </button>
          </>
        )}
      </div>
    );
  return { remove, view };
}

/** "Delete everything", only once the reader has typed the phrase that says they mean it. */
export function DeleteEverything({ remove }: { remove: (scope: DeleteRequest) => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  if (!asking)
    return (
      <button type="button" class="danger" data-testid="delete-everything" onClick={() => setAsking(true)}>
        Delete everything…
      </button>
    );
  const confirmed = typed.trim().toLowerCase() === DELETE_EVERYTHING_PHRASE;
  return (
    <form
      class="confirm"
      aria-label="Confirm deleting everything"
      onSubmit={(event) => {
        event.preventDefault();
        if (!confirmed) return;
        setAsking(false);
        setTyped('');
        void remove({ kind: 'everything', confirm: DELETE_EVERYTHING_PHRASE });
      }}
    >
      <label>
        Every article, claim, annotation, correction, tag and topic pack of yours will be deleted. Type{' '}
        <kbd>{DELETE_EVERYTHING_PHRASE}</kbd> to confirm:{' '}
        <input
          data-testid="confirm-delete-input"
          value={typed}
          onInput={(event) => setTyped((event.currentTarget as HTMLInputElement).value)}
          autoFocus
        />
      </label>{' '}
      <button type="submit" class="danger" data-testid="confirm-delete" disabled={!confirmed}>
        Delete everything
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </form>
  );
}
