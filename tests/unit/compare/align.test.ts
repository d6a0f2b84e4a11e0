import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/parse-html.ts';
import { analyzeDocument } from '../../../utils/analyze.ts';
import { alignClaims, figureMismatches, leanOf, type SourceClaim } from '../../../utils/compare/align.ts';
import { textFragmentLink } from '../../../utils/compare/fragment.ts';
import { compileDetector } from '../../../utils/detect/detect.ts';
import { BUILT_IN_PACKS } from '../../../utils/detect/packs/index.ts';

const NEWSROOM = resolve(import.meta.dirname, '../../../demo/newsroom');
const detector = compileDetector(BUILT_IN_PACKS);

function claimsOf(path: string): SourceClaim[] {
  const location = `https://demo.example${path}`;
  const analysis = analyzeDocument(
    parseHtml(readFileSync(resolve(NEWSROOM, `.${path}`), 'utf8'), location),
    location,
    detector,
  );
  if (analysis.kind !== 'article') throw new Error(`${path} is not an article`);
  return analysis.claims.map((c, i) => ({ ...c, id: `${path}#${i}`, articleId: path }));
}

const WIRE = '/meridian-wire/meta-cloud-compute.html';
const COPY = '/riverbend-gazette/meta-ai-cloud-chip-stocks.html';
const LEDGER = '/capital-ledger/meta-compute-rental-scarcity-cracks.html';
const NGB = '/ngb-news/meta-ai-rental-chip-stocks.html';
const CHINA = '/eastern-circuit/china-ai-capex-meta-rental.html';

describe('claim alignment', () => {
  it('finds every claim of a wire report in its syndicated copy', () => {
    const aligned = alignClaims(claimsOf(WIRE), claimsOf(COPY));
    expect(aligned.length).toBeGreaterThan(3);
    for (const { matches } of aligned) expect(matches.map((m) => m.claim.articleId)).toEqual([COPY]);
  });

  it('aligns the same claim told in other words, and leaves a claim only one source makes alone', () => {
    const aligned = alignClaims(claimsOf(LEDGER), [...claimsOf(NGB), ...claimsOf(CHINA)]);
    const shared = aligned.filter((a) => a.matches.length > 0);
    const unique = aligned.filter((a) => a.matches.length === 0);
    expect(shared.length).toBeGreaterThan(0);
    expect(unique.length).toBeGreaterThan(0);
  });
});

describe('figures that disagree', () => {
  it('flags one outlet’s 4% against another’s 6% for the same index, and nothing between different things', () => {
    const mismatches = figureMismatches(claimsOf(NGB), [...claimsOf(LEDGER), ...claimsOf(WIRE)]);
    const sox = mismatches.filter(
      (m) => m.entity === 'Philadelphia Semiconductor Index' && m.unit === 'percent',
    );
    expect(sox.length).toBeGreaterThan(0);
    expect(sox[0]?.ours.figure.value).toBe(4);
    expect(sox[0]?.theirs.figure.value).toBe(6);
    expect(mismatches.every((m) => m.ours.figure.unit === m.theirs.figure.unit)).toBe(true);
  });

  it('does not set a price history ("from $8 to $2") against the price it ends at', () => {
    const claim = (id: string, text: string, values: number[]): SourceClaim => ({
      id,
      articleId: id,
      text,
      stance: 'overcapacity',
      entities: ['H100'],
      figures: values.map((value) => ({ start: 0, end: 1, text: `$${value}`, value, unit: 'usd' })),
    });
    const history = claim('a', 'H100 rents fell from $8 an hour to $2.', [8, 2]);
    expect(figureMismatches([history], [claim('b', 'An H100 hour now costs $2.', [2])])).toEqual([]);
    expect(figureMismatches([history], [claim('c', 'An H100 hour now costs $4.', [4])])).toHaveLength(1);
  });
});

describe('comparing many claims', () => {
  const claim = (
    id: string,
    entities: string[],
    percents: number[],
    text = `${entities.join(' and ')} shares moved ${percents.join(' and ')} percent.`,
  ): SourceClaim => ({
    id,
    articleId: id.split('#')[0] ?? id,
    text,
    stance: 'neutral',
    entities,
    figures: percents.map((value) => ({ start: 0, end: 1, text: `${value}%`, value, unit: 'percent' })),
  });

  it('reports mismatches in the order of the other claims, under the first entity both name', () => {
    const ours = claim('a#0', ['Micron', 'SK Hynix'], [4]);
    const theirs = [
      claim('b#0', ['SK Hynix'], [9]),
      claim('b#1', ['Nvidia'], [20]),
      claim('c#0', ['SK Hynix', 'Micron'], [12]),
      claim('c#1', ['Micron'], [4.2]),
    ];
    expect(figureMismatches([ours], theirs).map((m) => [m.theirs.claim.id, m.entity])).toEqual([
      ['b#0', 'SK Hynix'],
      ['c#0', 'Micron'],
    ]);
  });

  it('keeps the best match of each source, and none from a source that says something else', () => {
    const ours = claim('a#0', ['Micron'], [4]);
    const [aligned] = alignClaims(
      [ours],
      [
        claim('b#0', ['Micron'], [4]),
        claim('b#1', ['Micron'], [4, 7]),
        claim('c#0', ['Oracle'], [50], 'Oracle signed a lease for a data centre in Texas.'),
      ],
    );
    expect(aligned?.matches.map((m) => m.claim.id)).toEqual(['b#0']);
  });
});

describe('blind spots', () => {
  const claim = (articleId: string, stance: SourceClaim['stance']): SourceClaim => ({
    id: `${articleId}-${stance}-${Math.random()}`,
    articleId,
    text: 'x',
    stance,
    entities: [],
    figures: [],
  });

  it('says when a reading of three sources or more leans one way, and not otherwise', () => {
    const bearish = ['a', 'b', 'c'].flatMap((s) => [claim(s, 'overcapacity'), claim(s, 'overcapacity')]);
    expect(leanOf([...bearish, claim('c', 'demand')]).leans).toBe('overcapacity');
    expect(
      leanOf([...bearish, claim('c', 'demand'), claim('a', 'demand'), claim('b', 'demand')]).leans,
    ).toBeNull();
    expect(leanOf(bearish.slice(0, 4)).leans).toBeNull();
  });
});

describe('links to a claim', () => {
  it('opens the source at the claim with a text fragment, escaping what the syntax reserves', () => {
    expect(textFragmentLink('https://a.example/p#top', 'Capex may be peaking, bears say.')).toBe(
      'https://a.example/p#:~:text=Capex%20may%20be%20peaking%2C%20bears%20say.',
    );
    expect(
      textFragmentLink(
        'https://a.example/p',
        'one two three four five six seven eight nine ten eleven twelve-thirteen',
      ),
    ).toBe(
      'https://a.example/p#:~:text=one%20two%20three%20four%20five,eight%20nine%20ten%20eleven%20twelve%2Dthirteen',
    );
  });
});
