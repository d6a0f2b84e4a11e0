import { tokenize, type Token } from '../text/tokens.ts';
import { arr, literal, num, obj, record, type Infer } from '../validate.ts';
import type { Stance } from './pack.ts';

/**
 * A pack's learned second opinion: a linear model over a sentence's words, word pairs and what the rules made
 * of it, trained on the labelled corpus (`npm run train:detect`). It catches claims told in words the rules do
 * not know, and overrules the rules where the evidence says so; every decision it takes names the words it
 * leaned on.
 */
export const MODEL_CLASSES = ['overcapacity', 'demand', 'neutral', 'none'] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];

export const validateModel = obj({
  classes: arr(literal(...MODEL_CLASSES), { min: 4, max: 4 }),
  bias: arr(num(), { min: 4, max: 4 }),
  weights: record(/^(?:w|b|f|x|rule|ctx):[^\s]{1,120}$/, arr(num(), { min: 4, max: 4 }), { max: 50_000 }),
});
export type LinearModel = Infer<typeof validateModel>;

/** What the rules made of the sentences around one ('edge' at the start or end of the text). */
export interface SentenceContext {
  before: Stance | 'none' | 'edge';
  after: Stance | 'none' | 'edge';
}

/**
 * The features of a sentence: its words (a plural's final s dropped), adjacent word pairs, the rules' verdict,
 * what the rules made of its neighbours, when known, and the word classes detection found in it (`f:` and `x:`
 * features: the pack's families, figures, negation…; see `classFeatures` in detect.ts).
 */
export function sentenceFeatures(
  tokens: readonly Token[],
  ruleStance: Stance | 'none',
  context?: SentenceContext,
  classes: readonly string[] = [],
): string[] {
  const words = tokens.map((t) => t.norm.replace(/s$/, ''));
  const features = new Set<string>([`rule:${ruleStance}`, ...classes]);
  if (context) {
    features.add(`ctx:before:${context.before}`);
    features.add(`ctx:after:${context.after}`);
    features.add(`ctx:rule-before:${ruleStance}:${context.before}`);
  }
  for (let i = 0; i < words.length; i++) {
    features.add(`w:${words[i]}`);
    if (i > 0) features.add(`b:${words[i - 1]}_${words[i]}`);
  }
  return [...features];
}

export interface Prediction {
  label: ModelClass;
  probability: number;
  /** The word features that pushed most towards the label, strongest first. */
  because: string[];
}

export function predict(model: LinearModel, features: readonly string[]): Prediction {
  const logits = [...model.bias];
  for (const feature of features) {
    const weights = model.weights[feature];
    if (weights) for (let c = 0; c < logits.length; c++) logits[c] = (logits[c] ?? 0) + (weights[c] ?? 0);
  }
  const top = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  const best = logits.indexOf(top);
  const label = model.classes[best] ?? 'none';
  const because = features
    .filter((f) => f.startsWith('w:') || f.startsWith('b:'))
    .map((f) => ({ f, w: model.weights[f]?.[best] ?? 0 }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.w - a.w)
    .slice(0, 3)
    .map((x) => x.f.slice(2).replace('_', ' '));
  return { label, probability: (exps[best] ?? 0) / sum, because };
}

/** A sentence the reader classified: what the rules made of it, and what it is. */
export interface TaughtSentence {
  text: string;
  ruled: Stance | 'none';
  verdict: Stance | null;
}

/** How hard each of the reader's sentences pulls the model, and how many times it is shown. */
const TEACHING_RATE = 0.5;
const TEACHING_ROUNDS = 4;

/**
 * The model after the reader's teaching: a few gradient steps towards each sentence they classified, so their
 * corrections move the words of those sentences everywhere else too. The shipped model is left untouched.
 */
export function adapt(
  model: LinearModel,
  taught: readonly TaughtSentence[],
  featuresOf: (text: string, ruled: Stance | 'none') => string[] = (text, ruled) =>
    sentenceFeatures(tokenize(text), ruled),
): LinearModel {
  if (taught.length === 0) return model;
  const weights: Record<string, number[]> = { ...model.weights };
  const bias = [...model.bias];
  const copied = new Set<string>();
  const row = (feature: string) => {
    if (!copied.has(feature)) {
      weights[feature] = [...(weights[feature] ?? [0, 0, 0, 0])];
      copied.add(feature);
    }
    return weights[feature] as number[];
  };
  for (let round = 0; round < TEACHING_ROUNDS; round++) {
    for (const { text, ruled, verdict } of taught) {
      const features = featuresOf(text, ruled);
      const target = model.classes.indexOf(verdict ?? 'none');
      const logits = [...bias];
      for (const f of features) weights[f]?.forEach((w, c) => (logits[c] = (logits[c] ?? 0) + w));
      const top = Math.max(...logits);
      const exps = logits.map((z) => Math.exp(z - top));
      const sum = exps.reduce((a, b) => a + b, 0);
      exps.forEach((e, c) => {
        const gradient = e / sum - (c === target ? 1 : 0);
        for (const f of features) {
          const r = row(f);
          r[c] = (r[c] ?? 0) - TEACHING_RATE * gradient;
        }
      });
    }
  }
  return { ...model, weights, bias };
}
