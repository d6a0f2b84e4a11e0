// How English itself (not any topic) turns, softens, frames or attributes a claim. Topic packs say what a
// sentence is about and which way a phrase leans; these lists say what the sentence does with it.
// Phrases use the pack syntax: `word*` for inflections, `...` for up to three words between.

/** Words that turn the cue after them around ("no glut", "rather than a cooling", "far from over"). */
// prettier-ignore
export const NEGATORS = [
  'not', 'no', 'none', 'nobody', 'no one', 'nothing', 'never', 'nor', 'neither', "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't",
  "won't", "can't", 'cannot', "haven't", "hasn't", 'without', 'hardly', 'scarcely', 'barely', 'far from',
  'rather than', 'instead of', 'less about', 'little sign*', 'little evidence', 'no sign*', 'no evidence', 'nothing like',
  'anything but', 'lack of', 'absence of', 'end of', 'ending',
];

/**
 * Nouns that make a cue the name of a view rather than an assertion ("the overcapacity narrative", "glut
 * fears"). A framed cue is flipped when the clause dismisses it, and counts less when it does not.
 */
// prettier-ignore
export const FRAMES = [
  'narrative*', 'fear*', 'worr*', 'concern*', 'talk', 'thesis', 'theory', 'story', 'camp', 'argument*', 'idea',
  'belief', 'notion', 'case', 'scare*', 'view*', 'doom*', 'hand-wringing', 'chatter', 'jitters', 'myth*',
  'speculation', 'predictions', 'warnings', 'assumption*', 'calling', 'call* it', 'label*', 'claim that',
  'claims that', 'case for', 'reading', 'read-across', 'interpretation',
];

/** Predicates and verbs that dismiss a framed view ("finds little ground", "dismissed fears of a glut"). */
// prettier-ignore
export const DISMISSALS = [
  'little ground', 'finds little', 'overblown', 'overstated', 'exaggerated', 'misplaced', 'unfounded', 'premature',
  'misguided', 'wrong', 'mistaken', 'misread*', 'a myth', 'doesn\'t hold', 'does not hold', 'fail* to',
  'dismiss*', 'reject*', 'rebut*', 'refut*', 'push* back', 'pushed back', 'brush* off', 'brushed aside', 'downplay*',
  'shrug* off', 'debunk*', 'challeng*', 'contradict*', 'undercut*', 'ignores', 'miss* the point', 'too pessimistic',
  'too gloomy', 'too simple', 'simplistic', 'no longer holds', 'ease* fears', 'eased fears', 'allay*', 'calm*',
  'counter*', 'put to rest', 'laid to rest', 'crack*', 'unravel*', 'crumbl*', 'fray*', 'fad*', 'baseless',
  'groundless', 'nonsense', 'far-fetched', 'overdone', 'exaggeration', 'thinner', 'wearing thin', 'wears thin',
  'shaky', 'threadbare',
];

/** After these, what a clause says is asked, not claimed: it reads as neutral ("will show whether demand holds"). */
// prettier-ignore
export const OPEN_QUESTIONS = ['whether', 'if and when', 'remains to be seen', 'is unclear', 'it is unclear', 'unclear whether'];

/**
 * Questions raised about a reading tell against its optimism only: "questioned whether demand would grow"
 * leans to overcapacity, and so does "questions about whether spending is nearing a peak".
 */
// prettier-ignore
export const QUESTIONS = [
  'question* whether', 'questions about whether', 'questions over whether', 'wonder* whether', 'ask* whether',
  'asking whether', 'questioned', 'raise* questions', 'raised questions', 'questions about',
];

/** After these, what a clause says is doubted: it counts for the other side ("as if the shortage would last"). */
// prettier-ignore
export const DOUBTS = [
  'doubt* whether', 'doubt* that', 'sceptical that', 'skeptical that', 'sceptical of', 'skeptical of',
  'unconvinced', 'doubtful', 'not convinced', 'challenges the belief', 'challenges the assumption',
  'challenges the idea', 'challenges the view', 'as if', 'assuming that', 'pricing a world', 'premise that',
  'on the assumption', 'betting that', 'priced for', 'priced as if', 'assume', 'assumes', 'assuming',
  'hard to square with', 'difficult to square with', 'at odds with', 'inconsistent with', 'to justify',
];

/** Markets other than AI compute: "demand", "bubble" or "glut" right after these is about them ("fuel demand"). */
// prettier-ignore
export const OTHER_MARKETS = [
  'fuel', 'oil', 'gasoline', 'petrol', 'diesel', 'consumer', 'housing', 'mortgage', 'travel', 'ticket', 'tickets',
  'food', 'labour', 'labor', 'steel', 'copper', 'holiday', 'retail', 'loan', 'credit', 'coal', 'gas', 'dot-com',
  'dotcom', 'com', 'tulip', 'railway', 'railroad', 'telecom', 'telecoms', 'fibre', 'fiber', 'crypto', 'property',
  'grain', 'wheat', 'milk', 'lng', 'shipping', 'freight', 'bond', 'equity',
];

/** Negation and doubt do not reach past these: "not every project will find tenants if spending slows". */
// prettier-ignore
export const SCOPE_BREAKERS = [
  'if', 'when', 'because', 'unless', 'which', 'who', 'where', 'although', 'though', 'since', 'after', 'before',
  'until', 'so',
];

/** Negation (but not doubt) also stops at a coordinating conjunction: "not a bubble, and demand is strong". */
// prettier-ignore
export const COORDINATORS = ['and', 'or'];

/** Phrases with a negative word that negate nothing: "hardly the only lab", "not only", "no doubt". */
// prettier-ignore
export const FALSE_NEGATIONS = [
  'not only', 'not just', 'hardly the only', 'not the only', 'no doubt', 'no wonder', 'not least', 'nothing but',
  'not alone', 'no exception', 'not to mention', 'none other',
];

/** Hedges: the claim is put as a possibility ("may", "could"). */
// prettier-ignore
export const HEDGES = [
  'may', 'might', 'could', 'possibly', 'perhaps', 'reportedly', 'likely', 'unlikely', 'appear* to', 'seem* to',
  'suggest*', 'risk*', 'potentially', 'allegedly', 'arguably', 'would',
];

/** Words that open a contrasting clause: claims on each side are weighed apart. */
// prettier-ignore
export const CONTRASTS = [
  'but', 'however', 'yet', 'whereas', 'while', 'although', 'though', 'even as', 'even though', 'conversely',
  'on the other hand', 'by contrast', 'in contrast', 'nevertheless', 'nonetheless', 'still', 'instead',
];

/** Contrasts that open a clause only after a pause: "still growing" and "not yet" are not contrasts. */
// prettier-ignore
export const WEAK_CONTRASTS = ['still', 'yet', 'instead'];

/** Contrasts after which the second clause carries the writer's point ("X, but Y"): it weighs more. */
// prettier-ignore
export const EMPHATIC_CONTRASTS = ['but', 'however', 'yet', 'nevertheless', 'nonetheless', 'instead', 'still'];

/** Verbs of saying: what stands next to them is the speaker. */
// prettier-ignore
export const SAYING = [
  'said', 'says', 'say', 'told', 'tells', 'argued', 'argues', 'argue', 'warned', 'warns', 'warn', 'wrote', 'writes',
  'noted', 'notes', 'note', 'believes', 'believe', 'contends', 'contend', 'reckons', 'reckon', 'expects', 'expect',
  'estimates', 'estimate', 'predicts', 'predict', 'claims', 'claim', 'insists', 'insist', 'cautioned', 'cautions',
  'added', 'adds', 'stressed', 'stresses', 'maintains', 'maintain', 'thinks', 'think', 'see', 'sees', 'fear',
  'fears', 'worry', 'worries', 'suggested', 'countered', 'counters', 'pointed out', 'points out', 'observed',
  'acknowledged', 'conceded', 'concluded', 'according to',
];

/** Verbs of belief: negated ("nobody thinks", "doesn't mean"), they turn their whole clause. */
// prettier-ignore
export const BELIEFS = [
  'think*', 'thought', 'believe*', 'expect*', 'mean', 'means', 'meant', 'say', 'says', 'said', 'agree*', 'buy*',
  'suggest*', 'see', 'sees', 'imply', 'implies', 'prove*', 'show*', 'signal*', 'indicate*', 'accept*',
];

/** Before "demand", these make it a verb ("investors demand returns"), not the demand for compute. */
// prettier-ignore
export const DEMAND_AS_VERB_BEFORE = [
  'to', 'will', 'would', 'may', 'might', 'must', 'should', 'can', 'could', 'they', 'we', 'you', 'i', 'investors',
  'shareholders', 'residents', 'voters', 'critics', 'regulators', 'lawmakers', 'unions', 'workers', 'activists',
  'fans', 'parents', 'officials', 'who',
];
