import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationRepository } from '../../../utils/db/annotations.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { SettingsRepository } from '../../../utils/db/settings.ts';
import { TagRepository } from '../../../utils/db/tags.ts';
import { parseExport } from '../../../utils/export/import.ts';
import { toAnnotationCollection } from '../../../utils/export/web-annotation.ts';
import { highlightRules } from '../../../utils/highlight/styles.ts';
import { dispatch } from '../../../utils/service.ts';
import { handlersFor } from '../fixtures.ts';

const NOW = new Date('2026-07-20T10:00:00Z');
const LATER = new Date('2026-07-21T10:00:00Z');
const URL = 'https://news.example/story';

let db: ClaimLensDatabase;
let tags: TagRepository;

beforeEach(() => {
  db = new ClaimLensDatabase(`tags-${Math.random()}`);
  tags = new TagRepository(db);
});
afterEach(async () => {
  await db.delete();
});

let annotationCount = 0;
/** Stores an annotation carrying `tagIds` on a quote, and returns its id. */
async function annotate(tagIds: string[], quote = 'GPU rental prices fell'): Promise<string> {
  const id = `a-${++annotationCount}`;
  await new AnnotationRepository(db).create(
    URL,
    URL,
    {
      selectors: [
        { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
        { type: 'TextPositionSelector', start: 0, end: quote.length },
      ],
      tags: tagIds,
      note: null,
      stance: null,
    },
    'page text',
    NOW,
    () => id,
  );
  return id;
}

describe('tag repository', () => {
  it('creates a tag from a label, and gives back the same tag for the same label in other words', async () => {
    const tag = await tags.create('  Capex guidance! ', NOW);
    expect(tag).toEqual({ id: 'capex-guidance', label: 'Capex guidance!', createdAt: NOW.toISOString() });
    expect(await tags.create('capex GUIDANCE', LATER)).toEqual(tag);
    await expect(tags.create('Needs source', NOW)).rejects.toThrow('built-in tag already');
    await expect(tags.create('!!!', NOW)).rejects.toThrow('at least one letter or digit');
  });

  it('renames a tag: the id stays, so its annotations keep it', async () => {
    await tags.create('Capex', NOW);
    const annotation = await annotate(['capex']);
    expect(await tags.rename('capex', 'Capital spending')).toMatchObject({
      id: 'capex',
      label: 'Capital spending',
    });
    expect((await db.annotations.get(annotation))?.tags).toEqual(['capex']);
    expect((await tags.all()).find((t) => t.id === 'capex')?.label).toBe('Capital spending');
    // The old label is free again: a new tag with it gets an id of its own, never the renamed tag's.
    expect((await tags.create('Capex', NOW)).id).toBe('capex-2');
  });

  it.each([
    ['an empty label', 'capex', '   ', 'needs a label'],
    ['a label too long', 'capex', 'x'.repeat(41), 'at most 40 characters; this one has 41'],
    ['a label another tag has', 'capex', 'Glut talk', 'called “Glut talk” already'],
    ['a built-in label', 'capex', 'disputed', 'called “Disputed” already'],
    ['an unknown tag', 'nope', 'Anything', 'no tag “nope”'],
    ['a built-in tag', 'disputed', 'Contested', 'built-in tag: it cannot be renamed'],
  ])('refuses to rename with %s, and changes nothing', async (_name, id, label, error) => {
    await tags.create('Capex', NOW);
    await tags.create('Glut talk', NOW);
    const before = await tags.all();
    await expect(tags.rename(id, label)).rejects.toThrow(error);
    expect(await tags.all()).toEqual(before);
  });

  it('merges a tag into another: each annotation carries the target once, the merged tag is gone', async () => {
    await tags.create('Capex', NOW);
    await tags.create('Spending', NOW);
    const onlyCapex = await annotate(['capex']);
    const both = await annotate(['spending', 'capex', 'disputed']);
    const neither = await annotate(['disputed']);
    expect(await tags.merge('capex', 'spending', LATER)).toBe(2);
    expect((await db.annotations.get(onlyCapex))?.tags).toEqual(['spending']);
    expect((await db.annotations.get(both))?.tags).toEqual(['spending', 'disputed']);
    expect(await db.annotations.get(neither)).toMatchObject({
      tags: ['disputed'],
      updatedAt: NOW.toISOString(),
    });
    expect((await db.annotations.get(onlyCapex))?.updatedAt).toBe(LATER.toISOString());
    expect((await tags.all()).map((t) => t.id)).not.toContain('capex');
    // The search index follows: the annotation is found by its new tag, no longer by the old one.
    expect(await db.annotations.where('words').equals('capex').count()).toBe(0);
    expect(await db.annotations.where('words').equals('spending').count()).toBe(2);
  });

  it('merges an own tag into a built-in one, and refuses the rest with a reason', async () => {
    await tags.create('Doubtful', NOW);
    const annotation = await annotate(['doubtful']);
    await expect(tags.merge('doubtful', 'doubtful', NOW)).rejects.toThrow('into itself');
    await expect(tags.merge('disputed', 'doubtful', NOW)).rejects.toThrow('cannot be merged into another');
    await expect(tags.merge('doubtful', 'nope', NOW)).rejects.toThrow('no tag “nope”');
    await expect(tags.merge('nope', 'disputed', NOW)).rejects.toThrow('no tag “nope”');
    expect((await db.annotations.get(annotation))?.tags).toEqual(['doubtful']);
    expect(await tags.merge('doubtful', 'disputed', NOW)).toBe(1);
    expect((await db.annotations.get(annotation))?.tags).toEqual(['disputed']);
  });

  it('deletes a tag: says how many carry it first, takes it off them, and keeps every annotation', async () => {
    await tags.create('Needs check', NOW);
    const first = await annotate(['needs-check'], 'capex rose');
    const second = await annotate(['needs-check', 'key-figure'], 'prices fell');
    await annotate(['key-figure'], 'demand grew');
    expect(await tags.carrying('needs-check')).toBe(2);
    expect((await tags.overview()).find((t) => t.id === 'needs-check')?.annotations).toBe(2);
    expect(await tags.delete('needs-check', LATER)).toBe(2);
    expect(await db.annotations.count()).toBe(3);
    expect((await db.annotations.get(first))?.tags).toEqual([]);
    expect((await db.annotations.get(second))?.tags).toEqual(['key-figure']);
    expect(await db.tags.get('needs-check')).toBeUndefined();
    await expect(tags.delete('needs-check', LATER)).rejects.toThrow('no tag “needs-check”');
    await expect(tags.delete('key-figure', LATER)).rejects.toThrow('cannot be deleted');
    expect((await tags.overview()).find((t) => t.id === 'key-figure')).toMatchObject({
      builtIn: true,
      annotations: 2,
    });
  });

  it('colours own and built-in tags, validated, and gives the default back', async () => {
    await tags.create('Capex', NOW);
    await tags.setColor('capex', '#AA3377');
    await tags.setColor('disputed', '#00ff00');
    const all = await tags.all();
    expect(all.find((t) => t.id === 'capex')?.color).toBe('#aa3377');
    expect(all.find((t) => t.id === 'disputed')?.color).toBe('#00ff00');
    for (const bad of ['red', '#fff', '#12345g', 'x;} body { display: none']) {
      await expect(tags.setColor('capex', bad)).rejects.toThrow('#rrggbb');
    }
    await expect(tags.setColor('nope', '#000000')).rejects.toThrow('no tag “nope”');
    await tags.setColor('capex', null);
    await tags.setColor('disputed', null);
    const reset = await tags.all();
    expect(reset.find((t) => t.id === 'capex')).not.toHaveProperty('color');
    expect(reset.find((t) => t.id === 'disputed')).not.toHaveProperty('color');
  });

  it('keeps an own tag’s colour through an export and its import', async () => {
    await tags.create('Capex', NOW);
    await tags.setColor('capex', '#aa3377');
    const empty = { articles: [], claims: [], annotations: [], corrections: [], packs: [], snapshots: [] };
    const json = JSON.stringify(toAnnotationCollection({ ...empty, tags: await db.tags.toArray() }, NOW));
    const imported = parseExport(json);
    expect(imported.ok && imported.value.tags).toEqual([
      { id: 'capex', label: 'Capex', createdAt: NOW.toISOString(), color: '#aa3377' },
    ]);
  });

  it('reads malformed stored built-in colours as unset', async () => {
    await db.settings.put({
      key: 'builtInTagColors',
      value: { disputed: 'red}', demand: '#123456', evil: '#000000' },
    });
    const all = await tags.all();
    expect(all.find((t) => t.id === 'disputed')).not.toHaveProperty('color');
    expect(all.find((t) => t.id === 'demand')?.color).toBe('#123456');
    expect(all.map((t) => t.id)).not.toContain('evil');
  });
});

describe('highlight rules', () => {
  it('writes only validated ids and colours into the page’s rules', () => {
    const css = highlightRules('tint', [
      { id: 'capex', label: 'x) } body { display: none } ::highlight(y', color: '#aa3377' },
      { id: 'evil) } body { color: red', label: 'Evil', color: '#000000' },
      { id: 'glut', label: 'Glut', color: 'red; } body { display: none' },
      { id: 'plain', label: 'Plain' },
    ]);
    expect(css.split('\n')).toHaveLength(2);
    // Own tags are named by their colour: the page, which can read the rules, never learns a tag's name.
    expect(css).toContain('::highlight(claimlens-annotation-color-aa3377)');
    expect(css).toContain('::highlight(claimlens-annotation-color-000000)');
    expect(css).toContain('#aa337759');
    expect(css).not.toMatch(/body|display|evil|capex|glut|plain/i);
  });

  it('drops every tint in the underline style, and is empty when nothing differs from the shipped rules', () => {
    expect(highlightRules('tint', [])).toBe('');
    const css = highlightRules('underline', []);
    expect(css).toContain('::highlight(claimlens-demand)');
    expect(css).toContain('::highlight(claimlens-annotation-disputed)');
    expect(css).toContain('background-color: transparent');
  });
});

describe('tag and settings messages', () => {
  const own = { id: 'claimlens', origin: 'chrome-extension://claimlens/' };
  const dashboard = { id: 'claimlens', url: 'chrome-extension://claimlens/dashboard.html' };
  const page = { id: 'claimlens', url: URL, tab: { id: 3 } };
  const handlers = () => handlersFor(db, NOW);

  it('renames, colours, merges and deletes from the dashboard, with the reader’s errors as replies', async () => {
    const h = handlers();
    await dispatch({ type: 'tags/create', label: 'Capex' }, page, h, own);
    await annotate(['capex']);
    await expect(
      dispatch({ type: 'tags/rename', id: 'capex', label: 'Capex talk' }, dashboard, h, own),
    ).resolves.toMatchObject({
      ok: true,
      tag: { id: 'capex', label: 'Capex talk' },
    });
    await expect(
      dispatch({ type: 'tags/rename', id: 'capex', label: 'x'.repeat(60) }, dashboard, h, own),
    ).resolves.toMatchObject({
      ok: false,
      error: expect.stringContaining('at most 40 characters'),
    });
    await expect(
      dispatch({ type: 'tags/set-color', id: 'capex', color: '#112233' }, dashboard, h, own),
    ).resolves.toEqual({ ok: true });
    await expect(
      dispatch({ type: 'tags/merge', from: 'capex', into: 'capex' }, dashboard, h, own),
    ).resolves.toMatchObject({
      ok: false,
      error: 'A tag cannot be merged into itself.',
    });
    await expect(dispatch({ type: 'tags/delete', id: 'capex' }, dashboard, h, own)).resolves.toEqual({
      ok: true,
      removedFrom: 1,
    });
  });

  it.each([
    [{ type: 'tags/delete', id: 'capex' }, page, 'may not be sent'],
    [{ type: 'tags/rename', id: 'capex', label: 'X' }, page, 'may not be sent'],
    [{ type: 'settings/update', autoAnalyze: false }, page, 'may not be sent'],
    [{ type: 'tags/merge', from: 'Capex)', into: 'demand' }, dashboard, 'message.from'],
    [{ type: 'settings/update', highlightStyle: 'blink' }, dashboard, 'message.highlightStyle'],
  ])('refuses %o from the wrong sender or in the wrong shape', async (message, sender, reason) => {
    await expect(dispatch(message, sender, handlers(), own)).rejects.toThrow(reason);
  });

  it('updates reading settings one field at a time, and the page config carries them', async () => {
    const h = handlers();
    await dispatch({ type: 'settings/update', autoAnalyze: false }, dashboard, h, own);
    await dispatch({ type: 'settings/update', highlightStyle: 'underline' }, dashboard, h, own);
    expect(await new SettingsRepository(db).reading()).toEqual({
      autoAnalyze: false,
      highlightStyle: 'underline',
    });
    await expect(dispatch({ type: 'page/settings', host: 'news.example' }, page, h, own)).resolves.toEqual({
      highlightsOn: true,
      autoAnalyze: false,
      highlightStyle: 'underline',
    });
  });
});
