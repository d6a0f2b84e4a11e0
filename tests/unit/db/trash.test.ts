import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationRepository } from '../../../utils/db/annotations.ts';
import { ArticleRepository, LibraryRepository } from '../../../utils/db/articles.ts';
import { DetectionRepository } from '../../../utils/db/detection.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { SettingsRepository } from '../../../utils/db/settings.ts';
import { DEFAULT_UNDO_SECONDS, TrashRepository } from '../../../utils/db/trash.ts';
import { emptyLibrary } from '../../../utils/export/web-annotation.ts';
import { parseMessage } from '../../../utils/messages.ts';
import { analysisOf, claimPayload } from '../fixtures.ts';

const T0 = new Date('2026-07-20T10:00:00Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const A = 'https://a.example/one';
const B = 'https://b.example/two';
const C = 'https://c.example/three';

let db: ClaimLensDatabase;
let trash: TrashRepository;
const everything = () => new LibraryRepository(db).load();
const settingsOf = () => db.settings.toArray();

beforeEach(async () => {
  db = new ClaimLensDatabase(`trash-${Math.random()}`);
  trash = new TrashRepository(db);
  const articles = new ArticleRepository(db);
  const sentence = 'Hyperscalers face a glut of idle GPUs.';
  for (const url of [A, B, C])
    await articles.saveAnalysis(
      analysisOf(url, [
        [sentence, 'overcapacity'],
        [`Compute at ${url} is scarce.`, 'demand'],
      ]),
      T0,
    );
  // A and B share a story; C is on its own (the same sentence would have joined it to theirs).
  await articles.moveToStory(B, A);
  await articles.moveToStory(C, null);
  const annotations = new AnnotationRepository(db);
  for (const url of [A, C])
    await annotations.create(
      url,
      url,
      {
        selectors: claimPayload(sentence, sentence, 'neutral').selectors,
        tags: ['disputed'],
        note: null,
        stance: null,
      },
      `${sentence} Page text of ${url}.`,
      T0,
      () => `n-${url}`,
    );
  await annotations.addTag({ id: 'capex', label: 'Capex', createdAt: T0.toISOString() });
  await new DetectionRepository(db).correct(
    {
      articleUrl: A,
      claim: claimPayload(sentence, sentence, 'overcapacity'),
      detected: 'overcapacity',
      verdict: 'demand',
    },
    T0,
  );
  await new SettingsRepository(db).setSite('example.org', false);
});
afterEach(async () => {
  await db.delete();
});

describe('TrashRepository', () => {
  it('deletes an article with its claims, annotations, corrections and page text, and nothing else', async () => {
    const before = await everything();
    const summary = await trash.delete({ kind: 'article', articleId: A }, T0, 't1');
    expect(summary).toMatchObject({ id: 't1', articles: 1, claims: 2, annotations: 1 });
    expect(summary.expiresAt).toBe(later(DEFAULT_UNDO_SECONDS).toISOString());
    const after = await everything();
    expect(after.articles.map((a) => a.id).sort()).toEqual([B, C]);
    expect(after.claims).toEqual(before.claims.filter((c) => c.articleId !== A));
    expect(after.annotations).toEqual(before.annotations.filter((a) => a.articleId !== A));
    expect(after.corrections).toEqual([]);
    expect(after.snapshots.map((s) => s.articleId)).toEqual([C]);
    expect(after.tags).toEqual(before.tags);
    expect(await db.claims.where('words').startsWith('glut').count()).toBe(2);

    await trash.restore('t1', later(5));
    expect(await everything()).toEqual(before);
    // Derived keys come back with the records.
    expect(await db.claims.where('words').startsWith('glut').count()).toBe(3);
    expect(await db.trash.count()).toBe(0);
  });

  it('deletes a whole story', async () => {
    const summary = await trash.delete({ kind: 'story', storyId: A }, T0, 't1');
    expect(summary).toMatchObject({ articles: 2, claims: 4, annotations: 1 });
    expect(summary.label).toMatch(/^2 articles of the story “Title of https:\/\/a.example\/one”$/);
    expect((await everything()).articles.map((a) => a.id)).toEqual([C]);
  });

  it('deletes everything but the settings, and puts it all back exactly', async () => {
    const [before, settings] = [await everything(), await settingsOf()];
    await trash.delete({ kind: 'everything' }, T0, 't1');
    expect(await everything()).toEqual(emptyLibrary());
    expect(await settingsOf()).toEqual(settings);
    await trash.restore('t1', later(1));
    expect(await everything()).toEqual(before);
  });

  it('refuses to undo once the window has passed, and purges only expired entries', async () => {
    await trash.setUndoWindowSeconds(10);
    await trash.delete({ kind: 'article', articleId: A }, T0, 't1');
    await trash.delete({ kind: 'article', articleId: B }, later(8), 't2');
    await expect(trash.restore('t1', later(10))).rejects.toThrow(/undo window has passed/);
    expect(await db.articles.count()).toBe(1);
    expect(await trash.purge(later(11))).toBe(1);
    expect((await db.trash.toArray()).map((t) => t.id)).toEqual(['t2']);
    // A later delete purges too.
    await trash.delete({ kind: 'article', articleId: C }, later(30), 't3');
    expect((await db.trash.toArray()).map((t) => t.id)).toEqual(['t3']);
    await expect(trash.restore('t1', later(30))).rejects.toThrow(/nothing to undo/);
  });

  it('says so when there is nothing to delete, and touches nothing', async () => {
    const before = await everything();
    await expect(
      trash.delete({ kind: 'article', articleId: 'https://none.example/' }, T0, 't1'),
    ).rejects.toThrow(/nothing to delete/);
    await expect(trash.delete({ kind: 'story', storyId: 'https://none.example/' }, T0, 't1')).rejects.toThrow(
      /nothing to delete/,
    );
    expect(await everything()).toEqual(before);
    expect(await db.trash.count()).toBe(0);
  });

  it('falls back to the default window when the setting is out of range', async () => {
    await db.settings.put({ key: 'undoWindowSeconds', value: -5 });
    expect(await trash.undoWindowSeconds()).toBe(DEFAULT_UNDO_SECONDS);
  });
});

describe('delete messages', () => {
  const parse = (scope: unknown) => parseMessage({ type: 'library/delete', scope });

  it('accept an article, a story, and everything only with the typed confirmation', () => {
    expect(parse({ kind: 'article', articleUrl: A }).ok).toBe(true);
    expect(parse({ kind: 'story', storyId: A }).ok).toBe(true);
    expect(parse({ kind: 'everything', confirm: 'delete everything' }).ok).toBe(true);
    expect(parse({ kind: 'everything' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/confirm/),
    });
    expect(parse({ kind: 'everything', confirm: 'yes' }).ok).toBe(false);
    expect(parse({ kind: 'all' })).toMatchObject({ ok: false, error: expect.stringMatching(/kind/) });
    expect(parse({ kind: 'article', articleUrl: 'javascript:alert(1)' }).ok).toBe(false);
    expect(parseMessage({ type: 'settings/undo-window', seconds: 0 }).ok).toBe(false);
    expect(parseMessage({ type: 'library/restore', trashId: '' }).ok).toBe(false);
  });
});
