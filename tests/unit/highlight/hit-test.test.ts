import { describe, expect, it } from 'vitest';
import { spanAt } from '../../../utils/highlight/hit-test.ts';
import { TextMap } from '../../../utils/extract/text-map.ts';
import { parseHtml } from '../html.ts';

describe('hit-testing', () => {
  const spans = [
    { start: 0, end: 10, id: 'a' },
    { start: 12, end: 20, id: 'b' },
    { start: 30, end: 31, id: 'c' },
  ];

  it('finds the span holding an offset, end exclusive', () => {
    expect(spanAt(spans, 0)?.id).toBe('a');
    expect(spanAt(spans, 9)?.id).toBe('a');
    expect(spanAt(spans, 10)).toBeUndefined();
    expect(spanAt(spans, 15)?.id).toBe('b');
    expect(spanAt(spans, 30)?.id).toBe('c');
    expect(spanAt(spans, 31)).toBeUndefined();
    expect(spanAt([], 3)).toBeUndefined();
  });

  it('maps a DOM point back to its flat-text offset, and says null outside the map', () => {
    const doc = parseHtml(
      '<body><div id="r"><p>One <b>two</b> three.</p><p>Four.</p></div><p id="out">x</p></body>',
    );
    const map = TextMap.build(doc.getElementById('r') as Element);
    const two = doc.querySelector('b')?.firstChild as Node;
    expect(map.offsetOf(two, 1)).toBe(map.text.indexOf('two') + 1);
    expect(map.offsetOf(doc.getElementById('out')?.firstChild as Node, 0)).toBeNull();
  });
});
