import type { Stance } from '../detect/pack.ts';

/** The contract's names: one `Highlight` per stance in `CSS.highlights`. */
export const HIGHLIGHT_NAMES: Record<Stance, string> = {
  overcapacity: 'claimlens-overcapacity',
  demand: 'claimlens-demand',
  neutral: 'claimlens-neutral',
};

/** The parts of the CSS Custom Highlight API this module uses, so it runs against a fake in tests. */
export interface HighlightRegistryLike<R> {
  set(name: string, highlight: HighlightLike<R>): unknown;
  delete(name: string): unknown;
}
export interface HighlightLike<R> {
  add(range: R): unknown;
}

/**
 * Replaces the stance highlights with these ranges: one `Highlight` per stance that has claims, and none left
 * behind for a stance that has none.
 */
export function paintStances<R>(
  registry: HighlightRegistryLike<R>,
  newHighlight: () => HighlightLike<R>,
  ranges: readonly { stance: Stance; range: R }[],
): void {
  const byStance = new Map<Stance, HighlightLike<R>>();
  for (const { stance, range } of ranges) {
    let highlight = byStance.get(stance);
    if (!highlight) {
      highlight = newHighlight();
      byStance.set(stance, highlight);
    }
    highlight.add(range);
  }
  for (const [stance, name] of Object.entries(HIGHLIGHT_NAMES) as [Stance, string][]) {
    const highlight = byStance.get(stance);
    if (highlight) registry.set(name, highlight);
    else registry.delete(name);
  }
}
