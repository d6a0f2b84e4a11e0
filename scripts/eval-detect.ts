// `npm run eval:detect [-- --split dev|test|all] [--verbose]`: precision, recall, F1 and stance accuracy of the
// detector on the labelled corpus (tests/corpus), with a confusion matrix. The test split is never tuned on.
import { parseArgs } from 'node:util';
import { analyzeDocument } from '../utils/analyze.ts';
import { compileDetector } from '../utils/detect/detect.ts';
import { BUILT_IN_PACKS } from '../utils/detect/packs/index.ts';
import {
  emptyConfusion,
  LABELS,
  metrics,
  score,
  type Confusion,
  type GoldSentence,
  type Mismatch,
} from './lib/evaluate.ts';
import { loadCorpus, locateSentences } from './lib/corpus.ts';
import { parseHtml } from './lib/parse-html.ts';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'test' },
    verbose: { type: 'boolean', default: false },
    // The hand-written rules without the learned second opinion: how far the rules alone get.
    'rules-only': { type: 'boolean', default: false },
  },
});
const split = values.split as 'dev' | 'test' | 'all';
if (!['dev', 'test', 'all'].includes(split)) {
  console.error('--split must be dev, test or all');
  process.exit(2);
}

const corpus = await loadCorpus(split);
const detector = compileDetector(
  values['rules-only'] ? BUILT_IN_PACKS.map(({ model: _model, ...pack }) => pack) : BUILT_IN_PACKS,
);
const confusion: Confusion = emptyConfusion();
const mismatches: (Mismatch & { id: string })[] = [];
const lost: string[] = [];
let unrelatedClaims = 0;
let unrelatedArticles = 0;
const started = performance.now();
for (const entry of corpus) {
  const location = `https://corpus.example/${entry.id}.html`;
  const analysis = analyzeDocument(parseHtml(entry.html, location), location, detector);
  const text = analysis.kind === 'article' ? analysis.map.text : '';
  const gold: GoldSentence[] = locateSentences(text, entry.labels.sentences, entry.id, (message) => {
    lost.push(message);
  });
  const predicted =
    analysis.kind === 'article' ? analysis.claims.map((c) => ({ ...c, label: c.stance })) : [];
  if (entry.labels.kind === 'unrelated') {
    unrelatedArticles++;
    unrelatedClaims += predicted.length;
  }
  for (const m of score(gold, predicted, confusion)) mismatches.push({ ...m, id: entry.id });
}
const elapsed = performance.now() - started;

const m = metrics(confusion);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(
  `ClaimLens detector on the ${split} split: ${corpus.length} articles (${unrelatedArticles} unrelated)\n`,
);
console.log('confusion (rows: labelled, columns: detected)');
console.log(['', ...LABELS].map((h) => h.padStart(13)).join(''));
for (const gold of LABELS)
  console.log([gold, ...LABELS.map((p) => String(confusion[gold][p]))].map((h) => h.padStart(13)).join(''));
console.log(`
precision            ${pct(m.precision)}
recall               overcapacity ${pct(m.recall.overcapacity)}  demand ${pct(m.recall.demand)}  neutral ${pct(m.recall.neutral)}
F1                   ${pct(m.f1)}
stance accuracy      ${pct(m.stanceAccuracy)}  (overcapacity ${pct(m.stanceAccuracyByClass.overcapacity)}, demand ${pct(m.stanceAccuracyByClass.demand)}, neutral ${pct(m.stanceAccuracyByClass.neutral)})
claims on unrelated  ${unrelatedClaims} in ${unrelatedArticles} articles
extraction lost      ${lost.length} labelled sentences
time                 ${elapsed.toFixed(0)} ms (parsing included)`);
if (values.verbose) {
  for (const message of lost) console.log(`  lost ${message}`);
  console.log('\nmismatches:');
  for (const x of mismatches)
    console.log(`  [${x.id}] labelled ${x.gold}, detected ${x.predicted}: ${x.text}`);
}
