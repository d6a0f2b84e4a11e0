import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CardUi, type CardActions } from './card-ui.tsx';
import type { PageClaims, PaintedClaim } from './page-claims.ts';

/** How long the pointer rests on a claim before its card opens, and off it before the card closes. */
const OPEN_DELAY_MS = 350;
const CLOSE_DELAY_MS = 500;

/** What the page can ask of the claim cards. */
export interface ClaimCards {
  /** Keyboard reading: opens the next claim's card (from the top, or after the one open), focused. */
  next(): void;
  /** Draws the open card again, if one is open (the tags it offers changed). */
  refresh(): void;
}

/**
 * Opens a claim's card when the pointer rests on it or the reader clicks it. Listening adds nothing to the
 * page; the card's host is created only when a card opens.
 */
export function watchClaims(ctx: ContentScriptContext, claims: PageClaims, actions: CardActions): ClaimCards {
  const card = new CardUi(ctx, actions);
  let pending: PaintedClaim | undefined;
  let openTimer: number | undefined;
  let closeTimer: number | undefined;
  let frame = 0;
  let pinned = false;

  const onPointer = (x: number, y: number) => {
    const over = claims.at(x, y);
    if (over && over === card.current) {
      clearTimeout(closeTimer);
      return;
    }
    if (over !== pending) {
      pending = over;
      clearTimeout(openTimer);
      if (over) openTimer = ctx.setTimeout(() => void card.show(over, false), OPEN_DELAY_MS);
    }
    if (!over && card.current && !pinned && !card.contains(x, y)) {
      clearTimeout(closeTimer);
      closeTimer = ctx.setTimeout(() => card.hide(), CLOSE_DELAY_MS);
    } else if (card.contains(x, y)) clearTimeout(closeTimer);
  };

  ctx.addEventListener(
    document,
    'pointermove',
    (event) => {
      if (!event.isTrusted) return;
      // One hit test per frame at most, however fast the pointer moves.
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => onPointer(event.clientX, event.clientY));
    },
    { passive: true },
  );
  ctx.addEventListener(document, 'click', (event) => {
    // Only the reader opens a card: a page's script faking clicks or pointer moves opens nothing.
    if (!event.isTrusted) return;
    // Clicks inside ClaimLens's own UI (retargeted to its host) are the UI's, whether by mouse or keyboard.
    if ((event.target as Element | null)?.tagName?.startsWith('CLAIMLENS-')) return;
    if (card.contains(event.clientX, event.clientY)) return;
    const over = claims.at(event.clientX, event.clientY);
    pinned = !!over;
    if (over) void card.show(over, true);
    else if (card.current) card.hide();
  });
  return {
    // Keyboard-only reading: each call opens the next claim's card, scrolled into view, with focus in it.
    next: () => {
      const all = claims.all;
      if (all.length === 0) return;
      const at = card.current ? all.indexOf(card.current) : -1;
      const next = all[(at + 1) % all.length];
      if (!next) return;
      next.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      pinned = true;
      void card.show(next, true);
    },
    refresh: () => card.refresh(),
  };
}
