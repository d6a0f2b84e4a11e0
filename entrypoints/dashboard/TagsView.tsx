import { useState } from 'preact/hooks';
import { useLiveQuery } from '../../components/use-live-query.ts';
import { defaultTagColor, MAX_TAG_LABEL_CHARS } from '../../utils/annotate/tags.ts';
import type { TagOverview } from '../../utils/db/tags.ts';
import type { Outcome } from '../../utils/messages.ts';
import { send, tags } from './store.ts';

type Status = { kind: 'idle' } | { kind: 'ok'; text: string } | { kind: 'error'; text: string };
/** A change that loses something, waiting for the reader's yes: what it does is said before it is done. */
type Pending = { kind: 'delete'; id: string } | { kind: 'merge'; id: string; into: string };

const annotationsCarry = (n: number, label: string) =>
  n === 0
    ? `No annotation carries “${label}”.`
    : `${n} ${n === 1 ? 'annotation carries' : 'annotations carry'} “${label}”.`;

/** Every tag, built in and the reader's own, with how many annotations carry it: rename, colour, merge, delete. */
export function TagsView() {
  const overview = useLiveQuery(() => tags.overview(), []);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [pending, setPending] = useState<Pending | null>(null);
  const run = async (work: () => Promise<Outcome<object>>, done: string) => {
    const outcome = await work().catch((error: unknown) => ({ ok: false as const, error: String(error) }));
    setStatus(outcome.ok ? { kind: 'ok', text: done } : { kind: 'error', text: outcome.error });
    if (outcome.ok) setPending(null);
  };
  if (overview.status === 'error') return <p role="alert">Could not read the tags: {overview.error}</p>;
  if (overview.status === 'loading') return null;
  const list = overview.value;
  const byId = new Map(list.map((t) => [t.id, t]));

  const confirmation = (tag: TagOverview) => {
    if (pending?.id !== tag.id) return null;
    const into = pending.kind === 'merge' ? byId.get(pending.into) : undefined;
    const consequence =
      pending.kind === 'delete'
        ? `${annotationsCarry(tag.annotations, tag.label)} Deleting the tag removes it from them; the annotations stay.`
        : `${annotationsCarry(tag.annotations, tag.label)} Merging gives them “${into?.label}” instead, and removes “${tag.label}”.`;
    const act =
      pending.kind === 'delete'
        ? () => run(() => send({ type: 'tags/delete', id: tag.id }), `“${tag.label}” deleted.`)
        : () =>
            run(
              () => send({ type: 'tags/merge', from: tag.id, into: pending.into }),
              `“${tag.label}” merged into “${into?.label}”.`,
            );
    return (
      <div class="tag__confirm" role="group" aria-label="Confirm">
        <p data-testid="tag-consequence">{consequence}</p>
        <button type="button" data-testid={`tag-${pending.kind}-confirm`} onClick={() => void act()}>
          {pending.kind === 'delete' ? 'Delete the tag' : 'Merge'}
        </button>
        <button type="button" onClick={() => setPending(null)}>
          Cancel
        </button>
      </div>
    );
  };

  return (
    <section id="tags" aria-labelledby="tags-heading">
      <h2 id="tags-heading">Tags</h2>
      <p class="muted">
        Rename, colour, merge or delete your tags; built-in tags take a colour. Annotations are never removed
        with a tag. Pages you open from now on show the changes.
      </p>
      <ul class="tag-list">
        {list.map((tag) => (
          <li key={tag.id} class="tag" data-testid="tag-row" data-tag-id={tag.id}>
            {tag.builtIn ? (
              <span class="tag__label">
                <strong>{tag.label}</strong> <span class="muted">built in</span>
              </span>
            ) : (
              <RenameForm
                key={tag.label}
                tag={tag}
                onRename={(label) =>
                  run(() => send({ type: 'tags/rename', id: tag.id, label }), `Renamed to “${label.trim()}”.`)
                }
              />
            )}
            <span class="muted" data-testid="tag-count">
              {tag.annotations} {tag.annotations === 1 ? 'annotation' : 'annotations'}
            </span>
            <span class="tag__actions">
              <input
                type="color"
                aria-label={`Colour of ${tag.label}`}
                data-testid="tag-color"
                value={tag.color ?? defaultTagColor(tag.id)}
                onChange={(event) => {
                  const color = (event.currentTarget as HTMLInputElement).value;
                  void run(
                    () => send({ type: 'tags/set-color', id: tag.id, color }),
                    `“${tag.label}”: ${color}.`,
                  );
                }}
              />
              {tag.color && (
                <button
                  type="button"
                  data-testid="tag-color-reset"
                  onClick={() =>
                    void run(
                      () => send({ type: 'tags/set-color', id: tag.id, color: null }),
                      `“${tag.label}”: default colour.`,
                    )
                  }
                >
                  Default colour
                </button>
              )}
              {!tag.builtIn && (
                <>
                  <select
                    aria-label={`Merge ${tag.label} into another tag`}
                    data-testid="tag-merge"
                    value=""
                    onChange={(event) => {
                      const into = (event.currentTarget as HTMLSelectElement).value;
                      if (into) setPending({ kind: 'merge', id: tag.id, into });
                    }}
                  >
                    <option value="">Merge into…</option>
                    {list
                      .filter((other) => other.id !== tag.id)
                      .map((other) => (
                        <option key={other.id} value={other.id}>
                          {other.label}
                        </option>
                      ))}
                  </select>
                  <button
                    type="button"
                    data-testid="tag-delete"
                    onClick={() => setPending({ kind: 'delete', id: tag.id })}
                  >
                    Delete…
                  </button>
                </>
              )}
            </span>
            {confirmation(tag)}
          </li>
        ))}
      </ul>
      {status.kind === 'ok' && (
        <p role="status" data-testid="tag-result">
          {status.text}
        </p>
      )}
      {status.kind === 'error' && (
        <p role="alert" data-testid="tag-result">
          {status.text}
        </p>
      )}
    </section>
  );
}

/** The tag's label, editable in place; Enter or Rename stores it. */
function RenameForm({ tag, onRename }: { tag: TagOverview; onRename: (label: string) => Promise<void> }) {
  const [draft, setDraft] = useState(tag.label);
  return (
    <form
      class="tag__label"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim() !== tag.label) void onRename(draft);
      }}
    >
      <input
        aria-label={`Label of ${tag.label}`}
        data-testid="tag-rename"
        maxLength={MAX_TAG_LABEL_CHARS}
        value={draft}
        onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" data-testid="tag-rename-save">
        Rename
      </button>
    </form>
  );
}
