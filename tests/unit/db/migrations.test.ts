import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';

describe('schema migrations', () => {
  it('opens a version-1 library and keeps every article and claim, with a story and an empty profile', async () => {
    const name = `migrate-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      articles: 'id, *urls, site, published, lastSeen',
      claims: 'id, articleId, stance',
    });
    const articles = Array.from({ length: 200 }, (_, i) => ({
      id: `https://old.example/${i}`,
      url: `https://old.example/${i}`,
      urls: [`https://old.example/${i}`],
      title: `Old ${i}`,
      site: 'Old',
      byline: null,
      published: null,
      lang: 'en',
      firstSeen: '2026-01-01T00:00:00.000Z',
      lastSeen: '2026-01-01T00:00:00.000Z',
      textLength: 100,
      claimCount: 1,
      stances: { overcapacity: 1, demand: 0, neutral: 0 },
    }));
    await v1.table('articles').bulkPut(articles);
    await v1
      .table('claims')
      .bulkPut(articles.map((a, i) => ({ id: `c${i}`, articleId: a.id, stance: 'overcapacity' })));
    v1.close();

    const db = new ClaimLensDatabase(name);
    expect(await db.articles.count()).toBe(200);
    expect(await db.claims.count()).toBe(200);
    const first = await db.articles.get('https://old.example/0');
    expect(first).toMatchObject({ title: 'Old 0', storyId: 'https://old.example/0' });
    expect(first?.profile).toEqual({ fingerprint: [], keywords: [], names: [] });
    expect(await db.annotations.count()).toBe(0);
    await db.delete();
  });

  it('opens a version-5 library with an empty trash, every record and index kept', async () => {
    const name = `migrate-${Math.random()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({
      articles: 'id, *urls, site, published, lastSeen, storyId, firstSeen, *copyKeys',
      claims: 'id, articleId, stance, *words',
      corrections: 'id, sentenceKey, articleId, createdAt',
      packs: 'id, updatedAt',
      settings: 'key',
      annotations: 'id, articleId, *tags, updatedAt, *words',
      tags: 'id',
      snapshots: 'articleId',
    });
    await v5
      .table('claims')
      .bulkPut([{ id: 'c1', articleId: 'https://old.example/1', stance: 'demand', words: ['shortage'] }]);
    await v5.table('settings').put({ key: 'highlights', value: { everywhere: false, offSites: [] } });
    v5.close();

    const db = new ClaimLensDatabase(name);
    expect(db.verno).toBe(6);
    expect(await db.trash.count()).toBe(0);
    expect(await db.claims.where('words').equals('shortage').count()).toBe(1);
    expect(await db.settings.get('highlights')).toMatchObject({ value: { everywhere: false } });
    await db.delete();
  });
});
