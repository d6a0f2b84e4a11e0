import { describe, expect, it } from 'vitest';
import { TextMap } from '../../../utils/extract/text-map.ts';
import { parseHtml } from '../html.ts';

function mapOf(html: string) {
  const doc = parseHtml(`<body><div id="root">${html}</div></body>`);
  const root = doc.getElementById('root');
  if (!root) throw new Error('no root');
  return TextMap.build(root);
}

describe('TextMap', () => {
  it('joins inline text and separates blocks with paragraph breaks', () => {
    const map = mapOf('<p>Meta <em>owns</em> GPUs.</p><p>Second\n   block.</p>');
    expect(map.text).toBe('Meta owns GPUs.\n\nSecond    block.');
    expect(map.blocks.map((b) => map.text.slice(b.start, b.end))).toEqual([
      'Meta owns GPUs.',
      'Second    block.',
    ]);
  });

  it('leaves out scripts, buttons, captions, hidden and furniture elements', () => {
    const map = mapOf(
      '<p>Kept.</p><script>var x = "glut";</script><button>Share</button><figure><figcaption>Caption</figcaption></figure>' +
        '<p hidden>Hidden.</p><div class="share-bar">Share this</div><p style="display: none">None.</p><p>Also kept.</p>',
    );
    expect(map.text).toBe('Kept.\n\nAlso kept.');
  });

  it('maps offsets back to the exact text node and offset', () => {
    const map = mapOf('<p>Meta <em>owns</em> GPUs.</p><p>Next.</p>');
    const owns = map.text.indexOf('owns');
    const start = map.pointAt(owns);
    expect(start?.node.data).toBe('owns');
    expect(start?.offset).toBe(0);
    // An end offset at a node boundary stays in the node it ends.
    const end = map.pointAt(owns + 4, true);
    expect(end?.node.data).toBe('owns');
    expect(end?.offset).toBe(4);
    const next = map.rangePoints({ start: map.text.indexOf('Next'), end: map.text.length });
    expect(next?.start.node.data).toBe('Next.');
    expect(next?.end.offset).toBe(5);
  });

  it('keeps every character of every kept node, so offsets are linear within a node', () => {
    const map = mapOf('<p>α😀β\tγ</p>');
    const point = map.pointAt(map.text.indexOf('β'));
    expect(point?.node.data.slice(point.offset)).toBe('β\tγ');
  });

  it('is empty for a root without text', () => {
    const map = mapOf('<div> </div>');
    expect(map.text).toBe('');
    expect(map.pointAt(0)).toBeNull();
  });
});
