import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleRepository, ClaimRepository } from '../../../utils/db/articles.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { analysisOf } from '../fixtures.ts';

let db: ClaimLensDatabase;
let articles: ArticleRepository;
let claims: ClaimRepository;

beforeEach(() => {
  db = new ClaimLensDatabase(`test-${Math.random()}`);
  articles = new ArticleRepository(db);
  claims = new ClaimRepository(db);
});
afterEach(async () => {
  await db.delete();
});

const URL_A = 'https://a.example/story';

describe('ArticleRepository', () => {
  it('stores an article with its claims and stance counts', async () => {
    const saved = await articles.saveAnalysis(
      analysisOf(URL_A, [
        ['There is a glut of GPUs.', 'overcapacity'],
        ['Compute is scarce.', 'demand'],
        ['Meta owns H100s.', 'neutral'],
        ['Tencent lacks compute.', 'demand'],
      ]),
      new Date('2026-07-15T10:00:00Z'),
    );
    expect(saved).toMatchObject({
      id: URL_A,
      claimCount: 4,
      stances: { overcapacity: 1, demand: 2, neutral: 1 },
    });
    expect((await claims.forArticle(URL_A)).map((c) => c.text)).toEqual([
      'There is a glut of GPUs.',
      'Compute is scarce.',
      'Meta owns H100s.',
      'Tencent lacks compute.',
    ]);
  });

  it('replaces the claims of an earlier pass, keeps first-seen and merges the URLs it was read at', async () => {
    await articles.saveAnalysis(
      analysisOf(URL_A, [['Old claim about GPUs.', 'neutral']]),
      new Date('2026-07-15T10:00:00Z'),
    );
    const again = await articles.saveAnalysis(
      analysisOf(URL_A, [['New claim about a glut.', 'overcapacity']], {
        location: 'https://a.example/amp/story',
      }),
      new Date('2026-07-16T10:00:00Z'),
    );
    expect(again.firstSeen).toBe('2026-07-15T10:00:00.000Z');
    expect(again.lastSeen).toBe('2026-07-16T10:00:00.000Z');
    expect(again.urls).toEqual([URL_A, 'https://a.example/amp/story']);
    expect((await claims.forArticle(URL_A)).map((c) => c.text)).toEqual(['New claim about a glut.']);
    expect(await articles.findByUrl('https://a.example/amp/story')).toMatchObject({ id: URL_A });
  });

  it('gives the same claim the same id on every visit', async () => {
    const analysis = analysisOf(URL_A, [['A glut of GPUs.', 'overcapacity']]);
    await articles.saveAnalysis(analysis, new Date());
    const first = (await claims.forArticle(URL_A))[0]?.id;
    await articles.saveAnalysis(analysis, new Date());
    expect((await claims.forArticle(URL_A))[0]?.id).toBe(first);
    expect(await db.claims.count()).toBe(1);
  });

  it('lists newest first and counts', async () => {
    await articles.saveAnalysis(analysisOf('https://a.example/1', []), new Date('2026-01-01T00:00:00Z'));
    await articles.saveAnalysis(analysisOf('https://a.example/2', []), new Date('2026-02-01T00:00:00Z'));
    expect((await articles.list()).map((a) => a.id)).toEqual(['https://a.example/2', 'https://a.example/1']);
    expect(await articles.count()).toBe(2);
    expect(await articles.findByUrl('https://a.example/3')).toBeUndefined();
  });
});

describe('regrouping stories', () => {
  const save = (url: string, day: number) =>
    articles.saveAnalysis(
      analysisOf(url, [['Meta rents out spare GPU capacity to outside developers.', 'neutral']], {
        published: `2026-07-1${day}T10:00:00.000Z`,
      }),
      new Date(`2026-07-1${day}T12:00:00Z`),
    );

  it('splits an article off its story, and the story keeps its other articles under a new name', async () => {
    await save('https://a.example/first', 5);
    await save('https://b.example/second', 5);
    await save('https://c.example/third', 6);
    const story = (await articles.findByUrl('https://a.example/first'))?.storyId;
    expect((await articles.list()).map((a) => a.storyId)).toEqual([story, story, story]);

    await articles.moveToStory('https://a.example/first', null);
    const after = new Map((await articles.list()).map((a) => [a.id, a.storyId]));
    expect(after.get('https://a.example/first')).toBe('https://a.example/first');
    expect(after.get('https://b.example/second')).toBe('https://b.example/second');
    expect(after.get('https://c.example/third')).toBe('https://b.example/second');

    // Reading the article again does not undo the reader's split.
    await save('https://a.example/first', 5);
    expect((await articles.findByUrl('https://a.example/first'))?.storyId).toBe('https://a.example/first');

    await articles.moveToStory('https://a.example/first', 'https://c.example/third');
    expect((await articles.findByUrl('https://a.example/first'))?.storyId).toBe('https://b.example/second');
    await expect(articles.moveToStory('https://nowhere.example/', null)).rejects.toThrow('No stored article');
  });
});
