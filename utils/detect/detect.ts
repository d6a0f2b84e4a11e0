import { findFigures, type Figure } from '../text/figures.ts';
import type { Span } from '../text/segment.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import { speakerAt } from './attribution.ts';
import {
  CONTRASTS,
  DEMAND_AS_VERB_BEFORE,
  DISMISSALS,
  EMPHATIC_CONTRASTS,
  FRAMES,
  HEDGES,
  NEGATORS,
  SAYING,
} from './language.ts';
import { PhraseMatcher, type PhraseMatch } from './matcher.ts';
import type { Cue, Stance, TopicPack } from './pack.ts';

/** A cue that fired in a claim, with where it stands in the article text: the "why" shown to the reader. */
export interface CueHit extends Span {
  phrase: string;
  /** The stance the cue counted for, after negation and framing. */
  stance: Stance;
  weight: number;
  /** Turned around by a negation ("no glut") or by a dismissed frame ("glut fears are overblown"). */
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
  /** The claim is put as a possibility ("may", "could"). */
  hedged: boolean;
  /** Who makes it, when the sentence says ("analysts at Jefferies", "Tencent executives"). */
  speaker: string | null;
}

/** Reader-taught changes to detection on this machine (see learn.ts). */
export interface Adjustments {
  /** Multiplies a cue's weight, keyed by `stance:phrase`. */
  cueFactors: ReadonlyMap<string, number>;
  /** Sentences (by `sentenceKey`) the reader classified: their stance, or null for "not a claim". */
  verdicts: ReadonlyMap<string, Stance | null>;
}

export const NO_ADJUSTMENTS: Adjustments = { cueFactors: new Map(), verdicts: new Map() };

/** The key of a sentence for the reader's verdicts: case and spacing do not matter. */
export const sentenceKey = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
export const cueKey = (cue: Pick<Cue, 'phrase' | 'stance'>) => `${cue.stance}:${cue.phrase}`;

type Entry =
  | { kind: 'anchor'; phrase: string; strong: boolean }
  | { kind: 'cue'; cue: Cue }
  | { kind: 'report' }
  | { kind: 'entity'; name: string }
  | { kind: 'negator' }
  | { kind: 'frame' }
  | { kind: 'dismissal' }
  | { kind: 'hedge' }
  | { kind: 'contrast'; emphatic: boolean }
  | { kind: 'saying'; according: boolean };

/** A negator turns a cue that starts within this many words after it, up to the next comma or colon. */
const NEGATION_REACH = 8;
/** A frame noun this close to a cue (before or after) makes it the name of a view ("glut fears", "fears of a glut"). */
const FRAME_REACH_BEFORE = 4;
const FRAME_REACH_AFTER = 2;
/** A turned cue counts for the other side, a little less surely than a plain one. */
const NEGATED_WEIGHT = 0.85;
/** A named view that the clause neither asserts nor dismisses ("the glut narrative") is weaker evidence. */
const FRAMED_WEIGHT = 0.6;
/** In "X, but Y" the writer leans on Y. */
const EMPHASIS = 1.3;
/** Score a side needs before a clause or sentence is a claim for it. */
const STANCE_THRESHOLD = 1;
/** Score the neutral cues and anchors need, on topic, for a neutral-but-relevant claim. */
const NEUTRAL_THRESHOLD = 1.5;
/** Each distinct anchor beyond the first adds this to a neutral reading. */
const EXTRA_ANCHOR_SCORE = 0.4;
/** An article is about the topic when its text names this many distinct strong anchors. */
const ARTICLE_TOPIC_ANCHORS = 3;
/** Shorter sentences are labels, datelines and fragments. */
const MIN_CLAIM_WORDS = 5;

export interface Detector {
  detect(text: string, sentences: readonly Span[]): DetectedClaim[];
}

/** Compiles the enabled packs into one matcher; detection then costs one pass over the article's words. */
export function compileDetector(
  packs: readonly TopicPack[],
  adjustments: Adjustments = NO_ADJUSTMENTS,
): Detector {
  const matcher = new PhraseMatcher<Entry>();
  for (const pack of packs) {
    if (pack.enabled === false) continue;
    for (const phrase of pack.anchors) matcher.add(phrase, { kind: 'anchor', phrase, strong: true });
    for (const phrase of pack.contextAnchors) matcher.add(phrase, { kind: 'anchor', phrase, strong: false });
    for (const cue of pack.cues) {
      const factor = adjustments.cueFactors.get(cueKey(cue)) ?? 1;
      matcher.add(cue.phrase, {
        kind: 'cue',
        cue: factor === 1 ? cue : { ...cue, weight: cue.weight * factor },
      });
    }
    for (const phrase of pack.reports) matcher.add(phrase, { kind: 'report' });
    for (const name of pack.entities) matcher.add(name, { kind: 'entity', name });
  }
  const add = (phrases: readonly string[], entry: (phrase: string) => Entry) => {
    for (const phrase of phrases) matcher.add(phrase, entry(phrase));
  };
  add(NEGATORS, () => ({ kind: 'negator' }));
  add(FRAMES, () => ({ kind: 'frame' }));
  add(DISMISSALS, () => ({ kind: 'dismissal' }));
  add(HEDGES, () => ({ kind: 'hedge' }));
  add(CONTRASTS, (p) => ({ kind: 'contrast', emphatic: EMPHATIC_CONTRASTS.includes(p) }));
  add(SAYING, (p) => ({ kind: 'saying', according: p === 'according to' }));
  return { detect: (text, sentences) => detectAll(matcher, adjustments, text, sentences) };
}

interface Sentence extends Span {
  tokens: Token[];
  found: PhraseMatch<Entry>[];
}

function detectAll(
  matcher: PhraseMatcher<Entry>,
  adjustments: Adjustments,
  text: string,
  spans: readonly Span[],
): DetectedClaim[] {
  const sentences: Sentence[] = spans.map((span) => {
    const tokens = tokenize(text, span.start, span.end);
    return { ...span, tokens, found: matcher.matchAll(tokens) };
  });
  const strongAnchors = new Set<string>();
  for (const s of sentences)
    for (const { entry } of s.found)
      if (entry.kind === 'anchor' && entry.strong) strongAnchors.add(entry.phrase);
  const onTopic = strongAnchors.size >= ARTICLE_TOPIC_ANCHORS;
  const claims: DetectedClaim[] = [];
  for (const sentence of sentences) {
    const verdict = adjustments.verdicts.get(sentenceKey(text.slice(sentence.start, sentence.end)));
    if (verdict === undefined) claims.push(...judgeSentence(text, sentence, onTopic));
    else if (verdict !== null) claims.push(readerClaim(text, sentence, verdict));
    // A null verdict: the reader said this is not a claim.
  }
  return claims;
}

/** The reader classified this very sentence before: their stance stands, with the cues that fired as the why. */
function readerClaim(text: string, sentence: Sentence, stance: Stance): DetectedClaim {
  const clause = splitClauses(text, sentence.tokens, sentence.found).reduce<CueHit[]>((cues, c) => {
    scoreClause(text, sentence.tokens, sentence.found, c);
    return cues.concat(c.cues);
  }, []);
  return { ...claimOf(text, sentence, sentence.tokens, sentence.found, stance, clause), confidence: 0.99 };
}

interface Clause {
  first: number;
  last: number;
  /** The clause follows an emphatic contrast ("but", "however"): it carries the point. */
  emphatic: boolean;
  /** The clause comes before such a contrast: it concedes. */
  conceded: boolean;
  score: Record<Stance, number>;
  cues: CueHit[];
}

function judgeSentence(text: string, sentence: Sentence, articleOnTopic: boolean): DetectedClaim[] {
  const sentenceText = text.slice(sentence.start, sentence.end);
  // Questions ask; they do not claim. Fragments and datelines are not claims either.
  if (/\?["'”’)\]]*$/.test(sentenceText) || sentence.tokens.length < MIN_CLAIM_WORDS) return [];
  const { tokens, found } = sentence;
  let strongAnchor = false;
  let anyAnchor = false;
  const anchors = new Set<string>();
  let reported = false;
  for (const { entry } of found) {
    if (entry.kind === 'anchor') {
      anyAnchor = true;
      strongAnchor ||= entry.strong;
      anchors.add(entry.phrase);
    } else if (entry.kind === 'report') reported = true;
  }
  if (!strongAnchor && !(articleOnTopic && anyAnchor) && !articleOnTopic) return [];

  const clauses = splitClauses(text, tokens, found);
  for (const clause of clauses) scoreClause(text, tokens, found, clause);
  const sided = (c: Clause) => strongestSide(c.score);
  const opposed = clauses.filter((c) => sided(c) !== null);
  const sides = new Set(opposed.map(sided));
  // Two clauses that argue opposite sides are two claims, each with its own span.
  if (
    sides.size === 2 &&
    opposed.every((c) => Math.max(c.score.overcapacity, c.score.demand) >= STANCE_THRESHOLD)
  ) {
    return opposed.map((c) =>
      claimOf(text, sentence, tokens.slice(c.first, c.last), found, sided(c) as Stance, c.cues, c),
    );
  }
  const total: Record<Stance, number> = { overcapacity: 0, demand: 0, neutral: 0 };
  const cues: CueHit[] = [];
  for (const c of clauses) {
    const factor = c.emphatic ? EMPHASIS : c.conceded ? 1 / EMPHASIS : 1;
    for (const s of ['overcapacity', 'demand', 'neutral'] as const) total[s] += c.score[s] * factor;
    cues.push(...c.cues);
  }
  const side = strongestSide(total);
  // A stance cue alone is enough in an article about the topic; elsewhere the sentence must name the topic.
  if (side && (strongAnchor || (articleOnTopic && (anyAnchor || total[side] >= STANCE_THRESHOLD)))) {
    return [claimOf(text, sentence, tokens, found, side, cues, undefined, total)];
  }
  if (reported || !strongAnchor) return [];
  const neutral =
    total.neutral + Math.max(total.overcapacity, total.demand) + EXTRA_ANCHOR_SCORE * (anchors.size - 1);
  if (neutral < NEUTRAL_THRESHOLD) return [];
  return [claimOf(text, sentence, tokens, found, 'neutral', cues, undefined, { ...total, neutral })];
}

function strongestSide(score: Record<Stance, number>): 'overcapacity' | 'demand' | null {
  if (Math.max(score.overcapacity, score.demand) < STANCE_THRESHOLD || score.overcapacity === score.demand)
    return null;
  return score.overcapacity > score.demand ? 'overcapacity' : 'demand';
}

function splitClauses(
  text: string,
  tokens: readonly Token[],
  found: readonly PhraseMatch<Entry>[],
): Clause[] {
  const cuts = new Map<number, boolean>();
  for (const { entry, first } of found)
    if (entry.kind === 'contrast' && first > 0) cuts.set(first, entry.emphatic);
  for (let i = 1; i < tokens.length; i++) {
    const gap = text.slice(tokens[i - 1]?.end ?? 0, tokens[i]?.start ?? 0);
    if (/[;—–]|\s-\s/.test(gap) && !cuts.has(i)) cuts.set(i, false);
  }
  const starts = [0, ...[...cuts.keys()].sort((a, b) => a - b)];
  return starts.map((first, i) => ({
    first,
    last: starts[i + 1] ?? tokens.length,
    emphatic: cuts.get(first) === true,
    conceded: cuts.get(starts[i + 1] ?? -1) === true,
    score: { overcapacity: 0, demand: 0, neutral: 0 },
    cues: [],
  }));
}

function scoreClause(
  text: string,
  tokens: readonly Token[],
  found: readonly PhraseMatch<Entry>[],
  clause: Clause,
): void {
  const inClause = found.filter((f) => f.first >= clause.first && f.last <= clause.last);
  const negatorEnds = inClause.filter((f) => f.entry.kind === 'negator').map((f) => f.last);
  const frames = inClause.filter((f) => f.entry.kind === 'frame');
  const dismissed = inClause.some((f) => f.entry.kind === 'dismissal');
  for (const match of longestCues(inClause)) {
    if (match.entry.kind !== 'cue') continue;
    const { cue } = match.entry;
    if (demandUsedAsVerb(tokens, match)) continue;
    const negated = negatorEnds.some(
      (end) =>
        end <= match.first &&
        match.first - end < NEGATION_REACH &&
        !punctuatedBetween(text, tokens, end, match.first),
    );
    const framed = frames.some(
      (f) =>
        (f.first >= match.last && f.first - match.last < FRAME_REACH_AFTER) ||
        (f.last <= match.first && match.first - f.last < FRAME_REACH_BEFORE),
    );
    const turned = negated !== (framed && dismissed);
    const stance = turned ? opposite(cue.stance) : cue.stance;
    let weight = cue.weight;
    if (turned) weight *= NEGATED_WEIGHT;
    else if (framed) weight *= FRAMED_WEIGHT;
    clause.score[stance] += weight;
    const start = tokens[match.first]?.start ?? 0;
    const end = tokens[match.last - 1]?.end ?? start;
    clause.cues.push({ phrase: cue.phrase, stance, weight: round(weight), negated: turned, start, end });
  }
}

/** Whether a comma, colon or other pause stands between token `from - 1` and token `to`: negation stops there. */
function punctuatedBetween(text: string, tokens: readonly Token[], from: number, to: number): boolean {
  const start = tokens[from - 1]?.end ?? 0;
  const end = tokens[to]?.start ?? start;
  return /[,:;()—–]/.test(text.slice(start, end));
}

/** "Investors demand returns": a cue that reads "demand" as a noun does not fire where it is a verb. */
function demandUsedAsVerb(tokens: readonly Token[], match: PhraseMatch<Entry>): boolean {
  for (let i = match.first; i < match.last; i++) {
    if (!tokens[i]?.norm.startsWith('demand')) continue;
    const before = tokens[i - 1]?.norm;
    if (before && DEMAND_AS_VERB_BEFORE.includes(before)) return true;
  }
  return false;
}

/** Keeps the longest of overlapping cue matches ("capacity glut" over "glut"). */
function longestCues(found: readonly PhraseMatch<Entry>[]): PhraseMatch<Entry>[] {
  const cues = found
    .filter((f) => f.entry.kind === 'cue')
    .sort((a, b) => b.last - b.first - (a.last - a.first));
  const kept: PhraseMatch<Entry>[] = [];
  for (const c of cues) if (!kept.some((k) => c.first < k.last && k.first < c.last)) kept.push(c);
  return kept.sort((a, b) => a.first - b.first);
}

function claimOf(
  text: string,
  sentence: Sentence,
  tokens: readonly Token[],
  found: readonly PhraseMatch<Entry>[],
  stance: Stance,
  cues: CueHit[],
  clause?: Clause,
  score?: Record<Stance, number>,
): DetectedClaim {
  // A clause claim runs from its first word to the sentence's end or the next clause, without trailing commas.
  let start = sentence.start;
  let end = sentence.end;
  if (clause) {
    start = clause.first === 0 ? sentence.start : (tokens[0]?.start ?? sentence.start);
    const nextStart = sentence.tokens[clause.last]?.start;
    end = nextStart === undefined ? sentence.end : (tokens[tokens.length - 1]?.end ?? sentence.end);
    if (nextStart === undefined) end = sentence.end;
  }
  const inSpan = (f: PhraseMatch<Entry>) =>
    (sentence.tokens[f.first]?.start ?? 0) >= start && (sentence.tokens[f.last - 1]?.end ?? 0) <= end;
  const here = found.filter(inSpan);
  const entities = [...new Set(here.flatMap((f) => (f.entry.kind === 'entity' ? [f.entry.name] : [])))];
  const saying = here.find((f) => f.entry.kind === 'saying');
  const speaker = saying
    ? speakerAt(
        text,
        sentence.tokens,
        saying.first,
        saying.last,
        saying.entry.kind === 'saying' && saying.entry.according,
      )
    : null;
  const own = score ?? clause?.score ?? { overcapacity: 0, demand: 0, neutral: 0 };
  return {
    start,
    end,
    text: text.slice(start, end),
    stance,
    confidence: confidenceOf(
      stance,
      own,
      here.some((f) => f.entry.kind === 'hedge'),
    ),
    cues,
    figures: findFigures(text, start, end),
    entities,
    hedged: here.some((f) => f.entry.kind === 'hedge'),
    speaker,
  };
}

function opposite(stance: Stance): Stance {
  if (stance === 'overcapacity') return 'demand';
  if (stance === 'demand') return 'overcapacity';
  return 'neutral';
}

function confidenceOf(stance: Stance, score: Record<Stance, number>, hedged: boolean): number {
  const own = score[stance];
  const against = stance === 'neutral' ? 0 : Math.min(score.overcapacity, score.demand);
  const total = score.overcapacity + score.demand + score.neutral;
  // Strength (how much evidence) times purity (how one-sided), squashed into [0.5, 0.99]; a hedge costs a little.
  const strength = 1 - Math.exp(-Math.max(own, 0.5));
  const purity = total > 0 ? (own - against) / total : 0.5;
  const confidence = 0.5 + 0.5 * strength * Math.max(purity, 0.2) * (hedged ? 0.9 : 1);
  return round(Math.min(0.99, confidence));
}

const round = (x: number) => Math.round(x * 100) / 100;
