import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { SelectionToolbar } from '../../components/SelectionToolbar.tsx';
import { stanceOfTag, type TagDefinition } from '../../utils/annotate/tags.ts';
import type { Stance } from '../../utils/detect/pack.ts';
import type { PageAnnotations } from './annotations.ts';
import { placeNear, ShadowPanel } from './shadow-panel.ts';
import toolbarCss from './toolbar.css?inline';

/** The selection settles for this long before the toolbar appears (a drag fires many selection changes). */
const SETTLE_MS = 180;
const TOOLBAR_WIDTH_PX = 420;
const TOOLBAR_HEIGHT_PX = 48;

type Create = (label: string) => Promise<{ ok: true; tag: TagDefinition } | { ok: false; error: string }>;

/**
 * Shows the tagging toolbar over any text the reader selects, and turns a click on a tag (or a note) into an
 * annotation painted at once. Returns a way to open it on the current selection with keyboard focus in it.
 */
export function watchSelection(
  ctx: ContentScriptContext,
  annotations: PageAnnotations,
  createTag: Create,
): () => void {
  const panel = new ShadowPanel(ctx, 'claimlens-toolbar', toolbarCss);
  let selected: Range | null = null;
  let timer: number | undefined;
  let busy = false;
  let error: string | null = null;

  const close = () => {
    selected = null;
    error = null;
    panel.hide();
  };
  const render = async () => {
    if (!selected) return;
    await panel.show(
      <div style={placeNear(selected, TOOLBAR_WIDTH_PX, TOOLBAR_HEIGHT_PX)}>
        <SelectionToolbar
          tags={annotations.tags}
          busy={busy}
          error={error}
          onClose={close}
          onTag={(id) => void save({ tags: [id], note: null, stance: stanceOfTag(id) })}
          onNote={(note) => void save({ tags: [], note, stance: null })}
          onNewTag={(label) => void newTag(label)}
        />
      </div>,
    );
  };
  const save = async (what: { tags: string[]; note: string | null; stance: Stance | null }) => {
    const saving = selected;
    if (!saving) return;
    busy = true;
    void render();
    try {
      await annotations.annotate(saving, what);
      // The reader may have selected something else while it was stored: that selection and its toolbar stay.
      const selection = getSelection();
      if (selection && selection.rangeCount > 0 && sameSpan(selection.getRangeAt(0), saving))
        selection.removeAllRanges();
      if (selected === saving) close();
    } catch (failure) {
      error = `Not saved: ${(failure as Error).message}`;
      void render();
    } finally {
      busy = false;
    }
  };
  const newTag = async (label: string) => {
    const outcome = await createTag(label).catch((failure: unknown) => ({
      ok: false as const,
      error: String(failure),
    }));
    if (!outcome.ok) {
      error = outcome.error;
      void render();
      return;
    }
    // A label the reader already has gives back that tag: it is listed once.
    if (!annotations.tags.some((t) => t.id === outcome.tag.id))
      annotations.tags = [...annotations.tags, outcome.tag];
    await save({ tags: [outcome.tag.id], note: null, stance: null });
  };

  const openOnSelection = (focus: boolean) => {
    const selection = getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    if (!range || range.collapsed || !range.toString().trim()) return false;
    selected = range.cloneRange();
    error = null;
    void render().then(() => focus && panel.focusFirst('button'));
    return true;
  };

  ctx.addEventListener(document, 'selectionchange', () => {
    clearTimeout(timer);
    timer = ctx.setTimeout(() => {
      if (openOnSelection(false)) return;
      // Typing a note moves focus into the toolbar: that is not the reader letting go of the selection.
      if (!panel.isOpen || !document.activeElement?.tagName.startsWith('CLAIMLENS-')) close();
    }, SETTLE_MS);
  });
  return () => void openOnSelection(true);
}

/** Ranges in different trees (Firefox's selection is in the text field once the reader types a tag) differ. */
const sameSpan = (a: Range, b: Range) =>
  a.startContainer.getRootNode() === b.startContainer.getRootNode() &&
  a.compareBoundaryPoints(Range.START_TO_START, b) === 0 &&
  a.compareBoundaryPoints(Range.END_TO_END, b) === 0;
