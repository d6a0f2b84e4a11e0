import type { Span } from '../text/segment.ts';

/** The span holding `offset`, by binary search over spans sorted by start and not overlapping. */
export function spanAt<T extends Span>(spans: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid];
    if (!span) break;
    if (offset < span.start) hi = mid - 1;
    else if (offset >= span.end) lo = mid + 1;
    else return span;
  }
  return undefined;
}
