// `npm run eval:stories`: groups the labelled corpus into stories as ClaimLens does while a reader reads it
// (in order of publication, each article joining a stored story or starting one) and scores the grouping
// against the storylines the corpus was written to, pair by pair (`-- --verbose` lists the wrong pairs).
import { profileOf } from '../utils/compare/profile.ts';
import { STORY_WINDOW_DAYS, storyFor, type StoryCandidate } from '../utils/compare/stories.ts';
import { analyzeDocument } from '../utils/analyze.ts';
import { compileDetector } from '../utils/detect/detect.ts';
import { BUILT_IN_PACKS } from '../utils/detect/packs/index.ts';
import { loadCorpus } from './lib/corpus.ts';
import { parseHtml } from './lib/parse-html.ts';

const VERBOSE = process.argv.includes('--verbose');
const detector = compileDetector(BUILT_IN_PACKS);
const read: { candidate: StoryCandidate; storyline: string }[] = [];
for (const entry of await loadCorpus('all')) {
  const location = `https://corpus.example/${entry.id}`;
  const analysis = analyzeDocument(parseHtml(entry.html, location), location, detector);
  if (analysis.kind !== 'article') continue;
  const date = analysis.meta.published ?? '2026-01-01T00:00:00Z';
  read.push({
    candidate: { id: entry.id, storyId: null, date, ...profileOf(analysis.map.text) },
    // An unrelated article is a story of its own.
    storyline: entry.labels.storyline ?? entry.id,
  });
}
read.sort((a, b) => a.candidate.date.localeCompare(b.candidate.date));

/** Pairwise precision and recall of a grouping against the storylines. */
function score(grouped: readonly { candidate: StoryCandidate; storyline: string }[]) {
  let together = 0;
  let right = 0;
  let shouldBe = 0;
  // Storylines that run for months hold several events: pairs published within the window are one event.
  let nearShouldBe = 0;
  let nearRight = 0;
  for (let i = 0; i < grouped.length; i++)
    for (let j = i + 1; j < grouped.length; j++) {
      const [a, b] = [grouped[i], grouped[j]];
      if (!a || !b) continue;
      const same = a.candidate.storyId === b.candidate.storyId;
      const truth = a.storyline === b.storyline;
      if (same) together++;
      if (same && truth) right++;
      if (same && !truth && VERBOSE)
        console.log(`  grouped, but different storylines: ${a.candidate.id} + ${b.candidate.id}`);
      if (truth) shouldBe++;
      const near =
        Math.abs(Date.parse(a.candidate.date) - Date.parse(b.candidate.date)) <=
        STORY_WINDOW_DAYS * 86_400_000;
      if (truth && near) nearShouldBe++;
      if (truth && near && same) nearRight++;
    }
  const pct = (x: number, y: number) => `${((100 * x) / Math.max(1, y)).toFixed(1)}%`;
  const stories = new Set(grouped.map((g) => g.candidate.storyId)).size;
  return `${stories} stories; pairs grouped together: precision ${pct(right, together)} (${right}/${together}), recall ${pct(right, shouldBe)} (${right}/${shouldBe}), of those within ${STORY_WINDOW_DAYS} days ${pct(nearRight, nearShouldBe)} (${nearRight}/${nearShouldBe})`;
}

function group(dateOf: (c: StoryCandidate, i: number) => string) {
  const stored: StoryCandidate[] = [];
  return read.map(({ candidate, storyline }, i) => {
    const dated = { ...candidate, date: dateOf(candidate, i) };
    const placed = { ...dated, storyId: storyFor(dated, stored) };
    stored.push(placed);
    return { candidate: placed, storyline };
  });
}

console.log(`${read.length} corpus articles, ${new Set(read.map((r) => r.storyline)).size} storylines`);
console.log(`as published:          ${score(group((c) => c.date))}`);
// The hard case: every article read in the same week, so only the text can tell stories apart.
console.log(
  `all in one week:       ${score(group((_, i) => new Date(Date.UTC(2026, 0, 1) + (i % 5) * 86_400_000).toISOString()))}`,
);
