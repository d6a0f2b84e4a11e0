import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationRepository } from '../../../utils/db/annotations.ts';
import { ArticleRepository, LibraryRepository } from '../../../utils/db/articles.ts';
import { DetectionRepository } from '../../../utils/db/detection.ts';
import {
  asksNothing,
  EMPTY_QUERY,
  libraryFor,
  parseLibraryQuery,
  queryLibrary,
  type LibraryHit,
  type LibraryQuery,
} from '../../../utils/db/library-query.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import type { Stance } from '../../../utils/detect/pack.ts';
import { analysisOf, claimPayload } from '../fixtures.ts';

const NOW = new Date('2026-07-20T10:00:00Z');
const WIRE = 'https://wire.example/meta';
const LEDGER = 'https://ledger.example/glut';
const UNDATED = 'https://blog.example/notes';

const ARTICLES: [string, string, string | null, [string, Stance][]][] = [
  [
    WIRE,
    'Wire',
    '2026-07-15T15:00:00Z',
    [
      ['Meta will rent spare GPUs to outside customers.', 'neutral'],
      ['Analysts see a glut of idle accelerators by next year.', 'overcapacity'],
      ['Cloud demand still outruns supply at every hyperscaler.', 'demand'],
    ],
  ],
  [
    LEDGER,
    'Ledger',
    '2026-06-01T09:00:00Z',
    [
      ['The glut in rented compute is deepening as prices fall.', 'overcapacity'],
      ['Orders for accelerators keep rising, suppliers say.', 'demand'],
    ],
  ],
  [UNDATED, 'Blog', null, [['Spare capacity at the hyperscalers looks like a glut to me.', 'overcapacity']]],
];

let db: ClaimLensDatabase;

const query = (q: Partial<LibraryQuery>) => queryLibrary(db, { ...EMPTY_QUERY, ...q });
const texts = (hits: LibraryHit[]) =>
  hits.map((h) => (h.kind === 'claim' ? h.record.text : `note: ${h.record.selectors[0].exact}`));

beforeEach(async () => {
  db = new ClaimLensDatabase(`query-${Math.random()}`);
  const articles = new ArticleRepository(db);
  for (const [url, site, published, claims] of ARTICLES)
    await articles.saveAnalysis(
      analysisOf(url, claims, { site, published }),
      new Date('2026-07-18T08:00:00Z'),
    );
  const text = (ARTICLES[0]?.[3] ?? []).map(([s]) => s).join(' ');
  const annotations = new AnnotationRepository(db);
  let n = 0;
  const annotate = (sentence: string, tags: string[], note: string | null, stance: Stance | null) => {
    const { selectors } = claimPayload(text, sentence, 'neutral');
    return annotations.create(WIRE, WIRE, { selectors, tags, note, stance }, text, NOW, () => `n${++n}`);
  };
  await annotate(
    'Meta will rent spare GPUs to outside customers.',
    ['disputed'],
    'Check the lease terms',
    null,
  );
  await annotate('Cloud demand still outruns supply at every hyperscaler.', ['key-figure'], null, 'demand');
  await annotations.recordAnchoring([{ id: 'n1', method: 'orphan', score: null }], NOW);
});
afterEach(async () => {
  await db.delete();
});

describe('queryLibrary', () => {
  it('finds claims and annotations by words of their text, note and tags, every term a word start', async () => {
    const glut = await query({ text: 'glut' });
    expect(glut.total).toBe(3);
    expect(glut.terms).toEqual(['glut']);
    expect(texts(glut.hits)).toEqual([
      'Spare capacity at the hyperscalers looks like a glut to me.',
      'Analysts see a glut of idle accelerators by next year.',
      'The glut in rented compute is deepening as prices fall.',
    ]);
    const both = await query({ text: 'the accelerat GLUT' });
    expect(both.terms).toEqual(['accelerat', 'glut']);
    expect(texts(both.hits)).toEqual(['Analysts see a glut of idle accelerators by next year.']);
    expect(texts((await query({ text: 'lease' })).hits)).toEqual([
      'note: Meta will rent spare GPUs to outside customers.',
    ]);
    expect((await query({ text: 'disputed' })).total).toBe(1);
    expect((await query({ text: 'nowhere-to-be-found' })).total).toBe(0);
  });

  it('filters by stance, outlet, story and date (published, else first seen)', async () => {
    const over = await query({ stances: ['overcapacity'] });
    expect(over.total).toBe(3);
    expect(over.hits.every((h) => h.kind === 'claim' && h.record.stance === 'overcapacity')).toBe(true);
    // The reader's own stance counts for annotations.
    expect(texts((await query({ stances: ['demand'], outlets: ['Wire'] })).hits)).toEqual([
      'Cloud demand still outruns supply at every hyperscaler.',
      'note: Cloud demand still outruns supply at every hyperscaler.',
    ]);
    expect((await query({ outlets: ['Ledger', 'Blog'] })).total).toBe(3);
    expect(texts((await query({ from: '2026-07-18', to: '2026-07-18' })).hits)).toEqual([
      'Spare capacity at the hyperscalers looks like a glut to me.',
    ]);
    expect((await query({ from: '2026-06-01', to: '2026-06-30' })).total).toBe(2);
    expect((await query({ from: '2026-07-01' })).total).toBe(6);

    await new ArticleRepository(db).moveToStory(UNDATED, LEDGER);
    const story = (await db.articles.get(LEDGER))?.storyId ?? null;
    const inStory = await query({ storyId: story, text: 'glut' });
    expect(inStory.hits.map((h) => h.article?.id).sort()).toEqual([UNDATED, LEDGER].sort());
  });

  it('keeps to the reader’s annotations, a tag, or the orphans when asked', async () => {
    expect(texts((await query({ annotatedOnly: true })).hits)).toEqual([
      'note: Meta will rent spare GPUs to outside customers.',
      'note: Cloud demand still outruns supply at every hyperscaler.',
    ]);
    expect(texts((await query({ tags: ['key-figure', 'overcapacity'] })).hits)).toEqual([
      'note: Cloud demand still outruns supply at every hyperscaler.',
    ]);
    const orphans = await query({ orphansOnly: true });
    expect(orphans.total).toBe(1);
    expect(orphans.hits[0]).toMatchObject({ kind: 'annotation', record: { id: 'n1' } });
  });

  it('sorts by date either way, by outlet, or by confidence, and pages without gaps or repeats', async () => {
    const site = (q: Partial<LibraryQuery>) =>
      query({ ...q, limit: 100 }).then((p) => p.hits.map((h) => h.article?.site));
    expect(await site({ sort: 'newest' })).toEqual(['Blog', ...Array(5).fill('Wire'), 'Ledger', 'Ledger']);
    expect(await site({ sort: 'oldest' })).toEqual(['Ledger', 'Ledger', ...Array(5).fill('Wire'), 'Blog']);
    expect(await site({ sort: 'outlet' })).toEqual(['Blog', 'Ledger', 'Ledger', ...Array(5).fill('Wire')]);
    const sure = await query({ sort: 'confidence', stances: ['overcapacity', 'demand'], limit: 100 });
    expect(sure.hits[0]?.kind).toBe('annotation');

    for (const sort of ['newest', 'oldest', 'outlet', 'confidence'] as const) {
      const all = await query({ sort, limit: 100 });
      expect(all.total).toBe(8);
      const paged: LibraryHit[] = [];
      for (let offset = 0; offset < all.total; offset += 3) {
        const page = await query({ sort, limit: 3, offset });
        expect(page.total).toBe(8);
        paged.push(...page.hits);
      }
      expect(paged.map((h) => h.record.id)).toEqual(all.hits.map((h) => h.record.id));
    }
    // Within an article, reading order.
    expect(texts((await query({ outlets: ['Wire'], limit: 2 })).hits)).toEqual([
      'Meta will rent spare GPUs to outside customers.',
      'note: Meta will rent spare GPUs to outside customers.',
    ]);
  });
});

describe('parseLibraryQuery', () => {
  it('accepts a full query and refuses bad ones with the reason', () => {
    expect(parseLibraryQuery({ ...EMPTY_QUERY, from: '2026-02-01', to: '2026-02-28' }).ok).toBe(true);
    const error = (q: object) => {
      const r = parseLibraryQuery({ ...EMPTY_QUERY, ...q });
      return r.ok ? 'accepted' : r.error;
    };
    expect(error({ from: '2026-02-30' })).toMatch(/query.from: 2026-02-30 is not a day/);
    expect(error({ from: '2026-03-01', to: '2026-02-01' })).toMatch(/starts \(2026-03-01\) after it ends/);
    expect(error({ sort: 'random' })).toMatch(/query.sort/);
    expect(error({ limit: 100_000 })).toMatch(/query.limit/);
    expect(error({ stances: ['bullish'] })).toMatch(/query.stances\[0\]/);
    expect(error({ extra: 1 })).toMatch(/unexpected field "extra"/);
  });
});

describe('libraryFor', () => {
  it('gives the whole library for an empty query', async () => {
    expect(asksNothing(EMPTY_QUERY)).toBe(true);
    expect(asksNothing({ ...EMPTY_QUERY, text: 'the of' })).toBe(true); // function words find nothing
    expect(asksNothing({ ...EMPTY_QUERY, text: 'glut' })).toBe(false);
    expect(asksNothing({ ...EMPTY_QUERY, from: '2025-01-01' })).toBe(false);
    expect(await libraryFor(db, EMPTY_QUERY)).toEqual(await new LibraryRepository(db).load());
  });

  it('gives what the filter shows, with those articles’ corrections and page text, and every tag and pack', async () => {
    await new DetectionRepository(db).correct(
      {
        articleUrl: LEDGER,
        claim: claimPayload(
          'The glut in rented compute is deepening as prices fall.',
          'The glut in rented compute is deepening as prices fall.',
          'overcapacity',
        ),
        detected: 'overcapacity',
        verdict: 'demand',
      },
      NOW,
    );
    await new AnnotationRepository(db).addTag({ id: 'capex', label: 'Capex', createdAt: NOW.toISOString() });
    const part = await libraryFor(db, { ...EMPTY_QUERY, outlets: ['Wire'], limit: 1 });
    expect(part.articles.map((a) => a.id)).toEqual([WIRE]);
    expect(part.claims).toHaveLength(3);
    expect(part.annotations.map((a) => a.id).sort()).toEqual(['n1', 'n2']);
    expect(part.snapshots.map((s) => s.articleId)).toEqual([WIRE]);
    expect(part.corrections).toEqual([]);
    expect(part.tags.map((t) => t.id)).toEqual(['capex']);

    const glut = await libraryFor(db, { ...EMPTY_QUERY, text: 'glut' });
    expect(glut.articles.map((a) => a.id).sort()).toEqual([LEDGER, UNDATED, WIRE].sort());
    expect(glut.claims.map((c) => c.text).sort()).toEqual(
      [
        'Analysts see a glut of idle accelerators by next year.',
        'Spare capacity at the hyperscalers looks like a glut to me.',
        'The glut in rented compute is deepening as prices fall.',
      ].sort(),
    );
    expect(glut.corrections.map((c) => c.articleId)).toEqual([LEDGER]);
    expect(glut.annotations).toEqual([]);
  });
});

describe('a common word', () => {
  it('is matched by keys and read only for the page, with the same results as reading every claim', async () => {
    // More claims than are read at once: 150 articles of 20 claims, all with "capacity", some with "shortage".
    const big = new ClaimLensDatabase(`common-${Math.random()}`);
    const repo = new ArticleRepository(big);
    const stances = ['overcapacity', 'demand', 'neutral'] as const;
    for (let a = 0; a < 150; a++) {
      const sentences: [string, Stance][] = Array.from({ length: 20 }, (_, c) => [
        `Capacity note ${a} ${c}${c % 3 === 0 ? ' with a shortage' : ''}.`,
        stances[(a + c) % 3] ?? 'neutral',
      ]);
      await repo.saveAnalysis(
        analysisOf(`https://o${a % 4}.example/${a}`, sentences, {
          site: `Outlet ${a % 4}`,
          published: `2026-01-${String((a % 28) + 1).padStart(2, '0')}T10:00:00Z`,
        }),
        NOW,
      );
    }
    const all = await big.claims.toArray();
    const articlesById = new Map((await big.articles.toArray()).map((a) => [a.id, a]));
    const expected = (keep: (text: string, stance: Stance, site: string) => boolean) =>
      all.filter((c) => keep(c.text, c.stance, articlesById.get(c.articleId)?.site ?? '')).length;
    const run = (q: Partial<LibraryQuery>) => queryLibrary(big, { ...EMPTY_QUERY, ...q });

    expect((await run({ text: 'capacity' })).total).toBe(3_000);
    const two = await run({ text: 'capacity shortage', stances: ['demand'], outlets: ['Outlet 1'] });
    expect(two.total).toBe(
      expected((t, s, site) => t.includes('shortage') && s === 'demand' && site === 'Outlet 1'),
    );
    expect(two.hits.every((h) => h.kind === 'claim' && h.record.stance === 'demand')).toBe(true);

    const page = await run({ text: 'capacity', limit: 30, offset: 25 });
    expect(page.hits).toHaveLength(30);
    const whole = await run({ text: 'capacity note', limit: 100 });
    expect(page.hits.map((h) => h.record.id)).toEqual(whole.hits.slice(25, 55).map((h) => h.record.id));
    // Newest article first, in reading order within it.
    const dates = whole.hits.map((h) => h.article?.published ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    await big.delete();
  });
});
