// `npm run train:detect`: trains the built-in pack's learned second opinion on the development part of the
// labelled corpus only: the test part and the demo newsroom (another writer's articles) stay unseen, to judge it.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { analyzeDocument } from '../utils/analyze.ts';
import { compileDetector, MODEL_BARS, modelVerdict, type ModelBars } from '../utils/detect/detect.ts';
import { fnv1a } from '../utils/hash.ts';
import { MODEL_CLASSES, predict, type LinearModel, type ModelClass } from '../utils/detect/model.ts';
import type { Stance } from '../utils/detect/pack.ts';
import { BUILT_IN_PACKS } from '../utils/detect/packs/index.ts';
import { splitSentences } from '../utils/text/segment.ts';
import { loadCorpus, locateSentences, type ArticleLabels } from './lib/corpus.ts';
import { parseHtml } from './lib/parse-html.ts';

const OUT = resolve(import.meta.dirname, '../utils/detect/packs/ai-compute.model.json');
/** A feature must appear in this many training sentences to be learned: rarer ones are noise. */
const MIN_COUNT = 2;
const EPOCHS = 25;
const L2 = 1e-3;
/** Weights smaller than this are dropped from the shipped model: they change no decision worth its bytes. */
const PRUNE_BELOW = 0.4;

// The rules alone give the model its "rule:" feature, exactly as detection will at run time.
const rulesOnly = compileDetector(BUILT_IN_PACKS.map(({ model: _model, ...pack }) => pack));

interface Example {
  article: string;
  /** The sentence itself, for `--cv --verbose`. */
  text: string;
  /** What the model reads; null where detection does not ask it (the rules' verdict stands). */
  features: string[] | null;
  /** What the rules made of the sentence. */
  ruled: Stance | 'none';
  /** The sentence names something of the topic: the model may claim it where the rules did not. */
  topical: boolean;
  label: ModelClass;
}

function examplesOf(html: string, id: string, sentences: ArticleLabels['sentences']): Example[] {
  const location = `https://train.example/${id}`;
  const analysis = analyzeDocument(parseHtml(html, location), location, rulesOnly);
  if (analysis.kind !== 'article') return [];
  const { text, blocks } = analysis.map;
  const gold = locateSentences(text, sentences, id);
  const spans = blocks.flatMap((block) => splitSentences(text, 'en', block.start, block.end));
  // Exactly what detection will feed the model, sentence by sentence.
  const inputs = rulesOnly.modelInputs(text, spans);
  return spans.map((span, i) => {
    const match = gold.find(
      (g) =>
        g.start < span.end &&
        span.start < g.end &&
        Math.min(g.end, span.end) - Math.max(g.start, span.start) > 0.5 * (span.end - span.start),
    );
    return {
      article: id,
      text: text.slice(span.start, span.end).replace(/\s+/g, ' '),
      features: inputs[i]?.features ?? null,
      ruled: inputs[i]?.ruled ?? 'none',
      topical: inputs[i]?.topical ?? false,
      label: match?.label ?? 'none',
    };
  });
}

interface Settings {
  minCount: number;
  l2: number;
}

/** Multinomial logistic regression by stochastic gradient descent, in a fixed order: same corpus, same model. */
function train(all: readonly Example[], { minCount, l2 }: Settings, prune: number): LinearModel {
  const examples = all.flatMap((e) => (e.features ? [{ ...e, features: e.features }] : []));
  const counts = new Map<string, number>();
  for (const { features } of examples) for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts]
    .filter(([, n]) => n >= minCount)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const K = MODEL_CLASSES.length;
  const weights = Array.from({ length: K }, () => new Float64Array(vocabulary.length));
  const bias = new Float64Array(K);
  const rows = examples.map((e) => ({
    x: e.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined),
    y: MODEL_CLASSES.indexOf(e.label),
  }));
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const rate = 0.3 / (1 + epoch * 0.2);
    for (const { x, y } of rows) {
      const logits = Array.from({ length: K }, (_, c) =>
        x.reduce((s, i) => s + (weights[c]?.[i] ?? 0), bias[c] ?? 0),
      );
      const top = Math.max(...logits);
      const exps = logits.map((z) => Math.exp(z - top));
      const sum = exps.reduce((a, b) => a + b, 0);
      for (let c = 0; c < K; c++) {
        const gradient = (exps[c] ?? 0) / sum - (c === y ? 1 : 0);
        const w = weights[c] as Float64Array;
        for (const i of x) w[i] = (w[i] ?? 0) - rate * (gradient + l2 * (w[i] ?? 0));
        bias[c] = (bias[c] ?? 0) - rate * gradient;
      }
    }
  }
  const model: LinearModel = { classes: [...MODEL_CLASSES], bias: [...bias].map(round), weights: {} };
  for (const [i, feature] of vocabulary.entries()) {
    const row = weights.map((w) => round(w[i] ?? 0));
    if (row.some((v) => Math.abs(v) >= prune)) model.weights[feature] = row;
  }
  return model;
}

/**
 * Five-fold cross-validation over the development articles (never the test part): each fold is judged by a
 * model trained on the other four, deciding as detection does (`modelVerdict`, with the bars given; a sentence
 * the model is not asked about keeps the rules' verdict). How the settings above and `MODEL_BARS` were chosen.
 */
function crossValidate(
  examples: readonly Example[],
  settings: Settings,
  bars: ModelBars,
  verbose = false,
): string {
  let claimed = 0;
  let right = 0;
  let sided = 0;
  let sidedFound = 0;
  let neutral = 0;
  let neutralFound = 0;
  let stanceRight = 0;
  for (let fold = 0; fold < 5; fold++) {
    const inFold = (e: Example) => parseInt(fnv1a(e.article), 16) % 5 === fold;
    const model = train(
      examples.filter((e) => !inFold(e)),
      settings,
      PRUNE_BELOW,
    );
    for (const e of examples.filter(inFold)) {
      const verdict = e.features
        ? modelVerdict(e.ruled, predict(model, e.features), bars, e.topical)
        : 'rules';
      const said = verdict === 'rules' ? e.ruled : verdict;
      if (said !== 'none') claimed++;
      if (said !== 'none' && e.label !== 'none') right++;
      if (e.label === 'overcapacity' || e.label === 'demand') {
        sided++;
        if (said !== 'none') sidedFound++;
      }
      if (e.label === 'neutral') {
        neutral++;
        if (said !== 'none') neutralFound++;
      }
      if (said !== 'none' && said === e.label) stanceRight++;
      if (verbose && said !== e.label) {
        const what = e.label === 'none' ? 'false alarm' : said === 'none' ? 'missed' : 'wrong stance';
        console.log(
          `  fold ${fold} ${what}: labelled ${e.label}, said ${said} (rules ${e.ruled}) [${e.article}] ${e.text}`,
        );
      }
    }
  }
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  return (
    `min count ${settings.minCount}, L2 ${settings.l2}, claim from ${bars.claim}, ` +
    `overrule from ${bars.overrule}: ` +
    `precision ${pct(right, claimed)}, recall of sided claims ${pct(sidedFound, sided)}, ` +
    `neutral ${pct(neutralFound, neutral)}, stance accuracy ${pct(stanceRight, right)}`
  );
}

const examples: Example[] = [];
for (const entry of await loadCorpus('dev'))
  examples.push(...examplesOf(entry.html, entry.id, entry.labels.sentences));

if (process.argv.includes('--cv') && process.argv.includes('--verbose')) {
  // The shipped setting only, with every miss, false alarm and wrong stance of each fold.
  console.log(crossValidate(examples, { minCount: MIN_COUNT, l2: L2 }, MODEL_BARS, true));
} else if (process.argv.includes('--cv')) {
  for (const minCount of [2, 3])
    for (const l2 of [1e-4, 1e-3])
      for (const claim of [0.7, 0.8, 0.9])
        for (const overrule of [0, 0.8])
          console.log(crossValidate(examples, { minCount, l2 }, { claim, overrule }));
} else {
  const model = train(examples, { minCount: MIN_COUNT, l2: L2 }, PRUNE_BELOW);
  await writeFile(OUT, JSON.stringify(model) + '\n');
  console.log(
    `trained on ${examples.length} sentences (${examples.filter((e) => e.label !== 'none').length} claims); ` +
      `${Object.keys(model.weights).length} features kept; wrote ${OUT}`,
  );
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
