// `npm run bench:detect`: how long detection takes on 10,000 words of article text in Node (median of runs).
import { detectInText } from '../utils/analyze.ts';
import { compileDetector } from '../utils/detect/detect.ts';
import { BUILT_IN_PACKS } from '../utils/detect/packs/index.ts';
import { asArticle, corpusParagraphs, paragraphsOfLength, wordCount } from './lib/sample-text.ts';

const TARGET_WORDS = 10_000;
const RUNS = 30;

// Real article text, not lorem ipsum: the corpus's bodies, repeated until there are 10,000 words.
const detector = compileDetector(BUILT_IN_PACKS);
const chosen = paragraphsOfLength(await corpusParagraphs(), TARGET_WORDS);
const wordTotal = wordCount(chosen.join(' '));
const { text, blocks } = asArticle(chosen);

const compileStart = performance.now();
compileDetector(BUILT_IN_PACKS);
const compileMs = performance.now() - compileStart;

const times: number[] = [];
let claims = 0;
for (let i = 0; i < RUNS + 5; i++) {
  const start = performance.now();
  claims = detectInText(text, blocks, 'en', detector).length;
  if (i >= 5) times.push(performance.now() - start); // the first runs warm the JIT up
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
console.log(`detection of ${wordTotal} words (${blocks.length} paragraphs, ${claims} claims), ${RUNS} runs:`);
console.log(
  `  median ${median.toFixed(2)} ms, min ${times[0]?.toFixed(2)} ms, max ${times[times.length - 1]?.toFixed(2)} ms`,
);
console.log(`  compiling the built-in pack: ${compileMs.toFixed(2)} ms (once per page)`);
