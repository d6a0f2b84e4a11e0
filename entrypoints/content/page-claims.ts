import type { AnalyzedClaim } from '../../utils/analyze.ts';
import type { Stance } from '../../utils/detect/pack.ts';
import type { TextMap } from '../../utils/extract/text-map.ts';
import { spanAt } from '../../utils/highlight/hit-test.ts';
import { paintStances } from '../../utils/highlight/paint.ts';

export interface PaintedClaim {
  claim: AnalyzedClaim;
  range: Range;
  /** The reader gave their word on it in this visit. */
  corrected: boolean;
}

/** One analysed stretch of the page (the article, or content that arrived later) and its claims. */
interface Segment {
  map: TextMap;
  painted: PaintedClaim[];
}

/**
 * The claims painted on this page, stretch by stretch as content arrives, and the way from a point on screen
 * back to one of them.
 */
export class PageClaims {
  private segments: Segment[] = [];
  private visible = true;

  /** Paints the claims of one analysed stretch, next to those already painted; returns how many got a range. */
  add(map: TextMap, claims: readonly AnalyzedClaim[]): number {
    const painted: PaintedClaim[] = [];
    for (const claim of claims) {
      const range = map.rangeOf(claim);
      if (range && onPage(range)) painted.push({ claim, range, corrected: false });
    }
    this.segments.push({ map, painted });
    this.repaint();
    return painted.length;
  }

  /** Forgets every claim (the page became another article, as single-page apps do). */
  clear(): void {
    this.segments = [];
    this.repaint();
  }

  /** Lets go of claims whose text the page removed, and repaints if any went. */
  prune(): void {
    let gone = false;
    for (const segment of this.segments) {
      const kept = segment.painted.filter((p) => onPage(p.range));
      gone ||= kept.length !== segment.painted.length;
      segment.painted = kept;
    }
    if (gone) this.repaint();
  }

  /** Every painted claim, in the order the stretches were analysed. */
  get all(): PaintedClaim[] {
    return this.segments.flatMap((s) => s.painted);
  }

  /** Whether a node was already analysed (so a mutation that only touched old content costs nothing). */
  covers(node: Node): boolean {
    return this.segments.some((s) => s.map.offsetOf(node, 0) !== null);
  }

  /** Changes one claim's stance (or removes it, for "not a claim") and repaints at once. */
  update(target: PaintedClaim, stance: Stance | null): void {
    for (const segment of this.segments) {
      if (stance === null) segment.painted = segment.painted.filter((p) => p !== target);
    }
    if (stance !== null)
      Object.assign(target, { claim: { ...target.claim, stance, confidence: 0.99 }, corrected: true });
    this.repaint();
  }

  /** The claim under a viewport point, if the point is really on its text (not just nearest to it). */
  at(x: number, y: number): PaintedClaim | undefined {
    const caret = caretAt(x, y);
    if (!caret) return undefined;
    for (const { map, painted } of this.segments) {
      const offset = map.offsetOf(caret.node, caret.offset);
      if (offset === null) continue;
      const found = spanAt(
        painted.map((p) => ({ start: p.claim.start, end: p.claim.end, painted: p })),
        offset,
      )?.painted;
      if (!found) return undefined;
      for (const rect of found.range.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return found;
      }
      return undefined;
    }
    return undefined;
  }

  /** Hides the highlights on this page only (the reader's wish from the popup), or shows them again. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.repaint();
  }

  private repaint(): void {
    paintStances(
      CSS.highlights,
      () => new Highlight(),
      (this.visible ? this.all : []).map((p) => ({ stance: p.claim.stance, range: p.range })),
    );
  }
}

/** Whether a painted text is still in the page: a live range collapses when the page removes its text. */
export const onPage = (range: Range) => !range.collapsed && range.commonAncestorContainer.isConnected;

/** The text position under a point: Chromium has caretRangeFromPoint, Firefox caretPositionFromPoint. */
function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
