import { findFigures, type Figure } from '../text/figures.ts';
import type { Span } from '../text/segment.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import { PhraseMatcher } from './matcher.ts';
import type { Cue, Stance, TopicPack } from './pack.ts';

/** A cue that fired in a claim, with where it stands in the article text: the "why" shown to the reader. */
export interface CueHit extends Span {
  phrase: string;
  /** The stance the cue counted for, after negation. */
  stance: Stance;
  weight: number;
  negated: boolean;
}

export interface DetectedClaim extends Span {
  text: string;
  stance: Stance;
  /** 0.5 (a coin toss) to 0.99. */
  confidence: number;
  cues: CueHit[];
  figures: Figure[];
  entities: string[];
  /** The claim is hedged ("may", "could"): reported as a possibility, not a fact. */
  hedged: boolean;
}

type Entry =
  | { kind: 'anchor'; phrase: string }
  | { kind: 'cue'; cue: Cue }
  | { kind: 'report'; phrase: string }
  | { kind: 'entity'; name: string }
  | { kind: 'negator'; phrase: string }
  | { kind: 'hedge'; phrase: string };

// How the language itself (not the topic) turns a cue around or softens it. Kept here, not in packs, because
// every topic shares them.
const NEGATORS = [
  'not',
  'no',
  'never',
  'nor',
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  "don't",
  "doesn't",
  "didn't",
  "won't",
  'without',
  'hardly',
  'little',
  'few',
  'far from',
  'rather than',
  'instead of',
  'less about',
  'rebut*',
  'dismiss*',
  'reject*',
  'den* that',
  'doubt*',
  'overblown',
  'overstated',
  'myth',
  'challenges the belief',
];
const HEDGES = [
  'may',
  'might',
  'could',
  'possibly',
  'perhaps',
  'reportedly',
  'likely',
  'appears to',
  'seems to',
];

/** A negator flips a cue that follows it within this many words (same sentence). */
const NEGATION_REACH = 4;
/** A negated cue counts for the opposite stance, but less surely than a plain one. */
const NEGATED_WEIGHT = 0.75;
/** Score a stance needs before a sentence is called a claim for it. */
const STANCE_THRESHOLD = 1;
/** Score the neutral cues need, with the topic anchored, for a neutral-but-relevant claim. */
const NEUTRAL_THRESHOLD = 1.5;
/** Each distinct topic anchor beyond the first adds this much relevance to a neutral reading. */
const EXTRA_ANCHOR_SCORE = 0.5;

export interface Detector {
  detect(text: string, sentences: readonly Span[]): DetectedClaim[];
}

/** Compiles the enabled packs into one matcher; detection then costs one pass over the article's words. */
export function compileDetector(packs: readonly TopicPack[]): Detector {
  const matcher = new PhraseMatcher<Entry>();
  for (const pack of packs) {
    if (pack.enabled === false) continue;
    for (const phrase of pack.anchors) matcher.add(phrase, { kind: 'anchor', phrase });
    for (const cue of pack.cues) matcher.add(cue.phrase, { kind: 'cue', cue });
    for (const phrase of pack.reports) matcher.add(phrase, { kind: 'report', phrase });
    for (const name of pack.entities) matcher.add(name, { kind: 'entity', name });
  }
  for (const phrase of NEGATORS) matcher.add(phrase, { kind: 'negator', phrase });
  for (const phrase of HEDGES) matcher.add(phrase, { kind: 'hedge', phrase });
  return { detect: (text, sentences) => detectWith(matcher, text, sentences) };
}

interface Located {
  entry: Entry;
  first: number;
  last: number;
}

function detectWith(
  matcher: PhraseMatcher<Entry>,
  text: string,
  sentences: readonly Span[],
): DetectedClaim[] {
  const claims: DetectedClaim[] = [];
  for (const sentence of sentences) {
    // Questions ask; they do not claim.
    if (/\?["'”’)\]]*$/.test(text.slice(sentence.start, sentence.end))) continue;
    const tokens = tokenize(text, sentence.start, sentence.end);
    const found = matcher.matchAll(tokens);
    const claim = judge(text, sentence, tokens, found);
    if (claim) claims.push(claim);
  }
  return claims;
}

function judge(text: string, sentence: Span, tokens: Token[], found: Located[]): DetectedClaim | null {
  const anchors = new Set<string>();
  const negatorEnds: number[] = [];
  let reported = false;
  let hedged = false;
  const entities = new Set<string>();
  for (const { entry, last } of found) {
    if (entry.kind === 'anchor') anchors.add(entry.phrase);
    else if (entry.kind === 'negator') negatorEnds.push(last);
    else if (entry.kind === 'report') reported = true;
    else if (entry.kind === 'hedge') hedged = true;
    else if (entry.kind === 'entity') entities.add(entry.name);
  }
  if (anchors.size === 0) return null;

  const score: Record<Stance, number> = { overcapacity: 0, demand: 0, neutral: 0 };
  const cues: CueHit[] = [];
  for (const { entry, first, last } of longestCues(found)) {
    if (entry.kind !== 'cue') continue;
    const negated = negatorEnds.some((end) => end <= first && first - end < NEGATION_REACH);
    const stance = negated ? opposite(entry.cue.stance) : entry.cue.stance;
    const weight = negated ? entry.cue.weight * NEGATED_WEIGHT : entry.cue.weight;
    score[stance] += weight;
    const start = tokens[first]?.start ?? sentence.start;
    const end = tokens[last - 1]?.end ?? sentence.end;
    cues.push({ phrase: entry.cue.phrase, stance, weight, negated, start, end });
  }
  const sided = Math.max(score.overcapacity, score.demand);
  let stance: Stance;
  if (sided >= STANCE_THRESHOLD && score.overcapacity !== score.demand) {
    stance = score.overcapacity > score.demand ? 'overcapacity' : 'demand';
  } else {
    if (reported) return null;
    const neutral = score.neutral + sided + EXTRA_ANCHOR_SCORE * (anchors.size - 1);
    if (neutral < NEUTRAL_THRESHOLD) return null;
    stance = 'neutral';
  }
  return {
    start: sentence.start,
    end: sentence.end,
    text: text.slice(sentence.start, sentence.end),
    stance,
    confidence: confidenceOf(stance, score),
    cues,
    figures: findFigures(text, sentence.start, sentence.end),
    entities: [...entities],
    hedged,
  };
}

/** Drops cue matches contained in a longer cue match ("capacity glut" wins over "glut"). */
function longestCues(found: Located[]): Located[] {
  const cues = found.filter((f) => f.entry.kind === 'cue');
  return cues.filter(
    (a) =>
      !cues.some(
        (b) => b !== a && b.first <= a.first && b.last >= a.last && b.last - b.first > a.last - a.first,
      ),
  );
}

function opposite(stance: Stance): Stance {
  if (stance === 'overcapacity') return 'demand';
  if (stance === 'demand') return 'overcapacity';
  return 'neutral';
}

function confidenceOf(stance: Stance, score: Record<Stance, number>): number {
  const total = score.overcapacity + score.demand + score.neutral;
  const own = score[stance];
  const margin =
    stance === 'neutral'
      ? own / Math.max(total, 1)
      : (own - Math.min(score.overcapacity, score.demand)) / total;
  // Strength (how much evidence) times purity (how one-sided), squashed into [0.5, 0.99].
  const strength = 1 - Math.exp(-Math.max(own, 0.5));
  return Math.round(Math.min(0.99, 0.5 + 0.5 * strength * margin) * 100) / 100;
}
