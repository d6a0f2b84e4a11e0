import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { ArticleRepository } from '../../../utils/db/articles.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { queryTerms } from '../../../utils/text/search.ts';
import { analysisOf } from '../fixtures.ts';

const NOW = new Date('2026-03-01T10:00:00Z');

describe('derived index keys', () => {
  it('indexes claims by their words on every write and hides the keys from readers', async () => {
    const db = new ClaimLensDatabase(`derived-${Math.random()}`);
    const repo = new ArticleRepository(db);
    await repo.saveAnalysis(
      analysisOf('https://a.example/1', [
        ['Hyperscalers face a glut of idle GPUs.', 'overcapacity'],
        ['Tencent says its compute is still insufficient.', 'demand'],
      ]),
      NOW,
    );
    const found = await db.claims.where('words').startsWith('glut').toArray();
    expect(found.map((c) => c.text)).toEqual(['Hyperscalers face a glut of idle GPUs.']);
    expect(found[0]).not.toHaveProperty('words');
    expect(await db.claims.where('words').equals('the').count()).toBe(0);

    // An update that changes the text re-derives the words.
    const id = found[0]?.id ?? '';
    await db.claims.update(id, { text: 'Capex keeps rising.' });
    expect(await db.claims.where('words').startsWith('glut').count()).toBe(0);
    expect(await db.claims.where('words').startsWith('capex').count()).toBe(1);
    await db.delete();
  });

  it('finds a syndicated copy by its copy keys a month later, and joins the story of the original', async () => {
    const db = new ClaimLensDatabase(`derived-${Math.random()}`);
    const repo = new ArticleRepository(db);
    const body: [string, 'neutral'][] = Array.from({ length: 40 }, (_, i) => [
      `Sentence number ${i} says something specific about lease ${i * 7} in county ${i * 3}.`,
      'neutral',
    ]);
    const original = await repo.saveAnalysis(
      analysisOf('https://a.example/original', body, { published: '2026-01-05T08:00:00Z' }),
      NOW,
    );
    await repo.saveAnalysis(
      analysisOf('https://b.example/other', [['A story about rail freight in winter.', 'neutral']], {
        published: '2026-02-04T08:00:00Z',
      }),
      NOW,
    );
    const copy = await repo.saveAnalysis(
      analysisOf('https://b.example/copy', [...body, ['An extra paragraph the copy added.', 'neutral']], {
        published: '2026-02-05T08:00:00Z',
      }),
      NOW,
    );
    expect((await repo.copiesOf(copy.profile.fingerprint)).map((a) => a.id).sort()).toEqual([
      'https://a.example/original',
      'https://b.example/copy',
    ]);
    expect(copy.storyId).toBe(original.storyId);
    expect(await db.articles.get('https://a.example/original')).not.toHaveProperty('copyKeys');
    await db.delete();
  });

  it('gives records written by version 4 their keys on upgrade', async () => {
    const name = `derived-${Math.random()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({
      articles: 'id, *urls, site, published, lastSeen, storyId',
      claims: 'id, articleId, stance',
      annotations: 'id, articleId, *tags, updatedAt',
    });
    await v4.table('claims').bulkPut(
      Array.from({ length: 1_000 }, (_, i) => ({
        id: `c${i}`,
        articleId: 'a',
        stance: 'demand',
        text: i % 2 ? `Shortage number ${i}` : `Surplus number ${i}`,
      })),
    );
    await v4.table('annotations').put({
      id: 'n1',
      articleId: 'a',
      tags: ['questionable'],
      note: 'Check the depreciation schedule',
      selectors: [{ type: 'TextQuoteSelector', exact: 'useful life of six years', prefix: '', suffix: '' }],
    });
    v4.close();

    const db = new ClaimLensDatabase(name);
    expect(await db.claims.count()).toBe(1_000);
    expect(await db.claims.where('words').startsWith('shortage').count()).toBe(500);
    for (const term of queryTerms('depreciation six'))
      expect(await db.annotations.where('words').startsWith(term).count()).toBe(1);
    expect(await db.annotations.where('words').equals('questionable').count()).toBe(1);
    await db.delete();
  });
});
