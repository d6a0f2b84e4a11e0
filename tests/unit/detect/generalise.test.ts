import { describe, expect, it } from 'vitest';
import { detectInText } from '../../../utils/analyze.ts';
import { compileDetector, MODEL_BARS, modelVerdict } from '../../../utils/detect/detect.ts';
import { parseTopicPack } from '../../../utils/detect/pack.ts';
import { BUILT_IN_PACKS } from '../../../utils/detect/packs/index.ts';
import { asArticle } from '../../../scripts/lib/sample-text.ts';

const detector = compileDetector(BUILT_IN_PACKS);

/** Each sentence its own block, as paragraphs of one article. */
const article = (...sentences: string[]) => asArticle(sentences);

const claimsIn = (onTopic: boolean, ...sentences: string[]) => {
  const { text, blocks } = article(...sentences);
  return detectInText(text, blocks, 'en', detector, onTopic);
};

describe('detector: rules that compose a direction with a quantity', () => {
  it.each([
    ['Amazon hoisted its outlook for capital spending to $118bn, from $100bn.', 'demand'],
    ['Customers’ backlog for AI servers lengthened again this quarter.', 'demand'],
    ['The company’s capex commitments run far ahead of its revenue.', 'overcapacity'],
    ['Demand for Azure is still running ahead of the capacity Microsoft can bring online.', 'demand'],
  ])('%s → %s', (sentence, stance) => {
    expect(claimsIn(true, sentence)[0]?.stance).toBe(stance);
  });
});

describe('detector: neutral figures', () => {
  it('reads a figure put on the topic as a neutral claim, and a market-value move as none', () => {
    const [spend] = claimsIn(
      true,
      'Capital spending in the quarter came to a little over $24bn, including leases.',
    );
    expect(spend?.stance).toBe('neutral');
    expect(claimsIn(true, 'Nvidia lost roughly $590bn of market value in a single session.')).toEqual([]);
  });
});

describe('detector: what makes an article about the topic', () => {
  it('takes two strong anchors with several context words, as in an earnings live blog', () => {
    const sentences = [
      'Cloud revenue grew quickly and AI workloads kept the chips busy all quarter.',
      'The companies said capex would keep rising, with infrastructure and servers in short supply.',
      'Alphabet lifted its capital spending forecast to about $85bn, from $75bn.',
    ];
    const claims = claimsIn(false, ...sentences);
    expect(claims.find((c) => c.text.startsWith('Alphabet'))?.stance).toBe('demand');
  });
});

describe('detector: the learned second opinion', () => {
  const parsed = parseTopicPack({
    id: 'queue',
    name: 'Queue',
    version: 1,
    anchors: ['gpu*'],
    model: {
      classes: ['overcapacity', 'demand', 'neutral', 'none'],
      bias: [0, 0, 0, 2],
      weights: { 'w:prepaid': [0, 8, 0, 0] },
    },
  });
  if (!parsed.ok) throw new Error(parsed.error);
  const pack = parsed.value;

  it('claims a sentence the rules find nothing in, naming the words it leaned on', () => {
    const text = 'Start-ups prepaid a whole year ahead for their GPUs.';
    const claims = detectInText(text, [{ start: 0, end: text.length }], 'en', compileDetector([pack]), true);
    expect(claims).toHaveLength(1);
    expect(claims[0]?.stance).toBe('demand');
    expect(claims[0]?.cues.map((c) => c.key)).toContain('model:prepaid');
  });

  it('claims nothing in a sentence that names nothing of the topic, however its words lean', () => {
    const text = 'Start-ups prepaid a whole year ahead for their offices.';
    expect(detectInText(text, [{ start: 0, end: text.length }], 'en', compileDetector([pack]), true)).toEqual(
      [],
    );
  });

  it('overrules the rules only when sure, and claims what they missed only from its bar', () => {
    const sure = { label: 'overcapacity' as const, probability: 0.95 };
    const unsure = { label: 'overcapacity' as const, probability: MODEL_BARS.overrule - 0.1 };
    expect(modelVerdict('demand', sure)).toBe('overcapacity');
    expect(modelVerdict('demand', unsure)).toBe('rules');
    expect(modelVerdict('demand', { label: 'demand', probability: 0.4 })).toBe('demand');
    expect(modelVerdict('none', { label: 'demand', probability: MODEL_BARS.claim - 0.01 })).toBe('none');
    expect(modelVerdict('none', { label: 'demand', probability: MODEL_BARS.claim })).toBe('demand');
    expect(modelVerdict('none', { label: 'demand', probability: 0.99 }, MODEL_BARS, false)).toBe('none');
  });

  it('reads word classes, figures and how the rules leaned, as detection feeds it', () => {
    const { text, blocks } = article(
      'Alphabet lifted its capital spending forecast to about $85bn, from $75bn.',
    );
    const [input] = detector.modelInputs(text, blocks, true);
    expect(input?.ruled).toBe('demand');
    expect(input?.features).toEqual(
      expect.arrayContaining(['f:up', 'f:spending', 'f:figure-usd', 'x:kept-demand', 'w:alphabet']),
    );
  });
});
