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
  const logits = Float64Array.from(model.bias);
  const scored: Scored[] = [];
  for (const feature of features) {
    const weights = model.weights[feature];
    if (!weights) continue;
    addTo(logits, weights);
    if (feature.startsWith('w:') || feature.startsWith('b:')) scored.push({ feature, weights });
  }
  return decide(model, logits, scored);
}

/** A word or word-pair feature that carried weights, in the order the sentence gave it. */
interface Scored {
  feature: string;
  weights: readonly number[];
}

/** Sums kept in a Float64Array: in a plain array each sum could be a new boxed number, for every word. */
type Logits = Float64Array;

function addTo(logits: Logits, weights: readonly number[]): void {
  for (let c = 0; c < logits.length; c++) logits[c] = (logits[c] ?? 0) + (weights[c] ?? 0);
}

function decide(model: LinearModel, logits: Logits, scored: readonly Scored[]): Prediction {
  const top = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  const best = logits.indexOf(top);
  return {
    label: model.classes[best] ?? 'none',
    probability: (exps[best] ?? 0) / sum,
    // Worked out only when asked: most sentences' predictions are never explained.
    get because() {
      return scored
        .map(({ feature, weights }) => ({ feature, w: weights[best] ?? 0 }))
        .filter((x) => x.w > 0)
        .sort((a, b) => b.w - a.w)
        .slice(0, 3)
        .map((x) => x.feature.slice(2).replace('_', ' '));
    },
  };
}

/** What the rules may have made of a sentence or its neighbour. */
const VERDICTS = ['overcapacity', 'demand', 'neutral', 'none', 'edge'] as const;

interface WordWeights extends Scored {
  /** The sentence that last counted it: a feature counts once a sentence, as in a set. */
  seen: number;
}

/**
 * The tokens (lower-cased words) whose stem (`sentenceFeatures` drops a plural's final s) is `stem`: the stem itself
 * unless it ends in s, and the stem with an s. Each token has one stem, so a token never stands for two.
 */
const tokensOfStem = (stem: string) => (stem.endsWith('s') ? [`${stem}s`] : [stem, `${stem}s`]);

/**
 * A model ready to read every sentence of a long page: the same sums as `predict` over `sentenceFeatures`, in the
 * same order, but its words and word pairs are looked up by the tokens themselves (each stem is filed under every
 * token that has it), so reading a sentence builds no string per word and per pair (that was most of detection's
 * time and garbage).
 */
export class CompiledModel {
  private readonly words = new Map<string, WordWeights>();
  private readonly pairs = new Map<string, Map<string, WordWeights>>();
  /** The word classes, and every feature of the rules' verdicts on a sentence and its neighbours. */
  private readonly others = new Map<string, readonly number[]>();
  /** The weights of `rule:`, `ctx:before:`, `ctx:after:` and `ctx:rule-before:` by verdict, looked up once. */
  private readonly verdicts = new Map<number, (readonly number[] | undefined)[]>();
  private sentence = 0;

  constructor(readonly model: LinearModel) {
    for (const [feature, weights] of Object.entries(model.weights)) {
      if (feature.startsWith('w:')) {
        const word = { feature, weights, seen: 0 };
        for (const token of tokensOfStem(feature.slice(2))) this.words.set(token, word);
      } else if (feature.startsWith('b:')) {
        const split = feature.indexOf('_', 2);
        const pair = { feature, weights, seen: 0 };
        for (const first of tokensOfStem(feature.slice(2, split))) {
          let seconds = this.pairs.get(first);
          if (!seconds) this.pairs.set(first, (seconds = new Map()));
          for (const second of tokensOfStem(feature.slice(split + 1))) seconds.set(second, pair);
        }
      } else this.others.set(feature, weights);
    }
  }

  /** `predict(model, sentenceFeatures(tokens, ruleStance, context, classes))`, faster. */
  predict(
    tokens: readonly Token[],
    ruleStance: Stance | 'none',
    context: SentenceContext | undefined,
    classes: readonly string[],
  ): Prediction {
    const logits = Float64Array.from(this.model.bias);
    const [rule, before, after, ruleBefore] = this.verdictWeights(ruleStance, context);
    this.add(logits, rule);
    // A feature counts once, as in sentenceFeatures' set: a class given twice is added once.
    for (let i = 0; i < classes.length; i++)
      if (classes.indexOf(classes[i] as string) === i)
        this.add(logits, this.others.get(classes[i] as string));
    if (context) {
      this.add(logits, before);
      this.add(logits, after);
      this.add(logits, ruleBefore);
    }
    const sentence = ++this.sentence;
    const scored: Scored[] = [];
    let seconds: Map<string, WordWeights> | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const { norm } = tokens[i] as Token;
      const unigram = this.words.get(norm);
      if (unigram && unigram.seen !== sentence) {
        unigram.seen = sentence;
        addTo(logits, unigram.weights);
        scored.push(unigram);
      }
      const pair = seconds?.get(norm);
      if (pair && pair.seen !== sentence) {
        pair.seen = sentence;
        addTo(logits, pair.weights);
        scored.push(pair);
      }
      seconds = this.pairs.get(norm);
    }
    return decide(this.model, logits, scored);
  }

  private verdictWeights(ruled: Stance | 'none', context: SentenceContext | undefined) {
    const key =
      VERDICTS.indexOf(ruled) * 36 +
      (context ? 1 + VERDICTS.indexOf(context.before) * 6 + VERDICTS.indexOf(context.after) : 0);
    let weights = this.verdicts.get(key);
    if (!weights) {
      const of = (feature: string) => this.others.get(feature);
      weights = [
        of(`rule:${ruled}`),
        context && of(`ctx:before:${context.before}`),
        context && of(`ctx:after:${context.after}`),
        context && of(`ctx:rule-before:${ruled}:${context.before}`),
      ];
      this.verdicts.set(key, weights);
    }
    return weights;
  }

  private add(logits: Logits, weights: readonly number[] | undefined): void {
    if (weights) addTo(logits, weights);
  }
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
