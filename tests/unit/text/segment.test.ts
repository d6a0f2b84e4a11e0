import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../utils/text/segment.ts';
import { codePointCounter, tokenize, utf16Counter } from '../../../utils/text/tokens.ts';
import { findFigures } from '../../../utils/text/figures.ts';
import { corpusParagraphs } from '../../../scripts/lib/sample-text.ts';

const texts = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits prose into trimmed sentences', () => {
    expect(texts('  Meta owns many GPUs. It may rent them out!  Why now? ')).toEqual([
      'Meta owns many GPUs.',
      'It may rent them out!',
      'Why now?',
    ]);
  });

  it('does not split after common abbreviations', () => {
    expect(texts('U.S. chip stocks fell. Mr. Smith said demand for compute is strong.')).toEqual([
      'U.S. chip stocks fell.',
      'Mr. Smith said demand for compute is strong.',
    ]);
  });

  it('keeps offsets relative to the whole text when given a window', () => {
    const text = 'Header\n\nFirst one. Second one.';
    const spans = splitSentences(text, 'en', 8, text.length);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one.']);
  });

  it('segments Chinese text and survives a malformed language tag', () => {
    expect(texts('算力仍然不足。需求很强劲。').length).toBe(2);
    expect(splitSentences('One. Two.', 'not a locale!!').length).toBe(2);
  });
});

describe('tokenize', () => {
  it('lower-cases words, folds apostrophes, drops possessives and keeps offsets', () => {
    const text = "Meta's peak-usage isn’t over";
    expect(tokenize(text).map((t) => [t.norm, text.slice(t.start, t.end)])).toEqual([
      ['meta', "Meta's"],
      ['peak', 'peak'],
      ['usage', 'usage'],
      ["isn't", 'isn’t'],
      ['over', 'over'],
    ]);
  });

  it('reads capitals, accents, curly possessives and digits as the plain definition does', async () => {
    const paragraphs = await corpusParagraphs();
    const text = "NVIDIA’S ÉLAN, Meta'S 2026 capex; o’Neill's x's 's ĞPU-hours İstanbul 😀ok";
    const plain = (source: string) =>
      [...source.matchAll(/[\p{L}\p{N}]+(?:['’]\p{L}[\p{L}\p{N}]*)*/gu)].map((m) => {
        const norm = m[0].toLowerCase().replace(/’/g, "'");
        return {
          start: m.index,
          end: m.index + m[0].length,
          norm: norm.endsWith("'s") ? norm.slice(0, -2) : norm,
        };
      });
    expect(tokenize(text)).toEqual(plain(text));
    expect(tokenize(text).map((t) => t.norm)).toContain('nvidia');
    for (const paragraph of paragraphs) expect(tokenize(paragraph)).toEqual(plain(paragraph));
  });
});

describe('code point offsets', () => {
  it('count an emoji as one code point and round-trip', () => {
    const text = 'a😀b';
    expect(codePointCounter(text)(3)).toBe(2);
    expect(utf16Counter(text)(2)).toBe(3);
    expect(utf16Counter(text)(9)).toBe(-1);
  });
});

describe('findFigures', () => {
  it('reads percentages, money, yuan and power with their scale', () => {
    const figures = findFigures(
      'The index fell 6.2% and Nvidia lost $590 billion; ByteDance plans 200 billion yuan, a 1.5 GW site, $80bn, 12 per cent.',
    );
    expect(figures.map((f) => [f.unit, f.value])).toEqual([
      ['percent', 6.2],
      ['usd', 590e9],
      ['yuan', 200e9],
      ['gw', 1.5],
      ['usd', 80e9],
      ['percent', 12],
    ]);
  });

  it('ignores bare numbers such as years, and numbers inside names', () => {
    expect(findFigures('In 2025 there were 3 reports on H100 GPUs and the A100.')).toEqual([]);
  });
});

describe('codePointCounter', () => {
  it('agrees with counting code points one by one, with and without astral characters', () => {
    for (const text of ['plain text', 'a😀b😀😀c', '😀', 'x\uD800y']) {
      const count = codePointCounter(text);
      for (let i = 0; i <= text.length; i++) {
        const slice = text.slice(0, i);
        // A lone high surrogate cut in half by the slice still counts one.
        expect(count(i)).toBe([...slice].length);
      }
    }
  });

  it('is inverted by utf16Counter at every code point boundary', () => {
    for (const text of ['plain text', 'a😀b😀😀c', '😀', 'x\uD800y']) {
      const count = codePointCounter(text);
      const toUtf16 = utf16Counter(text);
      const points = [...text].length;
      for (let p = 0; p <= points; p++) expect(count(toUtf16(p))).toBe(p);
      expect(toUtf16(points + 1)).toBe(-1);
    }
  });
});
