import { describe, expect, it } from 'vitest';
import { adapt, predict, sentenceFeatures, type LinearModel } from '../../../utils/detect/model.ts';
import { BUILT_IN_PACKS } from '../../../utils/detect/packs/index.ts';
import { tokenize } from '../../../utils/text/tokens.ts';

const model = BUILT_IN_PACKS[0]?.model as LinearModel;
const features = (text: string, ruled: Parameters<typeof sentenceFeatures>[1] = 'none') =>
  sentenceFeatures(tokenize(text), ruled);

describe('the learned second opinion', () => {
  it('ships with the built-in pack and reads words, word pairs and the rules’ verdict', () => {
    expect(model.classes).toEqual(['overcapacity', 'demand', 'neutral', 'none']);
    expect(features('Demand remains strong', 'demand')).toEqual(
      expect.arrayContaining(['rule:demand', 'w:demand', 'w:remain', 'b:demand_remain', 'b:remain_strong']),
    );
  });

  it('names the words it leaned on, and gives the same answer every time', () => {
    const sentence = features('Hyperscalers are sitting on a glut of idle GPUs they no longer need.');
    const first = predict(model, sentence);
    expect(predict(model, sentence)).toEqual(first);
    expect(first.probability).toBeGreaterThan(0.25);
    expect(first.because.length).toBeLessThanOrEqual(3);
  });

  it('is taught by the reader without changing the shipped model', () => {
    const text = 'Lead times for networking gear stretched again this quarter.';
    const shipped = JSON.stringify(model);
    const taught = adapt(model, [{ text, ruled: 'none', verdict: 'demand' }]);
    expect(predict(taught, features(text)).label).toBe('demand');
    expect(JSON.stringify(model)).toBe(shipped);
    expect(adapt(model, [])).toBe(model);
  });
});
