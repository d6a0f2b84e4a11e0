import { describe, expect, it } from 'vitest';
import { locateSentences } from '../../../scripts/lib/corpus.ts';
import { emptyConfusion, metrics, score, type GoldSentence } from '../../../scripts/lib/evaluate.ts';

describe('evaluation', () => {
  const text = 'A glut looms.  Compute is short.\n\nShares fell. Meta owns GPUs.';
  const gold = locateSentences(
    text,
    [
      { text: 'A glut looms.', label: 'overcapacity' },
      { text: 'Compute is short.', label: 'demand' },
      { text: 'Shares fell.', label: 'none' },
      { text: 'Meta owns GPUs.', label: 'neutral' },
      { text: 'Lost by extraction.', label: 'demand' },
    ],
    'x',
  );

  it('locates labelled sentences through folded white space, and keeps lost ones as misses', () => {
    expect(gold.map((g) => (g.start < 0 ? null : text.slice(g.start, g.end)))).toEqual([
      'A glut looms.',
      'Compute is short.',
      'Shares fell.',
      'Meta owns GPUs.',
      null,
    ]);
  });

  it('scores precision, recall per class and stance accuracy from the confusion matrix', () => {
    const at = (g: GoldSentence | undefined) => ({ start: g?.start ?? 0, end: g?.end ?? 0, text: '' });
    const confusion = emptyConfusion();
    score(
      gold,
      [
        { ...at(gold[0]), label: 'overcapacity' },
        { ...at(gold[1]), label: 'overcapacity' },
        { ...at(gold[2]), label: 'neutral' },
      ],
      confusion,
    );
    expect(confusion.overcapacity.overcapacity).toBe(1);
    expect(confusion.demand.overcapacity).toBe(1);
    expect(confusion.demand.none).toBe(1);
    expect(confusion.none.neutral).toBe(1);
    expect(confusion.neutral.none).toBe(1);
    const m = metrics(confusion);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toEqual({ overcapacity: 1, demand: 0.5, neutral: 0 });
    expect(m.stanceAccuracy).toBeCloseTo(0.5);
    expect(m.claimsOnNone).toBe(1);
  });
});
