import { useState } from 'preact/hooks';
import type { TagDefinition } from '../utils/annotate/tags.ts';
import { TagSwatch } from './TagSwatch.tsx';

/**
 * The toolbar over a selection: one button per tag (built-in and the reader's own), a note, and a new tag.
 * Buttons keep the page's selection (no focus stealing on mousedown); every label is text.
 */
export function SelectionToolbar({
  tags,
  busy,
  error,
  onTag,
  onNote,
  onNewTag,
  onClose,
}: {
  tags: readonly TagDefinition[];
  busy: boolean;
  error: string | null;
  onTag: (tagId: string) => void;
  onNote: (note: string) => void;
  onNewTag: (label: string) => void;
  onClose: () => void;
}) {
  const [mode, setMode] = useState<'tags' | 'note' | 'new-tag'>('tags');
  const [text, setText] = useState('');
  const keepSelection = (event: MouseEvent) => event.preventDefault();
  return (
    <div
      class="toolbar"
      role="toolbar"
      aria-label="Tag selection with ClaimLens"
      data-testid="selection-toolbar"
      onMouseDown={keepSelection}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      {mode === 'tags' && (
        <>
          {tags.map((tag) => (
            <button
              key={tag.id}
              type="button"
              disabled={busy}
              data-testid={`tag-${tag.id}`}
              onClick={() => onTag(tag.id)}
            >
              <TagSwatch tag={tag} />
              {tag.label}
            </button>
          ))}
          <button type="button" disabled={busy} data-testid="note-open" onClick={() => setMode('note')}>
            Note…
          </button>
          <button
            type="button"
            disabled={busy}
            aria-label="New tag"
            data-testid="new-tag-open"
            onClick={() => setMode('new-tag')}
          >
            + Tag
          </button>
        </>
      )}
      {mode !== 'tags' && (
        <form
          class="toolbar__form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!text.trim()) return;
            if (mode === 'note') onNote(text.trim());
            else onNewTag(text.trim());
          }}
        >
          <label>
            {mode === 'note' ? 'Note' : 'New tag'}
            {mode === 'note' ? (
              <textarea
                data-testid="note-input"
                rows={3}
                value={text}
                onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
              />
            ) : (
              <input
                data-testid="new-tag-input"
                maxLength={40}
                value={text}
                onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
              />
            )}
          </label>
          <button type="submit" disabled={busy} data-testid={mode === 'note' ? 'note-save' : 'new-tag-save'}>
            Save
          </button>
          <button type="button" onClick={() => setMode('tags')}>
            Back
          </button>
        </form>
      )}
      {error && (
        <p class="toolbar__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
