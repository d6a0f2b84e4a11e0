import type { Span } from '../text/segment.ts';
import { BLOCK_TAGS, isElement, isExcluded, isText } from './dom.ts';

/** Stands between two blocks in the flat text: a paragraph break, so no sentence runs across blocks. */
const BLOCK_BREAK = '\n\n';

export interface DomPoint {
  node: Text;
  offset: number;
}

/**
 * The article's text as one string, walked once, with a way back from any offset to the text node it came
 * from. White space inside a node is replaced one for one by spaces (so offsets map back linearly, and a
 * source-code line break never splits a sentence); block boundaries become paragraph breaks that belong to no
 * node.
 */
export class TextMap {
  readonly text: string;
  /** Each block's span in `text`. */
  readonly blocks: Span[];
  private readonly nodes: Text[];
  private readonly starts: number[];
  /** Built on first use: the way from a node back to its place in `text` (hover and selection need it). */
  private indexOfNode: Map<Node, number> | undefined;

  private constructor(text: string, blocks: Span[], nodes: Text[], starts: number[]) {
    this.text = text;
    this.blocks = blocks;
    this.nodes = nodes;
    this.starts = starts;
  }

  /** Walks the text of `root`, leaving out excluded subtrees and any element `skip` rejects. */
  static build(root: Node, skip: (el: Element) => boolean = isExcluded): TextMap {
    const parts: string[] = [];
    const blocks: Span[] = [];
    const nodes: Text[] = [];
    const starts: number[] = [];
    let length = 0;
    let blockStart = -1;
    let pendingBreak = false;

    const closeBlock = () => {
      if (blockStart >= 0) blocks.push({ start: blockStart, end: length });
      blockStart = -1;
      pendingBreak = true;
    };
    const visit = (node: Node, isRoot = false): void => {
      if (isText(node)) {
        const data = node.data;
        if (data.length === 0) return;
        if (blockStart < 0 && /^\s*$/.test(data)) return;
        if (blockStart < 0) {
          if (pendingBreak && length > 0) {
            parts.push(BLOCK_BREAK);
            length += BLOCK_BREAK.length;
          }
          blockStart = length;
        }
        nodes.push(node);
        starts.push(length);
        parts.push(data.replace(/[\n\r\t\f]/g, ' '));
        length += data.length;
        return;
      }
      if (!isElement(node)) return;
      if (!isRoot && skip(node)) {
        if (BLOCK_TAGS.has(node.tagName.toUpperCase())) closeBlock();
        return;
      }
      const block = BLOCK_TAGS.has(node.tagName.toUpperCase());
      if (block) closeBlock();
      for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
      if (block) closeBlock();
    };
    visit(root, true);
    closeBlock();
    return new TextMap(parts.join(''), blocks, nodes, starts);
  }

  /** Index of the node holding `offset`; with `endAffinity`, an offset at a node boundary belongs to the earlier node. */
  private nodeIndexAt(offset: number, endAffinity: boolean): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const start = this.starts[mid] ?? 0;
      if (start < offset || (!endAffinity && start === offset)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The DOM point of a flat-text offset. A start offset (`endAffinity` false) binds to the node that begins
   * there; an end offset binds to the node that ends there, so a range never starts or ends in a neighbour.
   */
  pointAt(offset: number, endAffinity = false): DomPoint | null {
    if (this.nodes.length === 0 || offset < 0 || offset > this.text.length) return null;
    const index = this.nodeIndexAt(offset, endAffinity);
    const node = this.nodes[index];
    const start = this.starts[index];
    if (!node || start === undefined) return null;
    // An offset inside a block break belongs to no node: clamp to the nearest node's edge.
    return { node, offset: Math.max(0, Math.min(offset - start, node.data.length)) };
  }

  /** Start and end DOM points of a flat-text span: what a `Range` needs. */
  rangePoints(span: Span): { start: DomPoint; end: DomPoint } | null {
    const start = this.pointAt(span.start, false);
    const end = this.pointAt(span.end, true);
    return start && end ? { start, end } : null;
  }

  /** A live `Range` over a flat-text span, made by the document the text belongs to; null for an empty map. */
  rangeOf(span: Span): Range | null {
    const points = this.rangePoints(span);
    const range = points?.start.node.ownerDocument?.createRange();
    if (!points || !range) return null;
    range.setStart(points.start.node, points.start.offset);
    range.setEnd(points.end.node, points.end.offset);
    return range;
  }

  /** The flat-text offset of a DOM point inside one of the walked text nodes, or null for any other node. */
  offsetOf(node: Node, offset: number): number | null {
    this.indexOfNode ??= new Map(this.nodes.map((n, i) => [n, i]));
    const index = this.indexOfNode.get(node);
    const start = index === undefined ? undefined : this.starts[index];
    if (start === undefined) return null;
    return start + Math.max(0, Math.min(offset, (node as Text).data.length));
  }

  /**
   * The flat-text offset of a range boundary, which may sit on an element ("after the second child") rather
   * than in a text node, as selections often do: a start moves to the next walked text, an end to the
   * previous one. Null when no walked text lies on that side.
   */
  offsetOfBoundary(node: Node, offset: number, side: 'start' | 'end'): number | null {
    const direct = node.nodeType === 3 ? this.offsetOf(node, offset) : null;
    if (direct !== null) return direct;
    const doc = node.ownerDocument;
    if (!doc || this.nodes.length === 0) return null;
    const boundary = doc.createRange();
    boundary.setStart(node, offset);
    // Binary search for the first walked text node at or after the boundary.
    let lo = 0;
    let hi = this.nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const text = this.nodes[mid] as Text;
      if (boundary.comparePoint(text, side === 'start' ? 0 : text.data.length) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (side === 'start') {
      const start = this.starts[lo];
      return start === undefined ? null : start;
    }
    const previous = this.nodes[lo - 1];
    const start = this.starts[lo - 1];
    return previous && start !== undefined ? start + previous.data.length : null;
  }
}
