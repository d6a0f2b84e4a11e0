import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_NAMES, paintStances, type HighlightLike } from '../../../utils/highlight/paint.ts';

class FakeHighlight implements HighlightLike<string> {
  readonly ranges: string[] = [];
  add(range: string) {
    this.ranges.push(range);
  }
}

describe('paintStances', () => {
  it('puts one highlight per stance under the contract names and removes stances left without claims', () => {
    const registry = new Map<string, FakeHighlight>([['claimlens-neutral', new FakeHighlight()]]);
    paintStances(registry, () => new FakeHighlight(), [
      { stance: 'overcapacity', range: 'a' },
      { stance: 'demand', range: 'b' },
      { stance: 'overcapacity', range: 'c' },
    ]);
    expect([...registry.keys()].sort()).toEqual(['claimlens-demand', 'claimlens-overcapacity']);
    expect(registry.get(HIGHLIGHT_NAMES.overcapacity)?.ranges).toEqual(['a', 'c']);
    expect(registry.get(HIGHLIGHT_NAMES.demand)?.ranges).toEqual(['b']);
  });

  it('leaves other highlights alone', () => {
    const registry = new Map<string, FakeHighlight>([['page-own', new FakeHighlight()]]);
    paintStances(registry, () => new FakeHighlight(), []);
    expect([...registry.keys()]).toEqual(['page-own']);
  });
});
