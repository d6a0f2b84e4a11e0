import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../scripts/lib/corpus.ts';
import { parseHtml } from '../../../scripts/lib/parse-html.ts';
import { analyzeDocument } from '../../../utils/analyze.ts';
import { containment, fingerprint, isCopy } from '../../../utils/compare/fingerprint.ts';
import { profileOf } from '../../../utils/compare/profile.ts';
import { ArticleRepository } from '../../../utils/db/articles.ts';
import { ClaimLensDatabase, type ArticleRecord } from '../../../utils/db/schema.ts';
import { compileDetector } from '../../../utils/detect/detect.ts';
import { BUILT_IN_PACKS } from '../../../utils/detect/packs/index.ts';

const NEWSROOM = resolve(import.meta.dirname, '../../../demo/newsroom');
const catalog = (
  JSON.parse(readFileSync(resolve(NEWSROOM, 'catalog.json'), 'utf8')) as {
    path: string;
    story: string | null;
    kind: string;
    published: string;
    syndicatedFrom: string | null;
  }[]
)
  .filter((entry) => entry.kind === 'article')
  .sort((a, b) => a.published.localeCompare(b.published));

const detector = compileDetector(BUILT_IN_PACKS);
const textOf = (path: string) => {
  const location = `https://demo.example${path}`;
  const analysis = analyzeDocument(
    parseHtml(readFileSync(resolve(NEWSROOM, `.${path}`), 'utf8'), location),
    location,
    detector,
  );
  if (analysis.kind !== 'article') throw new Error(`${path} is not read as an article`);
  return analysis;
};

describe('fingerprints', () => {
  it('tell a syndicated copy from an article on the same story', () => {
    const wire = textOf('/meridian-wire/meta-cloud-compute.html').map.text;
    const copy = textOf('/riverbend-gazette/meta-ai-cloud-chip-stocks.html').map.text;
    const other = textOf('/capital-ledger/meta-compute-rental-scarcity-cracks.html').map.text;
    expect(isCopy(fingerprint(wire), fingerprint(copy))).toBe(true);
    expect(containment(fingerprint(wire), fingerprint(other))).toBeLessThan(0.1);
  });
});

describe('story grouping on the demo newsroom', () => {
  let db: ClaimLensDatabase;
  let stored: ArticleRecord[];

  beforeAll(async () => {
    db = new ClaimLensDatabase(`stories-${Math.random()}`);
    const articles = new ArticleRepository(db);
    // In the order the articles were published, as a reader might meet them.
    for (const entry of catalog) {
      const analysis = textOf(entry.path);
      await articles.saveAnalysis(
        {
          meta: analysis.meta,
          textLength: analysis.map.text.length,
          claims: analysis.claims,
          profile: profileOf(analysis.map.text),
        },
        new Date(entry.published),
      );
    }
    stored = await articles.newest(1_000);
  });
  afterAll(async () => {
    await db.delete();
  });

  const storyOf = (path: string) => stored.find((a) => a.url.endsWith(path))?.storyId;

  it('puts every article of a story in one group, and no article of another story in it', () => {
    const stories = new Map<string, Set<string | null | undefined>>();
    for (const entry of catalog) {
      const set = stories.get(entry.story ?? '') ?? new Set();
      set.add(storyOf(entry.path));
      stories.set(entry.story ?? '', set);
    }
    for (const [story, groups] of stories)
      expect({ story, groups: groups.size }).toEqual({ story, groups: 1 });
    const groupIds = [...stories.values()].map((g) => [...g][0]);
    expect(new Set(groupIds).size).toBe(stories.size);
  });
});

describe('story grouping on the labelled corpus: the same words, another story', () => {
  it('keeps the Stargate announcement apart from the DeepSeek sell-off a few days later, though both talk of Nvidia, OpenAI and chips', async () => {
    const entries = (await loadCorpus('all'))
      .filter((e) => e.labels.storyline === 'deepseek' || e.labels.storyline === 'stargate')
      .map((e) => {
        const location = `https://corpus.example/${e.id}`;
        const analysis = analyzeDocument(parseHtml(e.html, location), location, detector);
        if (analysis.kind !== 'article') throw new Error(`${e.id} is not read as an article`);
        return { storyline: e.labels.storyline, analysis };
      })
      .filter(({ analysis }) => (analysis.meta.published ?? '') < '2025-01-29')
      .sort((a, b) => (a.analysis.meta.published ?? '').localeCompare(b.analysis.meta.published ?? ''));
    const db = new ClaimLensDatabase(`stories-${Math.random()}`);
    const articles = new ArticleRepository(db);
    const storyOf = new Map<string, Set<string | null>>();
    for (const { storyline, analysis } of entries) {
      const record = await articles.saveAnalysis(
        {
          meta: analysis.meta,
          textLength: analysis.map.text.length,
          claims: analysis.claims,
          profile: profileOf(analysis.map.text),
        },
        new Date(analysis.meta.published ?? 0),
      );
      storyOf.set(storyline ?? '', (storyOf.get(storyline ?? '') ?? new Set()).add(record.storyId));
    }
    // Stargate articles in the days before the sell-off, and articles on the sell-off itself.
    expect(entries.filter((e) => e.storyline === 'stargate').length).toBeGreaterThanOrEqual(3);
    expect(entries.filter((e) => e.storyline === 'deepseek').length).toBeGreaterThanOrEqual(6);
    expect(storyOf.get('stargate')?.size).toBe(1);
    expect(storyOf.get('deepseek')?.size).toBe(1);
    expect([...(storyOf.get('stargate') ?? [])][0]).not.toBe([...(storyOf.get('deepseek') ?? [])][0]);
    await db.delete();
  });
});
