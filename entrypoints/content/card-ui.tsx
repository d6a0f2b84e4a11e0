import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ClaimCard, type Verdict } from '../../components/ClaimCard.tsx';
import type { TagDefinition } from '../../utils/annotate/tags.ts';
import type { PaintedClaim } from './page-claims.ts';
import { placeNear, ShadowPanel } from './shadow-panel.ts';
import cardCss from './card.css?inline';

const CARD_WIDTH_PX = 320;
const CARD_HEIGHT_PX = 300;

/** What the card does with the reader's choices. */
export interface CardActions {
  verdict(claim: PaintedClaim, verdict: Verdict): Promise<void>;
  annotate(claim: PaintedClaim, what: { tag: string | null; note: string | null }): Promise<void>;
  tags(): readonly TagDefinition[];
}

/** The one in-page card for a claim: why it is one, and the reader's ways to correct it. */
export class CardUi {
  private readonly panel: ShadowPanel;
  private shown: PaintedClaim | null = null;
  private busy = false;
  private error: string | null = null;

  constructor(
    ctx: ContentScriptContext,
    private readonly actions: CardActions,
  ) {
    this.panel = new ShadowPanel(ctx, 'claimlens-card', cardCss);
  }

  get current(): PaintedClaim | null {
    return this.shown;
  }

  contains(x: number, y: number): boolean {
    return this.panel.contains(x, y);
  }

  /** Shows the card for a claim; `focus` moves keyboard focus into it (on click, not on hover). */
  async show(claim: PaintedClaim, focus: boolean): Promise<void> {
    this.shown = claim;
    this.error = null;
    await this.render();
    if (focus) this.panel.focusFirst('.card__actions button');
  }

  /** Draws the open card again: what it offers changed (the reader's own tags arrived after it opened). */
  refresh(): void {
    void this.render();
  }

  hide(): void {
    this.shown = null;
    this.panel.hide();
  }

  private async render(): Promise<void> {
    const claim = this.shown;
    if (!claim) return;
    await this.panel.show(
      <div style={placeNear(claim.range, CARD_WIDTH_PX, CARD_HEIGHT_PX)}>
        <ClaimCard
          claim={{ ...claim.claim, corrected: claim.corrected }}
          busy={this.busy}
          error={this.error}
          tags={this.actions.tags()}
          onClose={() => this.hide()}
          onVerdict={(verdict) => void this.act(() => this.actions.verdict(claim, verdict), verdict === null)}
          onAnnotate={(what) => void this.act(() => this.actions.annotate(claim, what), false)}
        />
      </div>,
    );
  }

  /** Runs one of the reader's choices, showing it is busy and any failure; `closes` hides the card after. */
  private async act(work: () => Promise<void>, closes: boolean): Promise<void> {
    this.busy = true;
    await this.render();
    try {
      await work();
      this.error = null;
    } catch (error) {
      this.error = `Could not save: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
    if (closes && !this.error) this.hide();
    else await this.render();
  }
}
