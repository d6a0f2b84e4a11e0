import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSpan } from '../../../utils/anchor/selectors.ts';
import { AnnotationRepository } from '../../../utils/db/annotations.ts';
import { ArticleRepository, LibraryRepository } from '../../../utils/db/articles.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { csvCell, toCsv } from '../../../utils/export/csv.ts';
import { ImportRepository } from '../../../utils/db/import.ts';
import { parseExport, parseImport } from '../../../utils/export/import.ts';
import { escapeMarkdown, toMarkdown } from '../../../utils/export/markdown.ts';
import { toAnnotationCollection } from '../../../utils/export/web-annotation.ts';
import { analysisOf } from '../fixtures.ts';

const NOW = new Date('2026-07-20T12:00:00Z');
let db: ClaimLensDatabase;

beforeEach(async () => {
  db = new ClaimLensDatabase(`test-${Math.random()}`);
  const articles = new ArticleRepository(db);
  await articles.saveAnalysis(
    analysisOf('https://a.example/story', [
      ['Bears see a glut of AI chips 😀 ahead.', 'overcapacity'],
      ['Tencent says compute is insufficient.', 'demand'],
    ]),
    new Date('2026-07-15T10:00:00Z'),
  );
  await articles.saveAnalysis(
    analysisOf(
      'https://b.example/copy',
      [['=HYPERLINK("http://evil") says GPUs are scarce, "really".', 'demand']],
      {
        site: '<img src=x onerror=alert(1)>',
        title: '# Title *with* [markdown](x)',
      },
    ),
    new Date('2026-07-16T10:00:00Z'),
  );
  const annotations = new AnnotationRepository(db);
  const [quote, position] = describeSpan('Tencent says compute is insufficient.', { start: 0, end: 7 });
  await annotations.create(
    'https://a.example/story',
    'https://a.example/story',
    {
      selectors: [quote, position],
      tags: ['disputed', 'my-tag'],
      note: 'Check <b>this</b>, =cmd',
      stance: 'demand',
    },
    'Tencent says compute is insufficient.',
    new Date('2026-07-17T10:00:00Z'),
    () => 'a-1',
  );
  await annotations.addTag({ id: 'my-tag', label: 'My tag', createdAt: '2026-07-17T09:00:00.000Z' });
});
afterEach(async () => {
  await db.delete();
});

async function exportAll(from: ClaimLensDatabase) {
  return toAnnotationCollection(await new LibraryRepository(from).load(), NOW);
}

describe('JSON export (W3C Web Annotation)', () => {
  it('holds every claim as an Annotation with selectors and a classifying body', async () => {
    const collection = await exportAll(db);
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.items).toHaveLength(4);
    const glut = collection.items.find((i) => i.target.selector[0].exact.includes('glut'));
    expect(glut?.body).toEqual([{ type: 'TextualBody', purpose: 'classifying', value: 'overcapacity' }]);
    expect(glut?.target.source).toBe('https://a.example/story');
    // The emoji is one code point but two UTF-16 units: 37 code points, 38 units.
    expect(glut?.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: 0, end: 37 });
    const next = collection.items.find((i) => i.target.selector[0].exact.startsWith('Tencent'));
    expect(next?.target.selector[1].start).toBe(38);
    expect(next?.target.selector[0].prefix.endsWith('ahead. ')).toBe(true);
  });

  it('holds the reader’s annotations with tagging, commenting and classifying bodies', async () => {
    const collection = await exportAll(db);
    const mine = collection.items.find((i) => i.id === 'urn:claimlens:annotation:a-1');
    expect(mine).toMatchObject({
      motivation: 'tagging',
      target: { source: 'https://a.example/story', selector: [{ exact: 'Tencent' }, { start: 0, end: 7 }] },
    });
    expect(mine?.body).toEqual([
      { type: 'TextualBody', purpose: 'classifying', value: 'demand' },
      { type: 'TextualBody', purpose: 'tagging', value: 'disputed' },
      { type: 'TextualBody', purpose: 'tagging', value: 'my-tag' },
      { type: 'TextualBody', purpose: 'commenting', value: 'Check <b>this</b>, =cmd' },
    ]);
  });

  it('classifies every item, as the contract says: a tag-only annotation takes the stance of the claim it is on', async () => {
    const text = 'Bears see a glut of AI chips 😀 ahead. Tencent says compute is insufficient.';
    await new AnnotationRepository(db).create(
      'https://a.example/story',
      'https://a.example/story',
      { selectors: describeSpan(text, { start: 0, end: 5 }), tags: ['key-figure'], note: null, stance: null },
      text,
      new Date('2026-07-18T10:00:00Z'),
      () => 'a-2',
    );
    const collection = await exportAll(db);
    const tagOnly = collection.items.find((i) => i.id === 'urn:claimlens:annotation:a-2');
    expect(tagOnly?.body[0]).toEqual({ type: 'TextualBody', purpose: 'classifying', value: 'overcapacity' });
    for (const item of collection.items) {
      expect(item.body.filter((b) => b.purpose === 'classifying').map((b) => b.value)).toEqual([
        expect.stringMatching(/^(overcapacity|demand|neutral)$/),
      ]);
    }
  });

  it('round-trips: export → import into an empty profile → export gives the same annotations', async () => {
    const first = await exportAll(db);
    const parsed = parseImport(JSON.stringify(first), NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    const empty = new ClaimLensDatabase(`test-${Math.random()}`);
    const importer = new ImportRepository(empty);
    expect((await importer.apply(parsed.value)).counts).toEqual({
      new: 4,
      updated: 0,
      unchanged: 0,
      conflicting: 0,
    });
    // Idempotent: the second time, everything is unchanged and nothing is written.
    const again = await importer.apply(parsed.value);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 4, conflicting: 0 });
    expect(again.writes.annotations).toEqual([]);
    const second = await exportAll(empty);
    const byId = (c: typeof first) => [...c.items].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(second)).toEqual(byId(first));
    expect(second.claimlens).toEqual(first.claimlens);
    await empty.delete();
  });

  it.each([
    ['not JSON', '{', 'Not a JSON file'],
    ['another format', JSON.stringify({ hello: 'world' }), 'Not a ClaimLens export'],
    ['a bad stance', 'stance', 'value'],
    ['a source with no article', 'source', 'not among the exported articles'],
    ['a duplicated id', 'dup', 'listed twice'],
  ])('refuses %s with a reason', async (_name, kind, reason) => {
    const collection = JSON.parse(JSON.stringify(await exportAll(db)));
    let json = kind;
    if (kind === 'stance') collection.items[0].body[0].value = 'bullish';
    if (kind === 'source') collection.items[0].target.source = 'https://elsewhere.example/';
    if (kind === 'dup') collection.items[1].id = collection.items[0].id;
    if (['stance', 'source', 'dup'].includes(kind)) json = JSON.stringify(collection);
    const result = parseExport(json);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(reason);
  });
});

describe('CSV export', () => {
  it('neutralises formulas, quotes per RFC 4180 and starts with a BOM', async () => {
    const { articles, claims, annotations } = await new LibraryRepository(db).load();
    const csv = toCsv(articles, claims, annotations);
    expect(csv.startsWith('\uFEFFkind,article_url,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"") says GPUs are scarce, ""really""."`);
    // Three claims, one annotation (whose note starts a formula after the comma, so is quoted, not neutralised).
    expect(csv.split('\r\n')).toHaveLength(6);
    expect(csv).toContain('annotation,https://a.example/story');
    expect(csv).toContain('"Check <b>this</b>, =cmd"');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises %j', (value) => {
    expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
  });
});

describe('Markdown export', () => {
  it('groups by outlet and escapes what Markdown would read as syntax or HTML', async () => {
    const { articles, claims, annotations } = await new LibraryRepository(db).load();
    const md = toMarkdown(articles, claims, NOW, annotations);
    expect(md).toContain(
      '- _yours_ \\#disputed \\#my\\-tag demand: Tencent — Check \\<b\\>this\\</b\\>, =cmd',
    );
    expect(md).toContain('### \\<img src=x onerror=alert\\(1\\)\\>');
    expect(md).toContain('#### \\# Title \\*with\\* \\[markdown\\]\\(x\\)');
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(escapeMarkdown('a_b* [c](d)')).toBe('a\\_b\\* \\[c\\]\\(d\\)');
  });

  it('folds every run of white space, of any kind, into one space', () => {
    expect(escapeMarkdown(' one two\tthree\u00a0four \n five\r\n\r\nsix  seven\u2028 ')).toBe(
      'one two three four five six seven',
    );
  });
});
