import { describe, expect, it } from 'vitest';
import {
  CompiledModel,
  predict,
  sentenceFeatures,
  type SentenceContext,
} from '../../../utils/detect/model.ts';
import { BUILT_IN_PACKS } from '../../../utils/detect/packs/index.ts';
import type { Stance } from '../../../utils/detect/pack.ts';
import { splitSentences } from '../../../utils/text/segment.ts';
import { tokenize } from '../../../utils/text/tokens.ts';
import { corpusParagraphs } from '../../../scripts/lib/sample-text.ts';

const model = BUILT_IN_PACKS[0]?.model;
const RULED: (Stance | 'none')[] = ['none', 'overcapacity', 'demand', 'neutral'];
const CONTEXTS: SentenceContext[] = [
  { before: 'edge', after: 'none' },
  { before: 'demand', after: 'overcapacity' },
];
const CLASSES = [[], ['f:anchor', 'f:up', 'x:negator'], ['f:spending', 'f:figure-usd', 'x:kept-demand']];

describe('the compiled model', () => {
  it('reads every sentence of the corpus exactly as the model over its feature strings does', async () => {
    if (!model) throw new Error('the built-in pack ships a model');
    const compiled = new CompiledModel(model);
    const paragraphs = await corpusParagraphs();
    let sentences = 0;
    for (const [p, paragraph] of paragraphs.entries()) {
      for (const [s, span] of splitSentences(paragraph, 'en', 0, paragraph.length).entries()) {
        // The same sentence twice running, with repeated words: each word and pair counts once a sentence.
        const tokens = tokenize(paragraph, span.start, span.end);
        const ruled = RULED[(p + s) % RULED.length] as Stance | 'none';
        const context = s % 3 === 2 ? undefined : CONTEXTS[s % 2];
        const classes = CLASSES[p % CLASSES.length] as string[];
        const expected = predict(model, sentenceFeatures(tokens, ruled, context, classes));
        expect(compiled.predict(tokens, ruled, context, classes)).toEqual(expected);
        expect(compiled.predict([...tokens, ...tokens], ruled, context, classes)).toEqual(
          predict(model, sentenceFeatures([...tokens, ...tokens], ruled, context, classes)),
        );
        sentences++;
      }
    }
    expect(sentences).toBeGreaterThan(2_500);
  });
});
