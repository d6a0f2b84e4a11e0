import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { ClaimCard, type Verdict } from '../../components/ClaimCard.tsx';
import type { PaintedClaim } from './page-claims.ts';
import cardCss from './card.css?inline';

/** Gap between the claim's text and the card. */
const CARD_GAP_PX = 8;
const CARD_WIDTH_PX = 320;

/**
 * The one in-page card, in an open shadow root whose host exists only while the card is shown: until the
 * reader hovers or clicks a claim, ClaimLens adds nothing to the page.
 */
export class CardUi {
  private ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  private shown: PaintedClaim | null = null;
  private busy = false;
  private error: string | null = null;
  private focusOnRender = false;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly onVerdict: (claim: PaintedClaim, verdict: Verdict) => Promise<void>,
  ) {}

  get current(): PaintedClaim | null {
    return this.shown;
  }

  /** Whether a viewport point is over the card itself (so moving onto it does not close it). */
  contains(x: number, y: number): boolean {
    const card = this.ui?.shadow.querySelector('.card');
    const rect = card?.getBoundingClientRect();
    return !!rect && x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
  }

  /** Shows the card for a claim; `focus` moves keyboard focus into it (on click, not on hover). */
  async show(claim: PaintedClaim, focus: boolean): Promise<void> {
    this.shown = claim;
    this.error = null;
    this.focusOnRender = focus;
    if (!this.ui) {
      this.ui = await createShadowRootUi(this.ctx, {
        name: 'claimlens-ui',
        position: 'inline',
        anchor: 'html',
        append: 'last',
        css: cardCss,
        isolateEvents: true,
        onMount: (container) => container,
        onRemove: (container) => {
          if (container) render(null, container);
        },
      });
      this.ui.mount();
    }
    this.render();
  }

  hide(): void {
    this.shown = null;
    this.ui?.remove();
    this.ui = null;
  }

  private render(): void {
    const container = this.ui?.mounted;
    const claim = this.shown;
    if (!container || !claim) return;
    render(
      <div style={this.position(claim.range)}>
        <ClaimCard
          claim={{ ...claim.claim, corrected: claim.corrected }}
          busy={this.busy}
          error={this.error}
          onClose={() => this.hide()}
          onVerdict={(verdict) => void this.decide(claim, verdict)}
        />
      </div>,
      container,
    );
    if (this.focusOnRender) {
      this.focusOnRender = false;
      this.ui?.shadow.querySelector<HTMLElement>('.card__actions button')?.focus({ preventScroll: true });
    }
  }

  private async decide(claim: PaintedClaim, verdict: Verdict): Promise<void> {
    this.busy = true;
    this.render();
    try {
      await this.onVerdict(claim, verdict);
      this.error = null;
    } catch (error) {
      this.error = `Could not save: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
    if (verdict === null) this.hide();
    else this.render();
  }

  /** Under the claim's last line when there is room, above it otherwise; always inside the viewport. */
  private position(range: Range): Record<string, string> {
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
    const below = last.bottom + CARD_GAP_PX;
    const top = below + 220 < innerHeight ? below : Math.max(CARD_GAP_PX, last.top - 220 - CARD_GAP_PX);
    const left = Math.min(Math.max(CARD_GAP_PX, last.left), innerWidth - CARD_WIDTH_PX - CARD_GAP_PX);
    return { position: 'fixed', top: `${top}px`, left: `${left}px`, zIndex: '2147483647' };
  }
}
