import { findFigures, type Figure, type FigureUnit } from '../text/figures.ts';
import type { Span } from '../text/segment.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import { speakerAt } from './attribution.ts';
import {
  BELIEFS,
  CONTRASTS,
  COORDINATORS,
  DEMAND_AS_VERB_BEFORE,
  DISMISSALS,
  DOUBTS,
  EMPHATIC_CONTRASTS,
  FALSE_NEGATIONS,
  FRAMES,
  HEDGES,
  NEGATORS,
  OPEN_QUESTIONS,
  OTHER_MARKETS,
  QUESTIONS,
  SAYING,
  SCOPE_BREAKERS,
  WEAK_CONTRASTS,
} from './language.ts';
import { PhraseMatcher, type PhraseMatch } from './matcher.ts';
import { adapt, CompiledModel, sentenceFeatures, type Prediction, type TaughtSentence } from './model.ts';
import { DEFAULT_RULE_REACH, STANCES, type Cue, type Rule, type Stance, type TopicPack } from './pack.ts';

/** A cue that fired in a claim, with where it stands in the article text: the "why" shown to the reader. */
export interface CueHit extends Span {
  /** The pack's phrase, or the words a rule matched ("capex … raised"). */
  phrase: string;
  /** Which cue or rule fired (`cueKey`), for learning from the reader's corrections. */
  key: string;
  /** The stance the cue counted for, after negation and framing. */
  stance: Stance;
  weight: number;
  /** Turned around by a negation ("no glut"), a dismissed frame ("glut fears are overblown") or a reframe. */
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
  /** Multiplies a cue's or rule's weight, keyed by `cueKey`. */
  cueFactors: ReadonlyMap<string, number>;
  /** Sentences (by `sentenceKey`) the reader classified: their stance, or null for "not a claim". */
  verdicts: ReadonlyMap<string, Stance | null>;
  /** The same sentences, to teach the packs' learned models. */
  taught: readonly TaughtSentence[];
}

export const NO_ADJUSTMENTS: Adjustments = { cueFactors: new Map(), verdicts: new Map(), taught: [] };

/** The key of a sentence for the reader's verdicts: case and spacing do not matter. */
export const sentenceKey = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
/** The key of a cue or rule for learned weights. */
export const cueKey = (source: { stance: Stance; phrase?: string; families?: readonly string[] }) =>
  `${source.stance}:${source.phrase ?? source.families?.join('+') ?? ''}`;

type Entry =
  | { kind: 'anchor'; pack: number; phrase: string; strong: boolean }
  | { kind: 'cue'; pack: number; cue: Cue; key: string }
  | { kind: 'member'; pack: number; family: string; feature: string }
  | { kind: 'reframe'; pack: number; turns: Stance }
  | { kind: 'report'; pack: number }
  | { kind: 'entity'; pack: number; name: string }
  | { kind: 'negator' }
  | { kind: 'frame' }
  | { kind: 'dismissal' }
  | { kind: 'open-question' }
  | { kind: 'doubt' }
  | { kind: 'question' }
  | { kind: 'coordinator' }
  | { kind: 'false-negation' }
  | { kind: 'hedge' }
  | { kind: 'belief' }
  | { kind: 'scope-breaker' }
  | { kind: 'contrast'; emphatic: boolean; weak: boolean }
  | { kind: 'saying'; according: boolean };

/** A negator turns what starts within this many words after it, up to the next comma or colon. */
const NEGATION_REACH = 10;
/** A frame noun this close to a cue (before or after) makes it the name of a view ("glut fears", "fears of a glut"). */
const FRAME_REACH_BEFORE = 6;
const FRAME_REACH_AFTER = 2;
/** A turned cue counts for the other side, a little less surely than a plain one. */
const NEGATED_WEIGHT = 0.85;
/** A named view that the clause neither asserts nor dismisses ("the glut narrative") is weaker evidence. */
const FRAMED_WEIGHT = 0.8;
/** The least a dismissed view counts for ("the scarcity narrative is cracking" says the opposite, plainly). */
const DISMISSED_FRAME_WEIGHT = 1.2;
/** In "X, but Y" the writer leans on Y. */
const EMPHASIS = 1.3;
/** Score a side needs before a clause or sentence is a claim for it. */
const STANCE_THRESHOLD = 1;
/** What the pack's cues must reach in a sentence that names nothing of the topic (analogies, asides). */
const NO_ANCHOR_THRESHOLD = 1.15;
/** Score the neutral cues and anchors need, on topic, for a neutral-but-relevant claim. */
const NEUTRAL_THRESHOLD = 1.5;
/** Each distinct anchor beyond the first adds this to a neutral reading. */
const EXTRA_ANCHOR_SCORE = 0.4;
/** What a figure on the topic adds to a neutral reading: with one anchor, enough for a claim. */
const FIGURE_SCORE = 1.5;
/** Figures that measure the topic's stuff: money, power, chips, compute time. */
const TOPIC_FIGURES: ReadonlySet<FigureUnit> = new Set(['usd', 'yuan', 'gw', 'mw', 'gpus', 'gpu-hours']);
/** An article is about the topic when its text names this many distinct strong anchors. */
const ARTICLE_TOPIC_ANCHORS = 3;
/** Or one strong anchor fewer, with this many distinct context anchors ("AI" and "capex" with "cloud", "chips"…). */
const ARTICLE_CONTEXT_ANCHORS = 4;
/** Shorter sentences are labels, datelines and fragments. */
const MIN_CLAIM_WORDS = 5;

const codes = (marks: string) => [...marks].map((mark) => mark.charCodeAt(0));
/** What opens a clause at a weak contrast ("…, yet demand"). */
const PAUSES = codes(',;:—–');
/** What always opens a clause (besides a spaced hyphen). */
const CLAUSE_BREAKS = codes(';—–');
/** What ends a negation's reach. */
const PUNCTUATION = codes(',:;()—–');
const HYPHEN = 45;

export interface Detector {
  /**
   * Claims in `sentences` of `text`. `onTopic` says the text belongs to an article already known to be about
   * a pack's topic (new content arriving on such a page), so a short added passage is read in that light.
   */
  detect(text: string, sentences: readonly Span[], onTopic?: boolean): DetectedClaim[];
  /**
   * For training a pack's learned model (`train:detect`): what that model would read in each sentence, exactly
   * as detection feeds it, and what the rules made of the sentence; `features` is null where the model is not
   * asked (off topic, fragments, questions).
   */
  modelInputs(text: string, sentences: readonly Span[], onTopic?: boolean, pack?: number): ModelInput[];
}

export interface ModelInput {
  features: string[] | null;
  ruled: Stance | 'none';
  /** The sentence names something of the pack's topic (see `modelVerdict`). */
  topical: boolean;
}

interface CompiledRule {
  rule: Rule;
  weight: number;
  key: string;
  /** Its place in the pack: where two rules weigh the same, the earlier one stands, as the pack orders them. */
  order: number;
}

/** A pack's rules by their first family: a clause looks only at the rules whose first family it holds. */
type PackRules = ReadonlyMap<string, readonly CompiledRule[]>;

/** Compiles the enabled packs into one matcher; detection then costs one pass over the article's words. */
export function compileDetector(
  packs: readonly TopicPack[],
  adjustments: Adjustments = NO_ADJUSTMENTS,
): Detector {
  const matcher = new PhraseMatcher<Entry>();
  const rules: PackRules[] = [];
  const factor = (key: string) => adjustments.cueFactors.get(key) ?? 1;
  const enabled = packs.filter((pack) => pack.enabled !== false);
  for (const [index, pack] of enabled.entries()) {
    for (const phrase of pack.anchors)
      matcher.add(phrase, { kind: 'anchor', pack: index, phrase, strong: true });
    for (const phrase of pack.contextAnchors)
      matcher.add(phrase, { kind: 'anchor', pack: index, phrase, strong: false });
    for (const cue of pack.cues) {
      const key = cueKey(cue);
      matcher.add(cue.phrase, {
        kind: 'cue',
        pack: index,
        cue: { ...cue, weight: cue.weight * factor(key) },
        key,
      });
    }
    for (const [name, phrases] of Object.entries(pack.families))
      for (const phrase of phrases)
        matcher.add(phrase, { kind: 'member', pack: index, family: name, feature: `f:${name}` });
    const byFirstFamily = new Map<string, CompiledRule[]>();
    for (const [order, rule] of pack.rules.entries()) {
      const key = cueKey(rule);
      const first = rule.families[0] as string;
      const list = byFirstFamily.get(first) ?? [];
      list.push({ rule, weight: rule.weight * factor(key), key, order });
      byFirstFamily.set(first, list);
    }
    rules.push(byFirstFamily);
    for (const { phrase, turns } of pack.reframes)
      matcher.add(phrase, { kind: 'reframe', pack: index, turns });
    for (const phrase of pack.reports) matcher.add(phrase, { kind: 'report', pack: index });
    for (const name of pack.entities) matcher.add(name, { kind: 'entity', pack: index, name });
  }
  const add = (phrases: readonly string[], entry: (phrase: string) => Entry) => {
    for (const phrase of phrases) matcher.add(phrase, entry(phrase));
  };
  add(NEGATORS, () => ({ kind: 'negator' }));
  add(FRAMES, () => ({ kind: 'frame' }));
  add(DISMISSALS, () => ({ kind: 'dismissal' }));
  add(OPEN_QUESTIONS, () => ({ kind: 'open-question' }));
  add(DOUBTS, () => ({ kind: 'doubt' }));
  add(QUESTIONS, () => ({ kind: 'question' }));
  add(COORDINATORS, () => ({ kind: 'coordinator' }));
  add(FALSE_NEGATIONS, () => ({ kind: 'false-negation' }));
  add(HEDGES, () => ({ kind: 'hedge' }));
  add(BELIEFS, () => ({ kind: 'belief' }));
  add(SCOPE_BREAKERS, () => ({ kind: 'scope-breaker' }));
  add(CONTRASTS, (p) => ({
    kind: 'contrast',
    emphatic: EMPHATIC_CONTRASTS.includes(p),
    weak: WEAK_CONTRASTS.includes(p),
  }));
  add(SAYING, (p) => ({ kind: 'saying', according: p === 'according to' }));
  // The reader's taught sentences are read the way detection reads any sentence, so a correction moves the
  // same word classes the model leans on elsewhere.
  const taughtFeatures = (pack: number) => (sentence: string, ruled: Stance | 'none') => {
    const tokens = tokenize(sentence);
    const found = matcher.matchAll(tokens);
    return sentenceFeatures(
      tokens,
      ruled,
      undefined,
      classFeatures(sentence, { start: 0, end: sentence.length, tokens, found }, pack),
    );
  };
  const models = enabled.map(
    (pack, index) =>
      pack.model && new CompiledModel(adapt(pack.model, adjustments.taught, taughtFeatures(index))),
  );
  return {
    detect: (text, sentences, onTopic = false) =>
      detectAll(readAll(matcher, rules, models, adjustments, text, sentences, onTopic), models),
    modelInputs: (text, sentences, onTopic = false, pack = 0) => {
      // Every pack is read as if it had a model, so a rules-only pack can be trained one.
      const asIfModelled = enabled.map(() => true);
      const read = readAll(matcher, rules, asIfModelled, NO_ADJUSTMENTS, text, sentences, onTopic);
      return read.readings.map(({ sentence }, i) => ({
        features: modelAsked(read, i, pack) ? modelFeatures(read, i, pack) : null,
        ruled: ruledAt(read, i, pack) as Stance | 'none',
        topical: namesTopic(sentence, pack),
      }));
    },
  };
}

interface Sentence extends Span {
  tokens: Token[];
  found: PhraseMatch<Entry>[];
  /** Its figures, once asked for (most sentences never are). */
  figures?: Figure[];
}

const figuresOf = (text: string, sentence: Sentence) =>
  (sentence.figures ??= findFigures(text, sentence.start, sentence.end));

interface PackReading {
  reading: Reading;
  found: DetectedClaim[];
}

/** Every sentence read by the rules of each pack it concerns: what the learned models then read. */
interface ReadText {
  text: string;
  rules: readonly PackRules[];
  readings: {
    sentence: Sentence;
    verdict: Stance | null | undefined;
    packs: Set<number>;
    byPack: Map<number, PackReading>;
  }[];
  onTopic: (pack: number) => boolean;
}

function readAll(
  matcher: PhraseMatcher<Entry>,
  rules: readonly PackRules[],
  models: readonly unknown[],
  adjustments: Adjustments,
  text: string,
  spans: readonly Span[],
  knownOnTopic: boolean,
): ReadText {
  const sentences: Sentence[] = spans.map((span) => {
    const tokens = tokenize(text, span.start, span.end);
    return { ...span, tokens, found: matcher.matchAll(tokens) };
  });
  // Each pack judges its own topic: a rail-freight pack's anchors must not let the AI pack's rules loose.
  const strongAnchors = Array.from({ length: models.length }, () => new Set<string>());
  const contextAnchors = Array.from({ length: models.length }, () => new Set<string>());
  for (const s of sentences)
    for (const { entry } of s.found)
      if (entry.kind === 'anchor')
        (entry.strong ? strongAnchors : contextAnchors)[entry.pack]?.add(entry.phrase);
  const onTopic = (pack: number) => {
    const strong = strongAnchors[pack]?.size ?? 0;
    const context = contextAnchors[pack]?.size ?? 0;
    return (
      knownOnTopic ||
      strong >= ARTICLE_TOPIC_ANCHORS ||
      (strong >= ARTICLE_TOPIC_ANCHORS - 1 && context >= ARTICLE_CONTEXT_ANCHORS)
    );
  };
  // First what the rules make of every sentence; the learned second opinion then reads each sentence with
  // what the rules made of its neighbours: a claim often leans on the sentence before it.
  const readings = sentences.map((sentence) => {
    const verdict =
      adjustments.verdicts.size > 0
        ? adjustments.verdicts.get(sentenceKey(text.slice(sentence.start, sentence.end)))
        : undefined;
    const packs = new Set<number>();
    for (const { entry } of sentence.found)
      if (entry.kind === 'cue' || entry.kind === 'member') packs.add(entry.pack);
    // A pack's learned model reads every sentence of an article on its topic that names something of the topic:
    // in one that names nothing, neither the rules nor the model can find a claim (and no reading is made).
    for (const [pack, model] of models.entries())
      if (model && onTopic(pack) && namesTopic(sentence, pack)) packs.add(pack);
    const byPack = new Map<number, PackReading>();
    if (verdict === undefined)
      for (const pack of packs) {
        const reading = new Reading(text, sentence, rules, pack);
        byPack.set(pack, { reading, found: reading.claims(onTopic(pack)) });
      }
    return { sentence, verdict, packs, byPack };
  });
  return { text, rules, readings, onTopic };
}

const ruledAt = (read: ReadText, i: number, pack: number): Stance | 'none' | 'edge' => {
  const neighbour = read.readings[i];
  return neighbour ? (neighbour.byPack.get(pack)?.found[0]?.stance ?? 'none') : 'edge';
};

/** Whether a pack's model is asked about sentence `i`: fragments and questions are not claims. */
const modelAsked = (read: ReadText, i: number, pack: number): boolean => {
  const sentence = read.readings[i]?.sentence;
  return (
    sentence !== undefined &&
    read.onTopic(pack) &&
    sentence.tokens.length >= MIN_CLAIM_WORDS &&
    !isQuestion(read.text, sentence)
  );
};

/** What the learned model reads of a sentence: its words, the rules' verdict on it and its neighbours, its classes. */
function modelInput(read: ReadText, i: number, pack: number) {
  const { sentence, byPack } = read.readings[i] as ReadText['readings'][number];
  return {
    tokens: sentence.tokens,
    ruled: ruledAt(read, i, pack) as Stance | 'none',
    context: { before: ruledAt(read, i - 1, pack), after: ruledAt(read, i + 1, pack) },
    classes: classFeatures(read.text, sentence, pack, byPack.get(pack)?.reading),
  };
}

function modelFeatures(read: ReadText, i: number, pack: number): string[] {
  const { tokens, ruled, context, classes } = modelInput(read, i, pack);
  return sentenceFeatures(tokens, ruled, context, classes);
}

/**
 * What a sentence holds beyond its words, for the learned model: the pack's word families (so "hoisted" counts
 * as going up once the family knows it), anchors, entities, figures, English's own turns (negation, hedges,
 * attribution, contrast), and which way the rules' evidence leaned, kept or turned around.
 */
function classFeatures(text: string, sentence: Sentence, pack: number, reading?: Reading): string[] {
  const classes = new Set<string>();
  for (const { entry } of sentence.found) {
    if ('pack' in entry && entry.pack !== pack) continue;
    if (entry.kind === 'member') classes.add(entry.feature);
    else if (entry.kind === 'anchor') classes.add(entry.strong ? 'f:anchor' : 'f:context');
    else if (entry.kind === 'entity') classes.add('f:entity');
    else if (entry.kind === 'cue') classes.add(CUE_CLASSES[entry.cue.stance]);
    else if (entry.kind === 'contrast') classes.add(entry.emphatic ? 'x:contrast' : 'x:contrast-weak');
    else classes.add(kindClass(entry.kind));
  }
  for (const figure of figuresOf(text, sentence)) classes.add(`f:figure-${figure.unit}`);
  for (const cue of reading?.allCues() ?? [])
    classes.add((cue.negated ? TURNED_CLASSES : KEPT_CLASSES)[cue.stance]);
  return [...classes];
}

// The class features' names, made once rather than for every sentence.
const stanceClasses = (prefix: string) =>
  Object.fromEntries(STANCES.map((stance) => [stance, `${prefix}${stance}`])) as Record<Stance, string>;
const CUE_CLASSES = stanceClasses('f:cue-');
const TURNED_CLASSES = stanceClasses('x:turned-');
const KEPT_CLASSES = stanceClasses('x:kept-');
const KIND_CLASSES = new Map<Entry['kind'], string>();
const kindClass = (kind: Entry['kind']) => {
  let name = KIND_CLASSES.get(kind);
  if (name === undefined) KIND_CLASSES.set(kind, (name = `x:${kind}`));
  return name;
};

function detectAll(read: ReadText, models: readonly (CompiledModel | undefined)[]): DetectedClaim[] {
  const { text, rules, readings } = read;
  const claims: DetectedClaim[] = [];
  for (const [i, { sentence, verdict, packs, byPack }] of readings.entries()) {
    if (verdict === null) continue; // the reader said this is not a claim
    if (verdict !== undefined) {
      const reading = new Reading(text, sentence, rules, packs.values().next().value ?? 0);
      claims.push({ ...reading.claimOf(verdict, reading.allCues()), confidence: 0.99 });
      continue;
    }
    // Where two packs both see a claim in one sentence, the surer reading stands.
    let best: DetectedClaim[] = [];
    for (const [pack, { reading, found: ruled }] of byPack) {
      let found = ruled;
      const model = models[pack];
      if (model && modelAsked(read, i, pack))
        found = secondOpinion(model, pack, sentence, found, reading, modelInput(read, i, pack));
      if (found.length > 0 && (best.length === 0 || surest(found) > surest(best))) best = found;
    }
    claims.push(...best);
  }
  return claims;
}

const surest = (claims: readonly DetectedClaim[]) => Math.max(...claims.map((c) => c.confidence));

/** How sure the learned model must be before its word changes what the rules found. */
export interface ModelBars {
  /** To claim a sentence the rules found nothing in: below this its words are more often noise than a claim. */
  claim: number;
  /** To drop the rules' claim or give it another stance: the rules' cues are evidence too. */
  overrule: number;
}

/**
 * Chosen by cross-validation on the development articles (`train:detect -- --cv`): a claim bar of 0.9 is surer
 * (precision 93%) but finds three in a hundred sided claims fewer; an overrule bar keeps the rules' stance where
 * the model only leans the other way.
 */
export const MODEL_BARS: ModelBars = { claim: 0.8, overrule: 0.8 };
/** The bar to claim what the rules did not (kept for callers of the first version). */
export const MODEL_CLAIM_MIN = MODEL_BARS.claim;

/**
 * What stands once the model has read a sentence: the rules' reading (`rules`: the model disagrees, but not
 * surely enough), no claim, or the model's stance. A sentence the rules found nothing in is claimed only when
 * it names something of the topic (`topical`): the model's words alone never make a claim of an aside.
 * Detection and the training script's cross-validation both decide through this.
 */
export function modelVerdict(
  ruled: Stance | 'none',
  prediction: Pick<Prediction, 'label' | 'probability'>,
  bars: ModelBars = MODEL_BARS,
  topical = true,
): Stance | 'none' | 'rules' {
  const { label, probability } = prediction;
  if (ruled === 'none') return topical && label !== 'none' && probability >= bars.claim ? label : 'none';
  return label !== ruled && probability < bars.overrule ? 'rules' : label;
}

/**
 * The sentence names something of the pack's topic (an anchor, a family word, a cue): the model claims nothing
 * the rules did not in a sentence that does not, however its words lean.
 */
const namesTopic = (sentence: Sentence, pack: number) =>
  sentence.found.some(
    ({ entry }) =>
      (entry.kind === 'anchor' || entry.kind === 'member' || entry.kind === 'cue') && entry.pack === pack,
  );

/** Questions ask; they do not claim. */
function isQuestion(text: string, span: Span): boolean {
  // Read back from the end past closing quotes and brackets (no copy of the sentence: it is asked of each).
  let at = span.end - 1;
  while (at >= span.start && CLOSERS.includes(text.charCodeAt(at))) at--;
  return at >= span.start && text.charCodeAt(at) === QUESTION_MARK;
}
const CLOSERS = codes(`"'”’)]`);
const QUESTION_MARK = 63;

/**
 * The model's word on a sentence, given what the rules found (`modelVerdict`): "none" drops the rules' claim; a
 * stance the rules agree with, or a disagreement not sure enough, keeps their claim (spans and cues); otherwise
 * the sentence is claimed for the model's stance, with the words it leaned on as its why.
 */
function secondOpinion(
  model: CompiledModel,
  pack: number,
  sentence: Sentence,
  found: DetectedClaim[],
  reading: Reading,
  { tokens, ruled, context, classes }: ReturnType<typeof modelInput>,
): DetectedClaim[] {
  const prediction = model.predict(tokens, ruled, context, classes);
  const verdict = modelVerdict(
    found[0]?.stance ?? 'none',
    prediction,
    MODEL_BARS,
    namesTopic(sentence, pack),
  );
  if (verdict === 'none') return [];
  if (verdict === 'rules' || (found.length > 0 && found.every((c) => c.stance === verdict))) return found;
  const words = prediction.because.map((phrase): CueHit => {
    const first = phrase.split(' ')[0] ?? '';
    const token = sentence.tokens.find((t) => t.norm.replace(/s$/, '') === first);
    return {
      phrase,
      key: `model:${phrase}`,
      stance: verdict,
      weight: 0,
      negated: false,
      start: token?.start ?? sentence.start,
      end: token?.end ?? sentence.end,
    };
  });
  const agreeing = reading.allCues().filter((c) => c.stance === verdict);
  return [
    {
      ...reading.claimOf(verdict, [...agreeing, ...words]),
      confidence: round(Math.min(0.99, prediction.probability)),
    },
  ];
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

const wholeClause = (words: number): Clause => ({
  first: 0,
  last: words,
  emphatic: false,
  conceded: false,
  score: { overcapacity: 0, demand: 0, neutral: 0 },
  cues: [],
});

/** Something in a clause that leans one way: a pack cue, or a rule whose families met. */
interface Evidence {
  stance: Stance;
  weight: number;
  phrase: string;
  key: string;
  /** Token ranges it covers (one for a cue, one per family member for a rule). */
  parts: { first: number; last: number }[];
}

/** One sentence read closely: its clauses, what each leans to, and the claims it makes. */
class Reading {
  private readonly tokens: Token[];
  private readonly found: PhraseMatch<Entry>[];
  private readonly rules: PackRules;
  private readonly clauses: Clause[];

  constructor(
    private readonly text: string,
    private readonly sentence: Sentence,
    allRules: readonly PackRules[],
    pack: number,
  ) {
    this.tokens = sentence.tokens;
    // The language's own words (negators, hedges, contrasts) and this one pack's.
    this.found = sentence.found.filter((f) => !('pack' in f.entry) || f.entry.pack === pack);
    this.rules = allRules[pack] ?? new Map();
    // Clauses matter only where something leans one way: a sentence with no cue and no rule word is one clause.
    const weighed = this.found.some((f) => f.entry.kind === 'cue' || f.entry.kind === 'member');
    this.clauses = weighed ? this.splitClauses() : [wholeClause(this.tokens.length)];
    if (weighed) for (const clause of this.clauses) this.scoreClause(clause);
  }

  allCues(): CueHit[] {
    return this.clauses.flatMap((c) => c.cues);
  }

  claims(articleOnTopic: boolean): DetectedClaim[] {
    // Questions ask; they do not claim. Fragments and datelines are not claims either.
    if (isQuestion(this.text, this.sentence) || this.tokens.length < MIN_CLAIM_WORDS) return [];
    let strongAnchor = false;
    let anyAnchor = false;
    let reported = false;
    const anchors = new Set<string>();
    for (const { entry } of this.found) {
      if (entry.kind === 'anchor') {
        anyAnchor = true;
        strongAnchor ||= entry.strong;
        anchors.add(entry.phrase);
      } else if (entry.kind === 'report') reported = true;
    }
    if (!strongAnchor && !articleOnTopic) return [];

    const sided = this.clauses.filter((c) => strongestSide(c.score) !== null);
    // Two clauses that argue opposite sides are two claims, each with its own span.
    if (new Set(sided.map((c) => strongestSide(c.score))).size === 2) {
      return sided.map((c) => this.claimOf(strongestSide(c.score) as Stance, c.cues, c));
    }
    const total: Record<Stance, number> = { overcapacity: 0, demand: 0, neutral: 0 };
    for (const c of this.clauses) {
      const factor = c.emphatic ? EMPHASIS : c.conceded ? 1 / EMPHASIS : 1;
      for (const s of STANCES) total[s] += c.score[s] * factor;
    }
    const side = strongestSide(total, anyAnchor ? STANCE_THRESHOLD : NO_ANCHOR_THRESHOLD);
    // A stance cue alone is enough in an article about the topic; elsewhere the sentence must name the topic.
    if (side) return [this.claimOf(side, this.allCues(), undefined, total)];
    if (reported) return [];
    // A sentence that puts a figure on the topic ("capex of $85bn", "10 gigawatts") states a relevant fact: in an
    // article on the topic, a context word ("capital spending") is topic enough.
    const figured = this.statesFigure();
    const topical = strongAnchor || (figured && articleOnTopic && anyAnchor);
    if (!topical) return [];
    const neutral =
      total.neutral +
      Math.max(total.overcapacity, total.demand) +
      EXTRA_ANCHOR_SCORE * (anchors.size - 1) +
      (figured ? FIGURE_SCORE : 0);
    if (neutral < NEUTRAL_THRESHOLD) return [];
    return [this.claimOf('neutral', this.allCues(), undefined, { ...total, neutral })];
  }

  /** The sentence puts a number on money, power or chips (a percentage alone is usually a share price). */
  private statesFigure(): boolean {
    return figuresOf(this.text, this.sentence).some((f) => TOPIC_FIGURES.has(f.unit));
  }

  claimOf(stance: Stance, cues: CueHit[], clause?: Clause, score?: Record<Stance, number>): DetectedClaim {
    const { text, sentence, tokens } = this;
    let start = sentence.start;
    let end = sentence.end;
    // A clause claim runs from its first word (the contrast word included) to the next clause.
    if (clause) {
      if (clause.first > 0) start = tokens[clause.first]?.start ?? start;
      if (clause.last < tokens.length) end = tokens[clause.last - 1]?.end ?? end;
    }
    const here = this.found.filter(
      (f) => f.first >= (clause?.first ?? 0) && f.last <= (clause?.last ?? tokens.length),
    );
    const saying = this.found.find((f) => f.entry.kind === 'saying');
    const hedged = here.some((f) => f.entry.kind === 'hedge');
    const own = score ?? clause?.score ?? { overcapacity: 0, demand: 0, neutral: 0 };
    return {
      start,
      end,
      text: text.slice(start, end),
      stance,
      confidence: confidenceOf(stance, own, hedged),
      cues,
      figures:
        start === sentence.start && end === sentence.end
          ? figuresOf(text, sentence)
          : findFigures(text, start, end),
      entities: [...new Set(here.flatMap((f) => (f.entry.kind === 'entity' ? [f.entry.name] : [])))],
      hedged,
      speaker:
        saying?.entry.kind === 'saying'
          ? speakerAt(text, tokens, saying.first, saying.last, saying.entry.according)
          : null,
    };
  }

  private splitClauses(): Clause[] {
    const cuts = new Map<number, boolean>();
    for (const { entry, first } of this.found) {
      if (entry.kind !== 'contrast' || first === 0) continue;
      // "still" and "yet" only open a clause after a pause ("…, yet demand…"), not in "still growing".
      if (entry.weak && !this.gapHas(first, PAUSES)) continue;
      cuts.set(first, entry.emphatic);
    }
    for (let i = 1; i < this.tokens.length; i++) {
      if ((this.gapHas(i, CLAUSE_BREAKS) || this.spacedHyphenBefore(i)) && !cuts.has(i)) cuts.set(i, false);
    }
    if (cuts.size === 0) return [wholeClause(this.tokens.length)];
    const starts = [0, ...sorted([...cuts.keys()], (a, b) => a - b)];
    return starts.map((first, i) => ({
      first,
      last: starts[i + 1] ?? this.tokens.length,
      emphatic: cuts.get(first) === true,
      conceded: cuts.get(starts[i + 1] ?? -1) === true,
      score: { overcapacity: 0, demand: 0, neutral: 0 },
      cues: [],
    }));
  }

  /**
   * Whether one of `marks` stands between token `i - 1` and token `i` (`i` ≥ 1), where punctuation stands; read
   * code by code, as it is asked for every word of every sentence.
   */
  private gapHas(i: number, marks: readonly number[]): boolean {
    const to = this.tokens[i]?.start ?? 0;
    for (let at = this.tokens[i - 1]?.end ?? 0; at < to; at++)
      if (marks.includes(this.text.charCodeAt(at))) return true;
    return false;
  }

  /** A hyphen with space on both sides between token `i - 1` and token `i`: a dash typed as "-". */
  private spacedHyphenBefore(i: number): boolean {
    const from = this.tokens[i - 1]?.end ?? 0;
    const to = this.tokens[i]?.start ?? 0;
    for (let at = from + 1; at < to - 1; at++)
      if (
        this.text.charCodeAt(at) === HYPHEN &&
        /\s/.test(this.text.charAt(at - 1)) &&
        /\s/.test(this.text.charAt(at + 1))
      )
        return true;
    return false;
  }

  private punctuatedBetween(from: number, to: number): boolean {
    for (let i = Math.max(from, 1); i <= to && i < this.tokens.length; i++)
      if (this.gapHas(i, PUNCTUATION)) return true;
    return false;
  }

  private scoreClause(clause: Clause): void {
    const inClause = this.found.filter((f) => f.first >= clause.first && f.last <= clause.last);
    // Most clauses carry no cue and no rule word: nothing to weigh.
    if (!inClause.some((f) => f.entry.kind === 'cue' || f.entry.kind === 'member')) return;
    // The clause's matches by kind, sorted once: each turn of English below asks for its own.
    const byKind = new Map<Entry['kind'], PhraseMatch<Entry>[]>();
    for (const f of inClause) {
      const list = byKind.get(f.entry.kind);
      if (list) list.push(f);
      else byKind.set(f.entry.kind, [f]);
    }
    const all = (kind: Entry['kind']): readonly PhraseMatch<Entry>[] => byKind.get(kind) ?? [];
    const starts = (kind: Entry['kind']) => all(kind).map((f) => f.first);
    const frames = all('frame');
    const dismissed = all('dismissal').length > 0;
    const reframed = new Set(
      all('reframe').flatMap((f) => (f.entry.kind === 'reframe' ? [f.entry.turns] : [])),
    );
    const openQuestions = starts('open-question');
    const evidence = this.evidence(inClause);
    const overlaps = (m: PhraseMatch<Entry>, others: readonly { first: number; last: number }[]) =>
      others.some((p) => m.first < p.last && p.first < m.last);
    // A negator that is part of a cue ("not enough", "no longer fill") is that cue's, not a turn of the others;
    // and "hardly the only", "not just" negate nothing.
    const parts = evidence.flatMap((e) => e.parts);
    const falseNegations = all('false-negation');
    const negators = all('negator').filter((n) => !overlaps(n, parts) && !overlaps(n, falseNegations));
    const beliefs = starts('belief');
    const breakers = starts('scope-breaker');
    const coordinators = starts('coordinator');
    const between = (list: number[], from: number, to: number) => list.some((b) => b >= from && b < to);
    // A negated verb of belief ("nobody thinks", "doesn't mean") turns all that follows it in the clause.
    const negates = (n: PhraseMatch<Entry>, first: number, lastStart: number) =>
      n.last <= lastStart &&
      !this.punctuatedBetween(n.last, lastStart) &&
      (between(beliefs, n.last, first) ||
        (first - n.last < NEGATION_REACH &&
          !between(breakers, n.last, first) &&
          !between(coordinators, n.last, first)));
    const doubting = (kind: 'doubt' | 'question', first: number) =>
      all(kind).some((d) => d.last <= first && !between(breakers, d.last, first));
    for (const item of evidence) {
      const first = item.parts[0]?.first ?? 0;
      const lastStart = Math.max(...item.parts.map((p) => p.first));
      const end = Math.max(...item.parts.map((p) => p.last));
      // A negator before the first word, or between the words of a rule ("demand is not slowing").
      const negated = negators.some((n) => negates(n, first, lastStart));
      const framed = frames.some(
        (f) =>
          (f.first >= end && f.first - end < FRAME_REACH_AFTER) ||
          (f.last <= first && first - f.last < FRAME_REACH_BEFORE),
      );
      // Doubt turns either way; a question raised tells only against the optimistic reading.
      const doubted = doubting('doubt', first) || (item.stance === 'demand' && doubting('question', first));
      // "Not baseless" undoes a dismissal; a reframe or a doubt turns whatever the words say.
      const turned = negated !== (framed && dismissed) || reframed.has(item.stance) || doubted;
      const asked = !doubted && !doubting('question', first) && openQuestions.some((q) => q < first);
      const stance = asked ? 'neutral' : turned ? opposite(item.stance) : item.stance;
      // A view named and dismissed is the sentence's whole point; a view named and left standing is weaker.
      const weight =
        framed && dismissed && !negated
          ? Math.max(item.weight, DISMISSED_FRAME_WEIGHT)
          : item.weight * (turned ? NEGATED_WEIGHT : framed && !negated && !dismissed ? FRAMED_WEIGHT : 1);
      clause.score[stance] += weight;
      clause.cues.push({
        phrase: item.phrase,
        key: item.key,
        stance,
        weight: round(weight),
        negated: turned && !asked,
        start: this.tokens[first]?.start ?? 0,
        end: this.tokens[end - 1]?.end ?? 0,
      });
    }
  }

  /**
   * The cues and rule matches of a clause, strongest first, each word counted once: where a cue and a rule
   * (or two rules) claim the same words, the weightier one stands.
   */
  private evidence(inClause: PhraseMatch<Entry>[]): Evidence[] {
    const candidates: Evidence[] = [];
    for (const m of inClause) {
      if (m.entry.kind !== 'cue' || this.aboutSomethingElse(m)) continue;
      const { stance, weight, phrase } = m.entry.cue;
      candidates.push({ stance, weight, phrase, key: m.entry.key, parts: [m] });
    }
    // Members grouped by family once, so each rule looks only at its own families (most find none).
    const byFamily = new Map<string, PhraseMatch<Entry>[]>();
    for (const m of inClause) {
      if (m.entry.kind !== 'member' || this.aboutSomethingElse(m)) continue;
      const list = byFamily.get(m.entry.family);
      if (list) list.push(m);
      else byFamily.set(m.entry.family, [m]);
    }
    for (const { rule, weight, key } of this.rulesFor(byFamily)) {
      const parts = closestMembers(rule, byFamily);
      if (!parts) continue;
      const phrase = parts
        .map((p) => this.text.slice(this.tokens[p.first]?.start ?? 0, this.tokens[p.last - 1]?.end ?? 0))
        .join(' … ');
      candidates.push({ stance: rule.stance, weight, phrase, key, parts });
    }
    sorted(candidates, (a, b) => b.weight - a.weight || span(b) - span(a));
    const used: boolean[] = [];
    const kept: Evidence[] = [];
    const free = ({ first, last }: { first: number; last: number }) => {
      for (let w = first; w < last; w++) if (used[w]) return false;
      return true;
    };
    for (const c of candidates) {
      if (!c.parts.every(free)) continue;
      for (const { first, last } of c.parts) for (let w = first; w < last; w++) used[w] = true;
      kept.push({ ...c, parts: sorted([...c.parts], (a, b) => a.first - b.first) });
    }
    return sorted(kept, (a, b) => (a.parts[0]?.first ?? 0) - (b.parts[0]?.first ?? 0));
  }

  /** The rules that may match given the families present, in the pack's order (at least two families meet). */
  private rulesFor(byFamily: ReadonlyMap<string, unknown>): CompiledRule[] {
    const rules: CompiledRule[] = [];
    if (byFamily.size < 2) return rules;
    for (const family of byFamily.keys()) {
      const starting = this.rules.get(family);
      if (starting) rules.push(...starting);
    }
    return sorted(rules, (a, b) => a.order - b.order);
  }

  /**
   * Words that read as AI compute but are not here: "investors demand returns" (a verb), "fuel demand" or "the
   * dot-com bubble" (another market).
   */
  private aboutSomethingElse(match: PhraseMatch<Entry>): boolean {
    if (OTHER_MARKETS.includes(this.tokens[match.first - 1]?.norm ?? '')) return true;
    for (let i = match.first; i < match.last; i++) {
      if (!this.tokens[i]?.norm.startsWith('demand')) continue;
      const before = this.tokens[i - 1]?.norm ?? '';
      if (DEMAND_AS_VERB_BEFORE.includes(before) || OTHER_MARKETS.includes(before)) return true;
    }
    return false;
  }
}

/** The closest set of one member per family of `rule`, no two overlapping, within its reach; or null. */
function closestMembers(
  rule: Rule,
  members: ReadonlyMap<string, PhraseMatch<Entry>[]>,
): PhraseMatch<Entry>[] | null {
  for (const family of rule.families) if (!members.has(family)) return null;
  const byFamily = rule.families.map((family) => members.get(family) as PhraseMatch<Entry>[]);
  const reach = rule.within ?? DEFAULT_RULE_REACH;
  let best: PhraseMatch<Entry>[] | null = null;
  let bestSpan = Infinity;
  const choose = (i: number, chosen: PhraseMatch<Entry>[]) => {
    if (i === byFamily.length) {
      const width = Math.max(...chosen.map((c) => c.last)) - Math.min(...chosen.map((c) => c.first));
      if (width <= reach + 1 && width < bestSpan) {
        best = [...chosen];
        bestSpan = width;
      }
      return;
    }
    for (const m of byFamily[i] ?? []) {
      if (chosen.some((c) => m.first < c.last && c.first < m.last)) continue;
      if (rule.ordered && chosen.length > 0 && m.first < (chosen[chosen.length - 1]?.last ?? 0)) continue;
      chosen.push(m);
      choose(i + 1, chosen);
      chosen.pop();
    }
  };
  choose(0, []);
  return best;
}

function strongestSide(
  score: Record<Stance, number>,
  threshold = STANCE_THRESHOLD,
): 'overcapacity' | 'demand' | null {
  if (Math.max(score.overcapacity, score.demand) < threshold || score.overcapacity === score.demand)
    return null;
  return score.overcapacity > score.demand ? 'overcapacity' : 'demand';
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
  return round(Math.min(0.99, 0.5 + 0.5 * strength * Math.max(purity, 0.2) * (hedged ? 0.9 : 1)));
}

const span = (e: Evidence) => e.parts.reduce((sum, p) => sum + p.last - p.first, 0);
const round = (x: number) => Math.round(x * 100) / 100;
/** Sorts in place; most lists here hold one item, and V8's sort copies even those. */
const sorted = <T>(items: T[], order: (a: T, b: T) => number) =>
  items.length < 2 ? items : items.sort(order);
