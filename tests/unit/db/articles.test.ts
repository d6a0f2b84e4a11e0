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
    expect((await articles.newest(1_000)).map((a) => a.id)).toEqual([
      'https://a.example/2',
      'https://a.example/1',
    ]);
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
    expect((await articles.newest(1_000)).map((a) => a.storyId)).toEqual([story, story, story]);

    await articles.moveToStory('https://a.example/first', null);
    const after = new Map((await articles.newest(1_000)).map((a) => [a.id, a.storyId]));
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

describe('ArticleRepository pages of a large library', () => {
  // Three stories: two articles on the leases (one day apart), one on rail freight, one on a lone chip story.
  const save = (url: string, sentence: string, published: string, read: string) =>
    articles.saveAnalysis(
      analysisOf(url, [[sentence, 'neutral']], { published, site: new URL(url).host }),
      new Date(read),
    );
  beforeEach(async () => {
    await save(
      'https://a.example/leases',
      'Microsoft walked away from data-centre leases in Ohio and Texas, TD Cowen said.',
      '2025-02-24T08:00:00Z',
      '2025-02-24T09:00:00Z',
    );
    await save(
      'https://b.example/leases',
      'TD Cowen said Microsoft walked away from data-centre leases in Texas and Ohio.',
      '2025-02-25T08:00:00Z',
      '2025-02-25T09:00:00Z',
    );
    await save(
      'https://c.example/rail',
      'Rail freight volumes through Rotterdam rose in the autumn timetable.',
      '2025-06-01T08:00:00Z',
      '2025-06-02T09:00:00Z',
    );
    await save(
      'https://d.example/chips',
      'Nvidia shipped Blackwell racks to Oracle in Abilene this week.',
      '2025-09-01T08:00:00Z',
      '2025-09-01T09:00:00Z',
    );
  });

  it('lists the most recently read first, a page at a time, and the outlets from the index', async () => {
    expect((await articles.newest(2)).map((a) => a.id)).toEqual([
      'https://d.example/chips',
      'https://c.example/rail',
    ]);
    expect(await articles.outlets()).toEqual(['a.example', 'b.example', 'c.example', 'd.example']);
  });

  it('names each story after its first article, and counts its articles on the index', async () => {
    const heads = await articles.storyHeads();
    expect([...heads.values()].map((a) => a.id).sort()).toEqual([
      'https://a.example/leases',
      'https://c.example/rail',
      'https://d.example/chips',
    ]);
    expect(await articles.storyMembers()).toEqual(
      new Map([
        ['https://a.example/leases', ['https://a.example/leases', 'https://b.example/leases']],
        ['https://c.example/rail', ['https://c.example/rail']],
        ['https://d.example/chips', ['https://d.example/chips']],
      ]),
    );
    expect([...(await articles.storyHeads(['https://c.example/rail'])).keys()]).toEqual([
      'https://c.example/rail',
    ]);
    // A story whose first article left is named by another of its articles.
    await db.articles.delete('https://a.example/leases');
    expect((await articles.storyHeads()).get('https://a.example/leases')?.id).toBe(
      'https://b.example/leases',
    );
  });

  it('pages stories with several sources first, then lone articles most recently read first', async () => {
    const first = await articles.storyPage(2);
    expect(first.stories).toBe(3);
    expect(first.articles.map((a) => a.id).sort()).toEqual([
      'https://a.example/leases',
      'https://b.example/leases',
      'https://d.example/chips',
    ]);
    expect((await articles.storyPage(3)).articles).toHaveLength(4);
  });

  it('offers to move an article only into stories near it in time', async () => {
    const lease = await db.articles.get('https://b.example/leases');
    if (!lease) throw new Error('not stored');
    expect([...(await articles.storiesNear(lease)).keys()]).toEqual(['https://a.example/leases']);
    const rail = await db.articles.get('https://c.example/rail');
    if (!rail) throw new Error('not stored');
    expect([...(await articles.storiesNear(rail)).keys()]).toEqual(['https://c.example/rail']);
  });
});
