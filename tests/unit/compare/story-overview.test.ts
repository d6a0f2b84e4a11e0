import { describe, expect, it } from 'vitest';
import type { SourceClaim } from '../../../utils/compare/align.ts';
import { fingerprint } from '../../../utils/compare/fingerprint.ts';
import {
  otherSideArticleIds,
  otherSideClaims,
  storyOverviews,
} from '../../../utils/compare/story-overview.ts';
import { ArticleRepository, ClaimRepository } from '../../../utils/db/articles.ts';
import { DetectionRepository } from '../../../utils/db/detection.ts';
import { ClaimLensDatabase, type ArticleRecord, type StanceCounts } from '../../../utils/db/schema.ts';
import type { Stance } from '../../../utils/detect/pack.ts';
import { analysisOf } from '../fixtures.ts';

const WIRE_TEXT =
  'Meta will rent out spare computing power to other companies, the firm said on Tuesday, in a move that ' +
  'analysts read as a sign of how much capacity it has built. The company owns hundreds of thousands of ' +
  'graphics processors and plans to offer them by the hour to start-ups and research labs across Europe.';

function article(
  id: string,
  fields: Partial<Omit<ArticleRecord, 'stances'>> & { stances?: Partial<StanceCounts> } = {},
): ArticleRecord {
  const stances = { overcapacity: 0, demand: 0, neutral: 0, ...fields.stances };
  return {
    id,
    url: id,
    urls: [id],
    title: `Title of ${id}`,
    site: `site of ${id}`,
    byline: null,
    published: null,
    lang: 'en',
    firstSeen: '2026-07-20T00:00:00.000Z',
    lastSeen: '2026-07-20T00:00:00.000Z',
    textLength: 100,
    storyId: 'story',
    profile: {
      fingerprint: fingerprint(`${id} is an article of its own with words nobody else wrote`),
      keywords: [],
      names: [],
    },
    ...fields,
    stances,
    claimCount: stances.overcapacity + stances.demand + stances.neutral,
  };
}

const claim = (id: string, articleId: string, stance: Stance): SourceClaim => ({
  id,
  articleId,
  text: `claim ${id}`,
  stance,
  entities: [],
  figures: [],
});

describe('story overviews', () => {
  it('puts each story’s sources in time order, dated by publication or else first sight, titled by the earliest', () => {
    const [story] = storyOverviews([
      article('b', { published: '2026-07-16T10:00:00Z' }),
      article('undated', { firstSeen: '2026-07-15T12:00:00.000Z' }),
      article('a', { published: '2026-07-15T09:00:00-04:00' }),
    ]);
    expect(story?.id).toBe('story');
    expect(story?.title).toBe('Title of undated');
    expect(story?.sources.map((s) => [s.article.id, s.date])).toEqual([
      ['undated', '2026-07-15T12:00:00.000Z'],
      ['a', '2026-07-15T09:00:00-04:00'],
      ['b', '2026-07-16T10:00:00Z'],
    ]);
  });

  it('groups by story, an article from before stories a story of its own, more sources first, then newest', () => {
    const overviews = storyOverviews([
      article('old', { storyId: null, published: '2026-01-01T00:00:00Z' }),
      article('x1', { storyId: 'x', published: '2026-02-01T00:00:00Z' }),
      article('y1', { storyId: 'y', published: '2026-03-01T00:00:00Z' }),
      article('y2', { storyId: 'y', published: '2026-03-02T00:00:00Z' }),
      article('z1', { storyId: 'z', published: '2026-01-05T00:00:00Z' }),
      article('z2', { storyId: 'z', published: '2026-01-06T00:00:00Z' }),
    ]);
    expect(overviews.map((o) => [o.id, o.sources.length])).toEqual([
      ['y', 2],
      ['z', 2],
      ['x', 1],
      ['old', 1],
    ]);
  });

  it('marks a later text as a copy of the earliest source it copies, the first seen being the original on a tie', () => {
    const same = { profile: { fingerprint: fingerprint(WIRE_TEXT), keywords: [], names: [] } };
    const [story] = storyOverviews([
      article('reprint', { ...same, published: '2026-07-16T00:00:00Z' }),
      article('own', { published: '2026-07-15T18:00:00Z' }),
      article('copy', { ...same, published: '2026-07-15T12:00:00Z', firstSeen: '2026-07-21T00:00:00.000Z' }),
      article('wire', { ...same, published: '2026-07-15T12:00:00Z', firstSeen: '2026-07-20T00:00:00.000Z' }),
    ]);
    expect(story?.sources.map((s) => [s.article.id, s.copyOf])).toEqual([
      ['wire', null],
      ['copy', 'wire'],
      ['own', null],
      ['reprint', 'wire'],
    ]);
  });

  it('finds copies of texts too short to have a copy key by comparing them with every earlier source', () => {
    // Hashes that are no copy key (none is a multiple of 32).
    const short = { profile: { fingerprint: [4, 8, 12], keywords: [], names: [] } };
    const [story] = storyOverviews([
      article('brief', { ...short, published: '2026-07-15T00:00:00Z' }),
      article('long', { published: '2026-07-15T06:00:00Z' }),
      article('brief copy', { ...short, published: '2026-07-15T12:00:00Z' }),
    ]);
    expect(story?.sources.map((s) => s.copyOf)).toEqual([null, null, 'brief']);
  });

  it('counts each outlet’s claims by stance over all its articles on the story, most claims first', () => {
    const [story] = storyOverviews([
      article('a', { site: 'Ledger', stances: { overcapacity: 2, neutral: 1 } }),
      article('b', { site: 'Bitstream', stances: { demand: 1 } }),
      article('c', { site: 'Ledger', stances: { overcapacity: 1, demand: 1 } }),
    ]);
    expect(story?.outlets).toEqual([
      { site: 'Ledger', counts: { overcapacity: 3, demand: 1, neutral: 1 } },
      { site: 'Bitstream', counts: { overcapacity: 0, demand: 1, neutral: 0 } },
    ]);
  });

  it('tells when the reading leans one way and points to the sources that argue the other side', () => {
    const [story] = storyOverviews([
      article('bear1', { stances: { overcapacity: 5, neutral: 2 } }),
      article('bear2', { stances: { overcapacity: 4 } }),
      article('mixed', { stances: { overcapacity: 3, demand: 1 } }),
      article('bull', { stances: { demand: 2 }, published: '2026-07-19T00:00:00Z' }),
      article('silent', { stances: {} }),
    ]);
    expect(story?.lean).toEqual({ overcapacity: 12, demand: 3, leans: 'overcapacity' });
    expect(story?.otherSide?.stance).toBe('demand');
    expect(story?.otherSide?.sources.map((s) => s.article.id)).toEqual(['bull', 'mixed']);

    const claims = [
      claim('1', 'mixed', 'demand'),
      claim('2', 'bull', 'demand'),
      claim('3', 'bull', 'overcapacity'),
      claim('4', 'bear1', 'overcapacity'),
      claim('5', 'elsewhere', 'demand'),
    ];
    expect(otherSideArticleIds(story ? [story] : [])).toEqual(['bull', 'mixed']);
    expect(
      otherSideClaims(story ? [story] : [], claims)
        .get('story')
        ?.map((c) => c.id),
    ).toEqual(['2', '1']);
  });

  it('says nothing of a lean with fewer than three sources, or a balanced reading', () => {
    const overviews = storyOverviews([
      article('a', { storyId: 'two', stances: { overcapacity: 5 } }),
      article('b', { storyId: 'two', stances: { overcapacity: 5 } }),
      article('c', { storyId: 'balanced', stances: { overcapacity: 2 } }),
      article('d', { storyId: 'balanced', stances: { demand: 2 } }),
      article('e', { storyId: 'balanced', stances: { neutral: 3 } }),
    ]);
    for (const overview of overviews) {
      expect(overview.lean.leans).toBeNull();
      expect(overview.otherSide).toBeNull();
    }
    expect(otherSideClaims(overviews, [claim('1', 'a', 'demand')]).size).toBe(0);
  });
});

describe('story overviews of a stored library', () => {
  it('count per outlet what the stored claims say, after analyses and a correction', async () => {
    const db = new ClaimLensDatabase(`story-overview-${Math.random()}`);
    const articles = new ArticleRepository(db);
    const now = new Date('2026-07-20T00:00:00Z');
    const one = analysisOf(
      'https://one.example/a',
      [
        ['Meta has too many idle GPUs.', 'overcapacity'],
        ['Demand for compute keeps rising.', 'demand'],
        ['Meta owns many GPUs.', 'neutral'],
      ],
      { site: 'One' },
    );
    const stored = await articles.saveAnalysis(one, now);
    await db.articles.update(stored.id, { storyId: 'shared' });
    const [, , owns] = one.claims;
    if (!owns) throw new Error('the fixture has three claims');
    await new DetectionRepository(db).correct(
      { articleUrl: stored.url, claim: owns, detected: 'neutral', verdict: 'demand' },
      now,
    );
    await articles.saveAnalysis(
      analysisOf('https://two.example/b', [['The glut of chips is growing.', 'overcapacity']], {
        site: 'Two',
      }),
      now,
    );
    await db.articles.update('https://two.example/b', { storyId: 'shared' });

    const claims = await new ClaimRepository(db).all();
    const overview = storyOverviews(await articles.newest(1_000)).find((o) => o.id === 'shared');
    for (const outlet of overview?.outlets ?? []) {
      const ids = new Set(
        overview?.sources.filter((s) => s.article.site === outlet.site).map((s) => s.article.id),
      );
      const mine = claims.filter((c) => ids.has(c.articleId));
      for (const stance of ['overcapacity', 'demand', 'neutral'] as const)
        expect(outlet.counts[stance]).toBe(mine.filter((c) => c.stance === stance).length);
    }
    expect(overview?.outlets).toEqual([
      { site: 'One', counts: { overcapacity: 1, demand: 2, neutral: 0 } },
      { site: 'Two', counts: { overcapacity: 1, demand: 0, neutral: 0 } },
    ]);
    db.close();
  });
});
