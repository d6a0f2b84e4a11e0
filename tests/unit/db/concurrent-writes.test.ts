import { describe, expect, it } from 'vitest';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import type { Stance } from '../../../utils/detect/pack.ts';
import type { ClaimPayload } from '../../../utils/model.ts';
import { describeSpan } from '../../../utils/anchor/selectors.ts';
import { analysisOf, handlersFor } from '../fixtures.ts';

const NOW = new Date('2026-07-20T10:00:00Z');
const ARTICLES = 20;
const ANNOTATIONS_EACH = 10;
const url = (i: number) => `https://tab${i}.example/story`;
/** Two passes over the same article (the page changed between them): each claim set is whole or absent. */
const pass = (i: number, which: 'first' | 'second'): [string, Stance][] =>
  Array.from({ length: which === 'first' ? 3 : 4 }, (_, k) => [
    `Pass ${which} of tab ${i} says compute is scarce ${k}.`,
    'demand',
  ]);

describe('many tabs writing at once through the background', () => {
  it('loses no article, claim pass, annotation, tag or correction', async () => {
    const db = new ClaimLensDatabase(`concurrent-${Math.random()}`);
    let next = 0;
    const handlers = handlersFor(db, NOW, () => String(next++));
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < ARTICLES; i++) {
      const first = analysisOf(url(i), pass(i, 'first'));
      writes.push(handlers['page/analyzed']({ type: 'page/analyzed', article: first }, i));
      writes.push(
        handlers['page/analyzed'](
          { type: 'page/analyzed', article: analysisOf(url(i), pass(i, 'second')) },
          i,
        ),
      );
      for (let n = 0; n < ANNOTATIONS_EACH; n++) {
        const text = `Passage ${n} of tab ${i}.`;
        writes.push(
          handlers['annotations/create'](
            {
              type: 'annotations/create',
              articleUrl: url(i),
              annotation: {
                selectors: describeSpan(text, { start: 0, end: 7 }),
                tags: ['disputed'],
                note: null,
                stance: null,
              },
              snapshot: text,
            },
            i,
          ),
        );
      }
      writes.push(handlers['tags/create']({ type: 'tags/create', label: `Tab ${i}` }, i));
      writes.push(
        handlers['claim/correct'](
          {
            type: 'claim/correct',
            articleUrl: url(i),
            claim: first.claims[0] as ClaimPayload,
            detected: 'demand',
            verdict: null,
          },
          i,
        ),
      );
    }
    const replies = await Promise.all(writes);
    expect(replies.filter((r) => (r as { ok?: boolean }).ok === false)).toEqual([]);

    expect((await db.articles.toArray()).map((a) => a.id).sort()).toEqual(
      Array.from({ length: ARTICLES }, (_, i) => url(i)).sort(),
    );
    for (let i = 0; i < ARTICLES; i++) {
      const texts = (await db.claims.where('articleId').equals(url(i)).toArray()).map((c) => c.text).sort();
      // The claims of one pass, never a mix of both.
      expect([pass(i, 'first'), pass(i, 'second')].map((p) => p.map(([t]) => t).sort())).toContainEqual(
        texts,
      );
      const article = await db.articles.get(url(i));
      expect(article?.claimCount).toBe(texts.length);
    }
    expect(await db.annotations.count()).toBe(ARTICLES * ANNOTATIONS_EACH);
    expect(await db.snapshots.count()).toBe(ARTICLES);
    expect((await db.tags.toArray()).map((t) => t.label).sort()).toEqual(
      Array.from({ length: ARTICLES }, (_, i) => `Tab ${i}`).sort(),
    );
    expect(await db.corrections.count()).toBe(ARTICLES);
    await db.delete();
  });
});
