import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../../utils/db/schema.ts';
import { syntheticLibrary } from '../../../scripts/lib/synthetic-library.ts';
import {
  collectBlob,
  collectParts,
  ITEMS_PER_PART,
  joinParts,
  type Part,
} from '../../../utils/export/chunks.ts';
import { csvParts, toCsv } from '../../../utils/export/csv.ts';
import { parseImport } from '../../../utils/export/import.ts';
import { markdownParts } from '../../../utils/export/markdown.ts';
import { annotationCollectionParts, toAnnotationCollection } from '../../../utils/export/web-annotation.ts';

const NOW = new Date('2026-07-20T12:00:00Z');
// Enough for several parts of each kind: 1,200 annotations on 60 articles with 600 claims.
const library = syntheticLibrary(1_200);
const items = library.claims.length + library.annotations.length;

async function collect(parts: Iterable<Part>) {
  const progress: [number, number][] = [];
  let pauses = 0;
  const texts = await collectParts(
    parts,
    (done, total) => progress.push([done, total]),
    async () => void pauses++,
  );
  return { texts, progress, pauses };
}

describe('exports written in parts', () => {
  it('JSON: the parts make the same collection as the whole, and import back', async () => {
    const { texts, progress, pauses } = await collect(annotationCollectionParts(library, NOW));
    expect(texts.length).toBeGreaterThan(items / ITEMS_PER_PART);
    expect(pauses).toBeLessThan(texts.length);
    expect(JSON.parse(texts.join(''))).toEqual(
      JSON.parse(JSON.stringify(toAnnotationCollection(library, NOW))),
    );
    // Progress only goes forward, and ends at the total.
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([items, items]);
    const parsed = parseImport(texts.join(''), NOW);
    expect(parsed.ok && parsed.value.library.annotations).toEqual(library.annotations);
  });

  it('JSON: an empty library is still a valid collection', () => {
    const empty = { ...syntheticLibrary(0), tags: [] };
    expect(JSON.parse(joinParts(annotationCollectionParts(empty, NOW)))).toMatchObject({
      type: 'AnnotationCollection',
      total: 0,
      items: [],
      claimlens: { formatVersion: 1, articles: [] },
    });
  });

  it('CSV: parts of whole rows, the BOM first, the same text as at once', async () => {
    const { texts } = await collect(csvParts(library.articles, library.claims, library.annotations));
    expect(texts[0]?.startsWith('\uFEFFkind,')).toBe(true);
    for (const text of texts) expect(text.endsWith('\r\n')).toBe(true);
    expect(texts.join('')).toBe(toCsv(library.articles, library.claims, library.annotations));
    // Every note here starts a formula: neutralised in every row.
    expect(texts.join('')).toContain(`"'=SUM(A1) ""quoted"", note 0"`);
    expect(texts.join('')).not.toMatch(/,=SUM/);
  });

  it('CSV: hostile cells anywhere in a row are neutralised and quoted', () => {
    const [article] = library.articles;
    if (!article) throw new Error('no article');
    const hostile = {
      ...article,
      title: '=HYPERLINK("http://evil","x")',
      site: '+cmd|calc',
      published: '@SUM(1)',
    };
    const [first] = library.annotations;
    if (!first) throw new Error('no annotation');
    const [quote, position] = first.selectors;
    const annotation: AnnotationRecord = {
      ...first,
      note: '-2+3',
      tags: ['\tx'],
      selectors: [{ ...quote, exact: '\r=1' }, position],
    };
    const csv = toCsv([hostile], [], [annotation]);
    const row = csv.split('\r\n')[1] ?? '';
    expect(row).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(row).toContain(`'+cmd|calc`);
    expect(row).toContain(`'@SUM(1)`);
    expect(row).toContain(`'-2+3`);
    expect(row).toContain(`'\tx`);
    expect(csv).toContain(`"'\r=1"`);
  });

  it('Markdown: story → outlet → article → claims, in parts', async () => {
    const { texts } = await collect(
      markdownParts(library.articles, library.claims, NOW, library.annotations),
    );
    expect(texts.length).toBeGreaterThan(1);
    const md = texts.join('');
    const story = md.indexOf('## Story: Story 0: are we building too much AI compute?');
    const outlet = md.indexOf('### Outlet 1', story);
    const title = md.indexOf('#### Story 1: are we building too much AI compute?', outlet);
    expect(story).toBeGreaterThanOrEqual(0);
    expect(outlet).toBeGreaterThan(story);
    expect(title).toBeGreaterThan(outlet);
    expect(md.indexOf('- **', title)).toBeGreaterThan(title);
    expect(md.match(/^- _yours_/gm)).toHaveLength(library.annotations.length);
    expect(md.match(/^- \*\*/gm)).toHaveLength(library.claims.length);
  });

  it('a Blob written a few megabytes at a time holds exactly the text, of the type asked, with the same progress', async () => {
    // About 6 MB of JSON: more than one Blob of parts.
    const large = syntheticLibrary(5_000);
    const progress: number[] = [];
    const blob = await collectBlob(
      annotationCollectionParts(large, NOW),
      'application/ld+json',
      (done) => progress.push(done),
      async () => {},
    );
    const text = joinParts(annotationCollectionParts(large, NOW));
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(blob.type).toBe('application/ld+json');
    expect(await blob.text()).toBe(text);
    expect(progress.at(-1)).toBe(large.claims.length + large.annotations.length);
  });
});
