import { BUILT_IN_TAGS, TAG_ID, tagIdOf } from '../annotate/tags.ts';
import type { AnnotationRecord, ArticleRecord, TagRecord } from '../db/schema.ts';
import { STANCES, type Stance } from '../detect/pack.ts';
import { normaliseUrl } from '../extract/metadata.ts';
import { fnv1a } from '../hash.ts';
import type { PositionSelector, QuoteSelector } from '../model.ts';
import { codePointCounter } from '../text/tokens.ts';
import type { Result } from '../validate.ts';
import { emptyLibrary, type Library } from './web-annotation.ts';

// Plain W3C Web Annotations, as other tools write them, and Hypothesis's own exports: its API's JSON (an
// annotation, or a search result's `rows`) and its JSON-LD (the W3C model). Each usable annotation becomes a
// reader's annotation on an article made from its source; every other item is skipped with its reason.

const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const MAX_ITEMS = 1_000_000;
/** The same limits as an annotation made in the page (utils/model.ts). */
const MAX_QUOTE_CHARS = 5_000;
const MAX_CONTEXT_CHARS = 200;
const MAX_NOTE_CHARS = 10_000;
const MAX_TAGS = 50;
const MAX_TITLE_CHARS = 500;
const MAX_URL_CHARS = 4_000;
/** Hypothesis's JSON-LD names an annotation by this address plus the id its API uses. */
const HYPOTHESIS_IRI = /^https:\/\/hypothes\.is\/a\/([\w-]{1,64})$/;

export interface SkippedItem {
  /** Position in the file's list of annotations. */
  index: number;
  reason: string;
}

export interface PlainImport {
  library: Library;
  skipped: SkippedItem[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asList = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Whether a typed W3C object names the Web Annotation context (alone, or among others). */
const hasW3cContext = (data: Json) => asList(data['@context']).includes(W3C_CONTEXT);

/** The list of annotations a file holds, whatever wraps it. */
export function annotationsIn(data: unknown): Result<unknown[]> {
  if (Array.isArray(data)) return { ok: true, value: data };
  if (!isObject(data))
    return {
      ok: false,
      error: `Not an annotation file: it holds ${data === null ? 'null' : `a ${typeof data}`}.`,
    };
  if ('rows' in data) {
    // Hypothesis's API search result: { total, rows }.
    return Array.isArray(data.rows)
      ? { ok: true, value: data.rows }
      : { ok: false, error: 'Not a Hypothesis export: its "rows" is not a list.' };
  }
  const type = data.type;
  if (type === undefined && ('target' in data || 'uri' in data)) return { ok: true, value: [data] };
  if (type !== 'Annotation' && type !== 'AnnotationCollection' && type !== 'AnnotationPage')
    return {
      ok: false,
      error:
        'Not an annotation file: expected a W3C Annotation, AnnotationCollection or AnnotationPage, a list ' +
        `of annotations, or a Hypothesis export; its type is ${JSON.stringify(type)?.slice(0, 60) ?? 'missing'}.`,
    };
  if (!hasW3cContext(data))
    return { ok: false, error: `Not a W3C Web Annotation file: its @context is not ${W3C_CONTEXT}.` };
  if (type === 'Annotation') return { ok: true, value: [data] };
  // A collection holds its items, or its first page does (embedded: a page given only by address is elsewhere).
  const page = type === 'AnnotationCollection' && !('items' in data) ? data.first : data;
  if (!isObject(page))
    return {
      ok: false,
      error: `The ${type} does not include its annotations (no items, no embedded first page).`,
    };
  return Array.isArray(page.items)
    ? { ok: true, value: page.items }
    : { ok: false, error: `The ${type}'s "items" is not a list.` };
}

/** Our id for theirs: Hypothesis's own ids as they are, any other IRI by a 64-bit hash, so imports are idempotent. */
function idOf(theirs: string): string {
  const bare = HYPOTHESIS_IRI.exec(theirs)?.[1] ?? (/^[\w-]{1,64}$/.test(theirs) ? theirs : null);
  return bare ? `h-${bare}` : `w-${fnv1a(theirs)}${fnv1a(`${theirs}#`)}`;
}

const validDate = (value: unknown): string | undefined => {
  const date = text(value);
  return date && /^\d{4}-\d{2}-\d{2}T/.test(date) && !Number.isNaN(Date.parse(date))
    ? new Date(date).toISOString()
    : undefined;
};

const isOffset = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function selectorsOf(selectors: unknown[]): Result<[QuoteSelector, PositionSelector]> {
  const quote = selectors.find((s) => isObject(s) && s.type === 'TextQuoteSelector') as Json | undefined;
  const exact = text(quote?.exact);
  if (!quote || !exact)
    return { ok: false, error: 'it has no TextQuoteSelector with quoted text (a page note, or not on text)' };
  if (exact.length > MAX_QUOTE_CHARS)
    return { ok: false, error: `its quoted text is longer than ${MAX_QUOTE_CHARS} characters` };
  const position = selectors.find((s) => isObject(s) && s.type === 'TextPositionSelector') as
    Json | undefined;
  let span = { start: 0, end: codePointCounter(exact)(exact.length) };
  if (position) {
    const { start, end } = position;
    if (!isOffset(start) || !isOffset(end))
      return { ok: false, error: 'its TextPositionSelector offsets are not whole numbers from 0' };
    if (end < start)
      return { ok: false, error: `its TextPositionSelector ends (${end}) before it starts (${start})` };
    span = { start, end };
  }
  // Without a position the quote alone anchors it: the exact match comes first, and a position is only trusted
  // where the text there is close to the quote.
  return {
    ok: true,
    value: [
      {
        type: 'TextQuoteSelector',
        exact,
        prefix: (text(quote.prefix) ?? '').slice(-MAX_CONTEXT_CHARS),
        suffix: (text(quote.suffix) ?? '').slice(0, MAX_CONTEXT_CHARS),
      },
      { type: 'TextPositionSelector', ...span },
    ],
  };
}

interface Bodies {
  notes: string[];
  tags: string[];
  stance: Stance | null;
}

/** W3C bodies: tagging ones are tags, a classifying one may say a stance of ours, textual others are the note. */
function readBodies(item: Json): Bodies {
  const found: Bodies = { notes: [], tags: [], stance: null };
  const bodyValue = text(item.bodyValue);
  if (bodyValue) found.notes.push(bodyValue);
  for (const body of asList(item.body)) {
    // A body given only by address (a string) is somewhere else: nothing to read here.
    if (!isObject(body)) continue;
    const value = text(body.value);
    if (value === undefined) continue;
    if (body.purpose === 'tagging') found.tags.push(value);
    else if (body.purpose === 'classifying')
      found.stance = (STANCES as readonly string[]).includes(value) ? (value as Stance) : found.stance;
    else found.notes.push(value);
  }
  return found;
}

interface Read {
  annotation: AnnotationRecord;
  article: ArticleRecord;
  tags: TagRecord[];
}

/** One annotation of theirs as ours, or the reason it cannot be. */
function readAnnotation(item: unknown, now: Date): Result<Read> {
  const fail = (error: string): Result<never> => ({ ok: false, error });
  if (!isObject(item)) return fail('it is not an annotation object');
  if (asList(item.references).length > 0)
    return fail('it is a reply to another annotation, not on a passage');
  const targets = asList(item.target);
  if (targets.length === 0) return fail('it has no target');
  const target = targets.find((t) => isObject(t) && t.selector !== undefined) ?? targets[0];
  if (!isObject(target)) return fail('it targets a whole page, not a passage (no selector)');
  const source = text(asList(target.source)[0]) ?? text(item.uri);
  if (!source) return fail('its target has no source');
  const url = source.length <= MAX_URL_CHARS ? normaliseUrl(source) : null;
  if (!url || !/^https?:\/\//.test(source))
    return fail(`its source ${source.slice(0, 80)} is not a web page (http or https)`);
  const selectors = selectorsOf(asList(target.selector));
  if (!selectors.ok) return selectors;

  const bodies = readBodies(item);
  const note = [text(item.text), ...bodies.notes].filter((n) => n?.trim()).join('\n\n');
  if (note.length > MAX_NOTE_CHARS) return fail(`its note is longer than ${MAX_NOTE_CHARS} characters`);
  const labels = [...asList(item.tags), ...bodies.tags];
  if (labels.length > MAX_TAGS) return fail(`it has more than ${MAX_TAGS} tags`);
  const tags: TagRecord[] = [];
  for (const label of labels) {
    if (typeof label !== 'string') return fail('one of its tags is not text');
    if (/[<>]/.test(label)) return fail(`its tag ${JSON.stringify(label.slice(0, 60))} holds HTML`);
    const id = tagIdOf(label);
    if (!TAG_ID.test(id)) return fail(`its tag ${JSON.stringify(label.slice(0, 60))} has no letter or digit`);
    if (!tags.some((t) => t.id === id))
      tags.push({ id, label: label.trim().slice(0, 40), createdAt: now.toISOString() });
  }

  const created = validDate(item.created) ?? now.toISOString();
  const updated = validDate(item.updated) ?? validDate(item.modified) ?? created;
  const [quote] = selectors.value;
  const theirId = text(item.id) ?? `${source} ${quote.exact} ${created}`;
  const title = asList(isObject(item.document) ? item.document.title : undefined).find(
    (t) => typeof t === 'string',
  );
  return {
    ok: true,
    value: {
      annotation: {
        id: idOf(theirId),
        articleId: url,
        url: source,
        selectors: selectors.value,
        tags: tags.map((t) => t.id),
        note: note || null,
        stance: bodies.stance,
        createdAt: created,
        updatedAt: updated,
        anchoring: null,
      },
      article: {
        id: url,
        url,
        urls: [...new Set([url, source])],
        title: ((title as string | undefined) ?? url).slice(0, MAX_TITLE_CHARS),
        site: new URL(url).hostname,
        byline: null,
        published: null,
        lang: '',
        firstSeen: created,
        lastSeen: updated,
        textLength: 0,
        claimCount: 0,
        stances: { overcapacity: 0, demand: 0, neutral: 0 },
        storyId: url,
        profile: { fingerprint: [], keywords: [], names: [] },
      },
      tags: tags.filter((t) => !BUILT_IN_TAGS.some((b) => b.id === t.id)),
    },
  };
}

/**
 * Reads plain W3C / Hypothesis annotations. Unusable items are skipped with their reasons; a file with no
 * usable item at all is refused with the first reasons.
 */
export function parsePlainAnnotations(data: unknown, now: Date): Result<PlainImport> {
  const items = annotationsIn(data);
  if (!items.ok) return items;
  if (items.value.length === 0) return { ok: false, error: 'The file holds no annotations.' };
  if (items.value.length > MAX_ITEMS)
    return { ok: false, error: `The file holds more than ${MAX_ITEMS.toLocaleString('en')} annotations.` };
  const annotations = new Map<string, AnnotationRecord>();
  const articles = new Map<string, ArticleRecord>();
  const tags = new Map<string, TagRecord>();
  const skipped: SkippedItem[] = [];
  for (const [index, item] of items.value.entries()) {
    const read = readAnnotation(item, now);
    if (!read.ok) {
      skipped.push({ index, reason: read.error });
      continue;
    }
    const { annotation, article, tags: itsTags } = read.value;
    if (annotations.has(annotation.id)) {
      skipped.push({ index, reason: 'an annotation with the same id comes earlier in the file' });
      continue;
    }
    annotations.set(annotation.id, annotation);
    const known = articles.get(article.id);
    articles.set(
      article.id,
      known
        ? {
            ...known,
            firstSeen: known.firstSeen < article.firstSeen ? known.firstSeen : article.firstSeen,
            lastSeen: known.lastSeen > article.lastSeen ? known.lastSeen : article.lastSeen,
            urls: [...new Set([...known.urls, ...article.urls])],
          }
        : article,
    );
    for (const tag of itsTags) if (!tags.has(tag.id)) tags.set(tag.id, tag);
  }
  if (annotations.size === 0)
    return { ok: false, error: `No annotation in the file can be imported: ${describeSkipped(skipped)}` };
  return {
    ok: true,
    value: {
      library: {
        ...emptyLibrary(),
        articles: [...articles.values()],
        annotations: [...annotations.values()],
        tags: [...tags.values()],
      },
      skipped,
    },
  };
}

/** "3 skipped — item 1: …; item 4: …", naming the first few reasons. */
export function describeSkipped(skipped: readonly SkippedItem[], shown = 3): string {
  const first = skipped.slice(0, shown).map((s) => `item ${s.index + 1}: ${s.reason}`);
  const more = skipped.length > shown ? `; and ${skipped.length - shown} more` : '';
  return `${skipped.length} skipped — ${first.join('; ')}${more}.`;
}
