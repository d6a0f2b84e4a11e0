import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSpan } from '../../../utils/anchor/selectors.ts';
import { AnnotationRepository } from '../../../utils/db/annotations.ts';
import { ArticleRepository, LibraryRepository } from '../../../utils/db/articles.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { parseImport } from '../../../utils/export/import.ts';
import { toAnnotationCollection } from '../../../utils/export/web-annotation.ts';
import { IMPORT_PART_CHARS, parseMessage, type Handlers } from '../../../utils/messages.ts';
import { analysisOf, handlersFor, importThrough } from '../fixtures.ts';

// Every kind of bad file is refused whole, with a reason the reader can act on, and the database is exactly as
// it was: every table, every record.

const NOW = new Date('2026-07-20T12:00:00Z');
const TEXT = 'Bears see a glut of AI chips ahead. Tencent says compute is insufficient.';
const W3C = 'http://www.w3.org/ns/anno.jsonld';

let db: ClaimLensDatabase;
let handlers: Handlers;
/** A valid export of the library below, as parsed JSON, for each case to break in its own way. */
let valid: Record<string, unknown> & { items: Record<string, unknown>[]; claimlens: Record<string, unknown> };

beforeEach(async () => {
  db = new ClaimLensDatabase(`test-${Math.random()}`);
  handlers = handlersFor(db, NOW);
  await new ArticleRepository(db).saveAnalysis(
    analysisOf('https://a.example/story', [
      ['Bears see a glut of AI chips ahead.', 'overcapacity'],
      ['Tencent says compute is insufficient.', 'demand'],
    ]),
    NOW,
  );
  await new AnnotationRepository(db).create(
    'https://a.example/story',
    'https://a.example/story',
    { selectors: describeSpan(TEXT, { start: 0, end: 5 }), tags: ['disputed'], note: 'Hm', stance: null },
    TEXT,
    NOW,
    () => 'a-1',
  );
  valid = JSON.parse(JSON.stringify(toAnnotationCollection(await new LibraryRepository(db).load(), NOW)));
});
afterEach(() => db.delete());

/** Every table, whole. */
const everything = async () =>
  Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));

const reader = () =>
  valid.items.find((i) => String(i.id).startsWith('urn:claimlens:annotation:')) as {
    body: Record<string, string>[];
    target: { source: string; selector: { start?: number; end?: number }[] };
  };
const plainAnnotation = (source: string) => ({
  '@context': W3C,
  type: 'Annotation',
  id: 'https://annotations.example/1',
  target: { source, selector: { type: 'TextQuoteSelector', exact: 'glut' } },
});

const cases: [string, () => string, string][] = [
  ['not JSON', () => 'claims,stance\nglut,overcapacity', 'Not a JSON file'],
  ['an empty file', () => '  \n', 'The file is empty'],
  ['JSON null', () => 'null', 'it holds null'],
  ['a number', () => '42', 'it holds a number'],
  ['a truncated file', () => JSON.stringify(valid).slice(0, 700), 'cut short'],
  [
    'a wrong @context',
    () => JSON.stringify({ ...plainAnnotation('https://a.example/story'), '@context': 'http://schema.org/' }),
    'its @context is not http://www.w3.org/ns/anno.jsonld',
  ],
  ['a wrong type', () => JSON.stringify({ '@context': W3C, type: 'Book', items: [] }), 'its type is "Book"'],
  [
    'no items',
    () => JSON.stringify({ '@context': W3C, type: 'AnnotationCollection', items: [] }),
    'The file holds no annotations',
  ],
  [
    'items that are not a list',
    () => JSON.stringify({ '@context': W3C, type: 'AnnotationPage', items: { 0: {} } }),
    '"items" is not a list',
  ],
  [
    'Hypothesis rows that are not a list',
    () => JSON.stringify({ total: 1, rows: 'none' }),
    'its "rows" is not a list',
  ],
  [
    'an item with no target',
    () => {
      delete (valid.items[0] as { target?: unknown }).target;
      return JSON.stringify(valid);
    },
    'items[0].target: expected an object',
  ],
  [
    'a selector that ends before it starts',
    () => {
      reader().target.selector[1] = { ...reader().target.selector[1], start: 9, end: 2 };
      return JSON.stringify(valid);
    },
    'end comes before start',
  ],
  [
    'offsets beyond the article’s text',
    () => {
      reader().target.selector[1] = { ...reader().target.selector[1], start: 5, end: 5_000 };
      return JSON.stringify(valid);
    },
    "items[2]: its offsets run past the end of its article's text (73)",
  ],
  [
    'a bad stance',
    () => {
      Object.assign((valid.items[0] as { body: object[] }).body[0] ?? {}, { value: 'bullish' });
      return JSON.stringify(valid);
    },
    'items[0].body[0].value: expected one of "overcapacity", "demand", "neutral"',
  ],
  [
    'a duplicated id',
    () => {
      Object.assign(valid.items[1] ?? {}, { id: valid.items[0]?.id });
      return JSON.stringify(valid);
    },
    'is listed twice',
  ],
  [
    'an unknown future format version',
    () => JSON.stringify({ ...valid, claimlens: { ...valid.claimlens, formatVersion: 7 } }),
    'written by a newer ClaimLens (format version 7); this one reads format version 1',
  ],
  [
    'a format version that never existed',
    () => JSON.stringify({ ...valid, claimlens: { ...valid.claimlens, formatVersion: 'one' } }),
    'unknown format version "one"',
  ],
  [
    'an export annotation whose source is not http(s)',
    () => {
      reader().target.source = 'javascript:alert(1)';
      return JSON.stringify(valid);
    },
    'target.source: does not match',
  ],
  [
    'a plain annotation whose source is not http(s)',
    () => JSON.stringify(plainAnnotation('file:///etc/passwd')),
    'No annotation in the file can be imported: 1 skipped — item 1: its source file:///etc/passwd is not a web page',
  ],
  [
    'a tag with HTML',
    () => {
      reader().body.push({ type: 'TextualBody', purpose: 'tagging', value: '<b>x</b>' });
      return JSON.stringify(valid);
    },
    'value: does not match',
  ],
  [
    'a tag label with HTML',
    () =>
      JSON.stringify({
        ...valid,
        claimlens: {
          ...valid.claimlens,
          tags: [{ id: 'x', label: '<script>alert(1)</script>', createdAt: NOW.toISOString() }],
        },
      }),
    'tags[0].label: does not match',
  ],
  [
    'a note over the length limit',
    () => {
      Object.assign(reader().body.find((b) => b.purpose === 'commenting') ?? {}, {
        value: 'x'.repeat(10_001),
      });
      return JSON.stringify(valid);
    },
    'must have at most 10000 characters',
  ],
];

describe('a malformed file', () => {
  it('has at least fifteen kinds here', () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it.each(cases)('is refused: %s, with its reason, and nothing changes', async (_name, file, reason) => {
    const before = await everything();
    const reply = await importThrough(handlers, file());
    expect(reply.ok).toBe(false);
    expect(reply.ok ? '' : reply.error).toContain(reason);
    expect(await everything()).toEqual(before);
  });

  it('is refused when oversized, before it is even parsed', async () => {
    const before = await everything();
    const huge = `${JSON.stringify(valid)}${' '.repeat(2_000)}`;
    const parsed = parseImport(huge, NOW, 1_000);
    expect(parsed).toEqual({
      ok: false,
      error: expect.stringMatching(/^The file is too large \(\d KB\): the limit is 1 KB\.$/),
    });
    // A part larger than a message may carry never reaches the handler.
    const part = {
      type: 'library/import-part',
      importId: 'i',
      index: 0,
      text: 'x'.repeat(IMPORT_PART_CHARS + 1),
    };
    expect(parseMessage(part)).toEqual({
      ok: false,
      error: expect.stringContaining('message.text: must have at most'),
    });
    expect(await everything()).toEqual(before);
  });
});
