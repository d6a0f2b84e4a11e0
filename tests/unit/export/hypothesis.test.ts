import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleRepository, LibraryRepository } from '../../../utils/db/articles.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { parseImport } from '../../../utils/export/import.ts';
import { parsePlainAnnotations } from '../../../utils/export/hypothesis.ts';
import { toAnnotationCollection } from '../../../utils/export/web-annotation.ts';
import type { Handlers } from '../../../utils/messages.ts';
import { analysisOf, handlersFor, importThrough } from '../fixtures.ts';

// Samples written for these tests in the shapes Hypothesis uses: its API's JSON (one annotation, or a search
// result's `rows`) and its W3C JSON-LD, plus a generic W3C collection, page and list.

const NOW = new Date('2026-07-20T12:00:00Z');
const ARTICLE = 'https://news.example/2026/07/gpu-glut';

/** One annotation as Hypothesis's API returns it. */
const apiAnnotation = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  created: '2026-07-01T09:15:02.123456+00:00',
  updated: '2026-07-02T10:00:00.000000+00:00',
  user: 'acct:reader@hypothes.is',
  uri: ARTICLE,
  text: 'Compare with the **Q2** capex numbers.',
  tags: ['AI capex', 'disputed'],
  group: '__world__',
  permissions: { read: ['group:__world__'], admin: ['acct:reader@hypothes.is'] },
  target: [
    {
      source: ARTICLE,
      selector: [
        {
          type: 'RangeSelector',
          startContainer: '/div[1]/article[1]/p[3]',
          startOffset: 0,
          endContainer: '/div[1]/article[1]/p[3]',
          endOffset: 41,
        },
        { type: 'TextPositionSelector', start: 1204, end: 1245 },
        {
          type: 'TextQuoteSelector',
          exact: 'Rental prices for H100s fell 40% in a year',
          prefix: 'the market has turned. ',
          suffix: ', according to brokers',
        },
      ],
    },
  ],
  document: { title: ['GPU glut: rental prices slide'] },
  links: { html: `https://hypothes.is/a/${id}`, incontext: `https://hyp.is/${id}/news.example` },
  flagged: false,
  hidden: false,
  user_info: { display_name: 'A Reader' },
  ...extra,
});

/** The same kind of annotation in Hypothesis's W3C JSON-LD. */
const jsonLdAnnotation = (id: string, body: unknown[]) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  type: 'Annotation',
  id: `https://hypothes.is/a/${id}`,
  created: '2026-07-03T08:00:00.000000+00:00',
  modified: '2026-07-03T08:30:00.000000+00:00',
  creator: 'acct:reader@hypothes.is',
  body,
  target: [
    {
      source: 'https://wire.example/markets/chips?utm_source=feed',
      selector: [
        { type: 'TextQuoteSelector', exact: 'Tencent says compute is insufficient', prefix: '', suffix: '.' },
        { type: 'TextPositionSelector', start: 10, end: 46 },
      ],
    },
  ],
});

describe('reading plain W3C and Hypothesis annotations', () => {
  it('reads one annotation from Hypothesis’s API: quote, position, note, tags, source and title', () => {
    const parsed = parsePlainAnnotations(apiAnnotation('AbC123xyz'), NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    const { annotations, articles, tags } = parsed.value.library;
    expect(annotations).toEqual([
      {
        id: 'h-AbC123xyz',
        articleId: ARTICLE,
        url: ARTICLE,
        selectors: [
          {
            type: 'TextQuoteSelector',
            exact: 'Rental prices for H100s fell 40% in a year',
            prefix: 'the market has turned. ',
            suffix: ', according to brokers',
          },
          { type: 'TextPositionSelector', start: 1204, end: 1245 },
        ],
        tags: ['ai-capex', 'disputed'],
        note: 'Compare with the **Q2** capex numbers.',
        stance: null,
        createdAt: '2026-07-01T09:15:02.123Z',
        updatedAt: '2026-07-02T10:00:00.000Z',
        anchoring: null,
      },
    ]);
    expect(articles).toMatchObject([
      { id: ARTICLE, title: 'GPU glut: rental prices slide', site: 'news.example', claimCount: 0 },
    ]);
    // Their own tag becomes one of the reader's; a built-in one needs no record.
    expect(tags).toEqual([{ id: 'ai-capex', label: 'AI capex', createdAt: NOW.toISOString() }]);
  });

  it('reads Hypothesis’s JSON-LD: tagging bodies as tags, a classifying body of ours as the stance', () => {
    const parsed = parsePlainAnnotations(
      jsonLdAnnotation('Zz9', [
        { type: 'TextualBody', value: 'Says who?', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: 'needs-source' },
        { type: 'TextualBody', purpose: 'classifying', value: 'demand' },
      ]),
      NOW,
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const [annotation] = parsed.value.library.annotations;
    // The id in its IRI form is the same annotation as its API id.
    expect(annotation).toMatchObject({
      id: 'h-Zz9',
      note: 'Says who?',
      tags: ['needs-source'],
      stance: 'demand',
      url: 'https://wire.example/markets/chips?utm_source=feed',
      // Tracking parameters are not part of the article's address.
      articleId: 'https://wire.example/markets/chips',
    });
  });

  it('takes no stance from a classifying body that is not one of ours', () => {
    const parsed = parsePlainAnnotations(
      jsonLdAnnotation('q1', [{ type: 'TextualBody', purpose: 'classifying', value: 'bullish' }]),
      NOW,
    );
    expect(parsed.ok && parsed.value.library.annotations[0]?.stance).toBeNull();
  });

  it.each([
    [
      'an AnnotationCollection with its first page embedded',
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        type: 'AnnotationCollection',
        total: 2,
        first: {
          type: 'AnnotationPage',
          items: [jsonLdAnnotation('p1', []), jsonLdAnnotation('p2', [])],
        },
      },
    ],
    [
      'an AnnotationPage',
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        type: 'AnnotationPage',
        items: [jsonLdAnnotation('p1', []), jsonLdAnnotation('p2', [])],
      },
    ],
    ['a JSON list of annotations', [jsonLdAnnotation('p1', []), jsonLdAnnotation('p2', [])]],
    ['Hypothesis’s API search result', { total: 2, rows: [apiAnnotation('p1'), apiAnnotation('p2')] }],
  ])('reads %s', (_name, data) => {
    const parsed = parsePlainAnnotations(data, NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.library.annotations.map((a) => a.id)).toEqual(['h-p1', 'h-p2']);
    expect(parsed.value.skipped).toEqual([]);
  });

  it('skips what it cannot use, saying which item and why', () => {
    const rows = [
      apiAnnotation('ok1'),
      // A page note: no selector at all.
      apiAnnotation('note1', { target: [{ source: ARTICLE }] }),
      apiAnnotation('reply1', { references: ['ok1'] }),
      apiAnnotation('pdf1', {
        uri: 'urn:x-pdf:6ea7d8a5ef0f5cdd0e0fd6b7d9b2a8a1',
        target: [
          {
            source: 'urn:x-pdf:6ea7d8a5ef0f5cdd0e0fd6b7d9b2a8a1',
            selector: [{ type: 'TextQuoteSelector', exact: 'capex', prefix: '', suffix: '' }],
          },
        ],
      }),
      apiAnnotation('backwards', {
        target: [
          {
            source: ARTICLE,
            selector: [
              { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' },
              { type: 'TextPositionSelector', start: 50, end: 10 },
            ],
          },
        ],
      }),
      apiAnnotation('html', { tags: ['<img src=x onerror=alert(1)>'] }),
      apiAnnotation('ok1'),
    ];
    const parsed = parsePlainAnnotations({ total: rows.length, rows }, NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.library.annotations.map((a) => a.id)).toEqual(['h-ok1']);
    expect(parsed.value.skipped).toEqual([
      { index: 1, reason: expect.stringContaining('no TextQuoteSelector') },
      { index: 2, reason: expect.stringContaining('a reply') },
      { index: 3, reason: expect.stringContaining('is not a web page') },
      { index: 4, reason: 'its TextPositionSelector ends (10) before it starts (50)' },
      { index: 5, reason: expect.stringContaining('holds HTML') },
      { index: 6, reason: expect.stringContaining('same id') },
    ]);
  });

  it('keeps a quote without a position, spanning the quote (it anchors by its text)', () => {
    const parsed = parsePlainAnnotations(
      apiAnnotation('nopos', {
        target: [{ source: ARTICLE, selector: [{ type: 'TextQuoteSelector', exact: 'GPUs 😀 idle' }] }],
      }),
      NOW,
    );
    expect(parsed.ok && parsed.value.library.annotations[0]?.selectors).toEqual([
      { type: 'TextQuoteSelector', exact: 'GPUs 😀 idle', prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start: 0, end: 11 },
    ]);
  });
});

describe('importing Hypothesis annotations into the library', () => {
  let db: ClaimLensDatabase;
  let handlers: Handlers;
  beforeEach(() => {
    db = new ClaimLensDatabase(`test-${Math.random()}`);
    handlers = handlersFor(db, NOW);
  });
  afterEach(() => db.delete());

  const file = JSON.stringify({
    total: 3,
    rows: [apiAnnotation('h1'), apiAnnotation('h2', { references: ['h1'] }), apiAnnotation('h3')],
  });

  it('makes reader annotations on articles made from their source and title, skipping what it says', async () => {
    const reply = await importThrough(handlers, file);
    expect(reply).toMatchObject({
      ok: true,
      annotations: 2,
      articles: 1,
      newArticles: 1,
      skipped: 1,
      counts: { new: 2, updated: 0, unchanged: 0, conflicting: 0 },
    });
    const stored = await new LibraryRepository(db).load();
    expect(stored.articles.map((a) => [a.id, a.title])).toEqual([[ARTICLE, 'GPU glut: rental prices slide']]);
    expect(stored.annotations.map((a) => [a.id, a.note, a.tags])).toEqual([
      ['h-h1', 'Compare with the **Q2** capex numbers.', ['ai-capex', 'disputed']],
      ['h-h3', 'Compare with the **Q2** capex numbers.', ['ai-capex', 'disputed']],
    ]);
    expect(stored.tags.map((t) => t.label)).toEqual(['AI capex']);
    // And what came in goes out again as the contract's W3C export, every item classified.
    const exported = toAnnotationCollection(stored, NOW);
    expect(exported.items.map((i) => i.body[0])).toEqual([
      { type: 'TextualBody', purpose: 'classifying', value: 'neutral' },
      { type: 'TextualBody', purpose: 'classifying', value: 'neutral' },
    ]);
  });

  it('is idempotent by id, and an edit made here later is kept over the file’s (a conflict)', async () => {
    await importThrough(handlers, file);
    await db.annotations.update('h-h1', { note: 'My own later note', updatedAt: '2026-07-10T00:00:00.000Z' });
    const again = await importThrough(handlers, file);
    expect(again).toMatchObject({ ok: true, counts: { new: 0, updated: 0, unchanged: 1, conflicting: 1 } });
    expect((await db.annotations.get('h-h1'))?.note).toBe('My own later note');
    // A later version in the file is an update.
    const later = JSON.stringify([apiAnnotation('h3', { text: 'Revised', updated: '2026-07-15T00:00:00Z' })]);
    const updated = await importThrough(handlers, later);
    expect(updated).toMatchObject({ ok: true, counts: { new: 0, updated: 1, unchanged: 0, conflicting: 0 } });
    expect((await db.annotations.get('h-h3'))?.note).toBe('Revised');
  });

  it('puts annotations on the stored article read at that address, and never replaces that article', async () => {
    await new ArticleRepository(db).saveAnalysis(
      analysisOf('https://news.example/canonical/gpu-glut', [['A glut of GPUs.', 'overcapacity']], {
        location: ARTICLE,
        title: 'The stored title',
      }),
      NOW,
    );
    const reply = await importThrough(handlers, file);
    expect(reply).toMatchObject({ ok: true, newArticles: 0, articles: 0 });
    const stored = await new LibraryRepository(db).load();
    expect(stored.articles.map((a) => a.title)).toEqual(['The stored title']);
    expect(new Set(stored.annotations.map((a) => a.articleId))).toEqual(
      new Set(['https://news.example/canonical/gpu-glut']),
    );
  });

  it('takes a large file in parts and imports it whole on the commit; a lost part changes nothing', async () => {
    const parts = [file.slice(0, 1000), file.slice(1000)];
    for (const [index, text] of parts.entries())
      expect(
        await handlers['library/import-part'](
          { type: 'library/import-part', importId: 'i1', index, text },
          undefined,
        ),
      ).toEqual({ ok: true, received: index + 1 });
    const reply = await handlers['library/import-commit'](
      { type: 'library/import-commit', importId: 'i1', parts: 2 },
      undefined,
    );
    expect(reply).toMatchObject({ ok: true, annotations: 2 });

    const fresh = new ClaimLensDatabase(`test-${Math.random()}`);
    const others = handlersFor(fresh, NOW);
    await others['library/import-part'](
      { type: 'library/import-part', importId: 'i2', index: 0, text: parts[0] ?? '' },
      undefined,
    );
    // The worker restarted, or a part went missing: the commit finds less than it was told.
    expect(
      await others['library/import-commit'](
        { type: 'library/import-commit', importId: 'i2', parts: 2 },
        undefined,
      ),
    ).toEqual({ ok: false, error: expect.stringContaining('interrupted') });
    expect(await fresh.annotations.count()).toBe(0);
    await fresh.delete();
  });

  it('reads the same file the same way in the dashboard’s preview (parseImport)', () => {
    const parsed = parseImport(file, NOW);
    expect(parsed.ok && [parsed.value.format, parsed.value.skipped.length]).toEqual(['web-annotation', 1]);
  });
});
