import { describe, expect, it } from 'vitest';
import { detectInText } from '../../../utils/analyze.ts';
import { compileDetector } from '../../../utils/detect/detect.ts';
import { parseTopicPack, type TopicPack } from '../../../utils/detect/pack.ts';
import { BUILT_IN_PACKS } from '../../../utils/detect/packs/index.ts';
import { asArticle } from '../../../scripts/lib/sample-text.ts';

const detector = compileDetector(BUILT_IN_PACKS);

function detect(...sentences: string[]) {
  const { text, blocks } = asArticle(sentences);
  return detectInText(text, blocks, 'en', detector);
}

const stanceOf = (sentence: string) => detect(sentence)[0]?.stance ?? 'none';

describe('detector: stances', () => {
  it.each([
    ['Bears argue the GPU glut is near and hyperscalers will buy fewer chips next year.', 'overcapacity'],
    ['Critics say AI capex may be peaking as supply outgrows demand for compute.', 'overcapacity'],
    ['Meta has far more idle GPUs than it needs between internal training runs.', 'overcapacity'],
    [
      'Tencent executives said their compute is still insufficient for internal and external demand.',
      'demand',
    ],
    ['Alibaba and ByteDance both raised their capex targets for AI infrastructure this year.', 'demand'],
    [
      'Anthropic reports token usage far above its own projections, a sign inference demand is robust.',
      'demand',
    ],
    ['Meta owns tens of thousands of Nvidia H100 GPUs.', 'neutral'],
    [
      'Renting out the capacity would turn depreciation of a fixed cost into recurring revenue for Meta\u2019s AI business.',
      'neutral',
    ],
  ])('%s → %s', (sentence, stance) => {
    expect(stanceOf(sentence)).toBe(stance);
  });

  it('flips a negated cue', () => {
    const [claim] = detect('There is no glut of AI chips, according to the company.');
    expect(claim?.stance).toBe('demand');
    expect(claim?.cues.find((c) => c.phrase === 'glut*')).toMatchObject({ negated: true, stance: 'demand' });
  });

  it('says which cues fired and where, inside the sentence', () => {
    const text = 'Analysts warn of a capacity glut in AI data centres.';
    const [claim] = detect(text);
    const cue = claim?.cues[0];
    expect(cue && text.slice(cue.start, cue.end).toLowerCase()).toBe('glut');
    expect(claim?.confidence).toBeGreaterThan(0.5);
  });

  it('flags hedges and collects figures and entities', () => {
    const [claim] = detect(
      "Meta's AI capex could be peaking after $80bn of spending, and Microsoft's too, analysts said.",
    );
    expect(claim).toMatchObject({ stance: 'overcapacity', hedged: true });
    expect(claim?.figures.map((f) => f.value)).toEqual([80e9]);
    expect(claim?.entities).toEqual(expect.arrayContaining(['Meta', 'Microsoft']));
  });
});

describe('detector: what is not a claim', () => {
  it.each([
    'Is the GPU glut finally here?',
    'Investors demand returns from every company they back.',
    'The council reported a budget surplus and residents demand lower rates.',
    'Fry the chips in small batches so the pan keeps its heat.',
    'A capacity crowd saw the home side win, and demand for tickets was high.',
    'Shares of Micron fell 7% and the Philadelphia Semiconductor Index fell more than 6%.',
    'The weather stayed dry for the weekend.',
  ])('%s', (sentence) => {
    expect(detect(sentence)).toEqual([]);
  });
});

describe('detector: packs', () => {
  it('validates the built-in pack', () => {
    expect(BUILT_IN_PACKS[0]?.id).toBe('ai-compute');
  });

  it('refuses malformed packs with a reason', () => {
    const base = {
      id: 'p',
      name: 'P',
      version: 1,
      anchors: ['gpu'],
      contextAnchors: [],
      cues: [],
      reports: [],
      entities: [],
    };
    expect(parseTopicPack({ ...base, id: 'Bad Id' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('id'),
    });
    expect(parseTopicPack({ ...base, cues: [{ phrase: 'glut', stance: 'up', weight: 1 }] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('cues[0].stance'),
    });
    expect(parseTopicPack({ ...base, anchors: ['a*'] })).toMatchObject({ ok: false });
    expect(
      parseTopicPack({
        ...base,
        cues: [
          { phrase: 'glut', stance: 'overcapacity', weight: 1 },
          { phrase: 'Glut', stance: 'demand', weight: 1 },
        ],
      }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('both') });
    expect(parseTopicPack({ ...base, extra: true })).toMatchObject({
      ok: false,
      error: expect.stringContaining('extra'),
    });
  });

  it('uses a pack of the reader’s own, with defaults for what it leaves out, and ignores it when disabled', () => {
    const parsed = parseTopicPack({
      id: 'weather',
      name: 'Weather',
      version: 1,
      anchors: ['rain*'],
      cues: [{ phrase: 'downpour*', stance: 'overcapacity', weight: 2 }],
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const pack: TopicPack = parsed.value;
    expect(pack.families).toEqual({});
    const text = 'Heavy rain and downpours flooded the town.';
    const blocks = [{ start: 0, end: text.length }];
    expect(detectInText(text, blocks, 'en', compileDetector([pack]))).toHaveLength(1);
    expect(detectInText(text, blocks, 'en', compileDetector([{ ...pack, enabled: false }]))).toHaveLength(0);
  });

  it('keeps each pack to its own topic: one pack’s anchors do not let another pack’s rules loose', () => {
    const rail = parseTopicPack({
      id: 'rail',
      name: 'Rail',
      version: 1,
      anchors: ['freight', 'rail*', 'wagon*'],
      cues: [{ phrase: 'wagon* ... idle', stance: 'overcapacity', weight: 1.6 }],
    });
    if (!rail.ok) throw new Error(rail.error);
    const text =
      'Rail freight traffic fell again in June at the yard.\n\nHundreds of wagons now stand idle on the sidings.';
    const blocks = [
      { start: 0, end: text.indexOf('\n') },
      { start: text.indexOf('Hundreds'), end: text.length },
    ];
    const claims = detectInText(text, blocks, 'en', compileDetector([...BUILT_IN_PACKS, rail.value]));
    expect(claims.map((c) => c.text)).toEqual(['Hundreds of wagons now stand idle on the sidings.']);
  });
});
