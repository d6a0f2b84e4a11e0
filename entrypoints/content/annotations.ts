import { resolveSelectors } from '../../utils/anchor/resolve.ts';
import { groupBy } from '../../utils/group.ts';
import { describeSpan } from '../../utils/anchor/selectors.ts';
import { annotationHighlightName, BUILT_IN_TAGS, type TagDefinition } from '../../utils/annotate/tags.ts';
import type { AnnotationRecord } from '../../utils/db/schema.ts';
import { isUnrendered } from '../../utils/extract/dom.ts';
import { TextMap } from '../../utils/extract/text-map.ts';
import type { Span } from '../../utils/text/segment.ts';
import { utf16Counter } from '../../utils/text/tokens.ts';
import type { AnnotationInput } from '../../utils/model.ts';
import type { Message, MessageType, Reply } from '../../utils/messages.ts';
import { onPage } from './page-claims.ts';

type Send = <T extends MessageType>(message: Message<T>) => Promise<Reply<T>>;

/**
 * The reader's annotations on this page: found again on every visit (exact, by position, or fuzzy), painted
 * under `claimlens-annotation…` highlights, and new ones made from a selection. Their offsets count in the
 * page's visible text (the whole body, headline included), walked afresh each time: the page may have changed.
 */
export class PageAnnotations {
  private painted: { record: AnnotationRecord; range: Range }[] = [];
  private names = new Set<string>();
  private visible = true;
  /** Every tag the reader can use (built-in and own, with their colours): the built-in ones until loaded. */
  tags: TagDefinition[] = [...BUILT_IN_TAGS];

  constructor(
    private articleUrl: string,
    private readonly send: Send,
    /** Told the tags (and so their colours) before anything is painted in them. */
    private readonly onTags: (tags: readonly TagDefinition[]) => void,
  ) {}

  /** Starts over for another article in the same document (single-page-app navigation). */
  reset(articleUrl: string): void {
    this.articleUrl = articleUrl;
    this.painted = [];
    this.paint();
  }

  /** Loads this page's annotations, anchors each, paints them and reports how each anchored. */
  async restore(): Promise<void> {
    const { annotations, tags } = await this.send({ type: 'annotations/for-page', url: this.articleUrl });
    this.tags = tags;
    this.onTags(tags);
    if (annotations.length === 0) return;
    const start = performance.now();
    const map = bodyMap();
    const toUtf16 = utf16Counter(map.text);
    const results = annotations.map((record) => {
      const [quote, position] = record.selectors;
      const found = resolveSelectors(map.text, quote, position, toUtf16);
      if (found.method !== 'orphan') {
        const range = map.rangeOf(found.span);
        if (range) this.painted.push({ record, range });
      }
      return { id: record.id, method: found.method, score: 'score' in found ? found.score : null };
    });
    this.paint();
    performance.measure('claimlens:anchor', { start, end: performance.now() });
    await this.send({ type: 'annotations/anchored', results });
  }

  /** Annotates a selected range: painted at once, then stored; unpainted again if storing fails. */
  async annotate(range: Range, what: Omit<AnnotationInput, 'selectors'>): Promise<AnnotationRecord> {
    const map = bodyMap();
    const start = map.offsetOfBoundary(range.startContainer, range.startOffset, 'start');
    const end = map.offsetOfBoundary(range.endContainer, range.endOffset, 'end');
    if (start === null || end === null || end <= start)
      throw new Error('Select some text of the page first.');
    const span = trimmed(map.text, { start, end });
    const local = map.rangeOf(span) ?? range.cloneRange();
    const pending = { record: { tags: what.tags } as AnnotationRecord, range: local };
    this.painted.push(pending);
    this.paint();
    try {
      const { annotation } = await this.send({
        type: 'annotations/create',
        articleUrl: this.articleUrl,
        annotation: { ...what, selectors: describeSpan(map.text, span) },
        snapshot: map.text,
      });
      pending.record = annotation;
      return annotation;
    } catch (error) {
      this.painted = this.painted.filter((p) => p !== pending);
      this.paint();
      throw error;
    }
  }

  /** Unpaints the annotations whose text the page took away (their ranges collapsed); they stay stored. */
  prune(): void {
    const kept = this.painted.filter(({ range }) => onPage(range));
    if (kept.length === this.painted.length) return;
    this.painted = kept;
    this.paint();
  }

  /** Hides this page's annotation highlights (the popup's page switch), or shows them again. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.paint();
  }

  private paint(): void {
    const colors = new Map(this.tags.flatMap((t) => (t.color ? [[t.id, t.color] as const] : [])));
    const groups = groupBy(this.visible ? this.painted : [], ({ record }) =>
      annotationHighlightName(record.tags, colors),
    );
    for (const name of this.names) if (!groups.has(name)) CSS.highlights.delete(name);
    for (const [name, painted] of groups)
      CSS.highlights.set(name, new Highlight(...painted.map(({ range }) => range)));
    this.names = new Set(groups.keys());
  }
}

function bodyMap(): TextMap {
  return TextMap.build(document.body, isUnrendered);
}

/** A selection without the white space at its edges (double-clicks and drags often take some). */
function trimmed(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}
