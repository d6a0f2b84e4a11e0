import { render, type ComponentChild } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';

/**
 * One piece of in-page UI in an open shadow root whose host exists only while the piece is shown: until the
 * reader interacts, ClaimLens adds nothing to the page, and it takes its host away when the piece closes.
 */
export class ShadowPanel {
  private ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  private opening: Promise<ShadowRootContentScriptUi<HTMLElement>> | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly name: string,
    private readonly css: string,
  ) {}

  get isOpen(): boolean {
    return this.ui !== null;
  }

  get root(): ShadowRoot | null {
    return this.ui?.shadow ?? null;
  }

  /** Renders `content` into the panel, creating its host first if it is closed. */
  async show(content: ComponentChild): Promise<void> {
    this.opening ??= createShadowRootUi(this.ctx, {
      name: this.name,
      position: 'inline',
      anchor: 'html',
      append: 'last',
      css: this.css,
      isolateEvents: true,
      onMount: (container) => container,
      onRemove: (container) => {
        if (container) render(null, container);
      },
    }).then((ui) => {
      ignoreScriptedEvents(ui.shadow);
      ui.mount();
      this.ui = ui;
      return ui;
    });
    const ui = await this.opening;
    if (ui.mounted) render(content, ui.mounted);
  }

  /** Removes the panel and its host from the page. */
  hide(): void {
    this.ui?.remove();
    this.ui = null;
    this.opening = null;
  }

  /** Whether a viewport point is over the panel's first element (so moving onto it does not close it). */
  contains(x: number, y: number): boolean {
    const rect = this.ui?.mounted?.firstElementChild?.getBoundingClientRect();
    return !!rect && x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
  }

  focusFirst(selector: string): void {
    this.ui?.shadow.querySelector<HTMLElement>(selector)?.focus({ preventScroll: true });
  }
}

/** What a reader does in a panel; a page's script can fake each of them, but never make it trusted. */
const READER_EVENTS = ['click', 'submit', 'input', 'change', 'keydown', 'pointerdown', 'mousedown'] as const;

/**
 * The shadow root is open (the contract's tests reach into it), so page scripts can reach its buttons: an
 * event the browser did not make from the reader's input is stopped before any of ClaimLens's handlers.
 */
function ignoreScriptedEvents(root: ShadowRoot): void {
  for (const type of READER_EVENTS)
    root.addEventListener(
      type,
      (event) => {
        if (event.isTrusted) return;
        event.stopImmediatePropagation();
        event.preventDefault();
      },
      { capture: true },
    );
}

/** Where to put a panel of `width` × `height` next to a range's last line: below it, or above if no room. */
export function placeNear(range: Range, width: number, height: number, gap = 8): Record<string, string> {
  const rects = range.getClientRects();
  const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
  const below = last.bottom + gap;
  const top = below + height < innerHeight ? below : Math.max(gap, last.top - height - gap);
  const left = Math.min(Math.max(gap, last.left), innerWidth - width - gap);
  return { position: 'fixed', top: `${top}px`, left: `${left}px`, zIndex: '2147483647' };
}
