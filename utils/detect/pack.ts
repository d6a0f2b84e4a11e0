import { validateModel } from './model.ts';
import {
  arr,
  bool,
  literal,
  num,
  obj,
  optional,
  record,
  str,
  withDefault,
  type Infer,
  type Result,
} from '../validate.ts';

export const STANCES = ['overcapacity', 'demand', 'neutral'] as const;
export type Stance = (typeof STANCES)[number];

/**
 * A cue phrase is words separated by spaces. A word ending in `*` matches any word it begins, given at
 * least two letters ("glut*" matches glut, gluts, glutted); the word `...` lets up to three other words stand between its
 * neighbours ("raise* ... capex" matches "raised their capex").
 */
const word = String.raw`(?:\.\.\.|[\p{L}\p{N}'’-]{2,}\*|[\p{L}\p{N}'’-]+)`;
const phrase = str({ min: 1, max: 120, pattern: new RegExp(`^${word}(?: ${word})*$`, 'u') });

const stance = literal(...STANCES);
const weight = num({ min: 0.05, max: 5 });
const cue = obj({ phrase, stance, weight });

/** Default and largest distance, in words, between the first and last word of a rule's match. */
export const DEFAULT_RULE_REACH = 8;
const MAX_RULE_REACH = 20;

/**
 * A rule fires when a word of each named family stands in one clause, close together, in any order:
 * "capex" (spending) near "raised" (going up) is a demand claim however the sentence puts it.
 */
const rule = obj({
  families: arr(str({ pattern: /^[a-z][a-z0-9-]*$/ }), { min: 2, max: 4 }),
  stance,
  weight,
  within: optional(num({ integer: true, min: 1, max: MAX_RULE_REACH })),
  /** The families' words must come in the order given: "supply outstrips demand" is not "demand outstrips supply". */
  ordered: optional(bool),
});

/** A reframe turns the readings of one side in its clause around ("renting out idle hours is routine"). */
const reframe = obj({ phrase, turns: literal('overcapacity', 'demand') });

export const validateTopicPack = obj({
  id: str({ min: 1, max: 64, pattern: /^[a-z0-9-]+$/ }),
  name: str({ min: 1, max: 120 }),
  version: num({ integer: true, min: 1 }),
  enabled: optional(bool),
  /** What makes a sentence about this topic on its own ("GPU", "data centre"). */
  anchors: arr(phrase, { max: 2000 }),
  /** Words that are about the topic only in an article that is ("chips", "cloud", "models"). */
  contextAnchors: withDefault(arr(phrase, { max: 2000 }), () => []),
  cues: withDefault(arr(cue, { max: 5000 }), () => []),
  /** Named word families, for rules. */
  families: withDefault(
    record(/^[a-z][a-z0-9-]*$/, arr(phrase, { min: 1, max: 2000 }), { max: 200 }),
    () => ({}),
  ),
  rules: withDefault(arr(rule, { max: 2000 }), () => []),
  reframes: withDefault(arr(reframe, { max: 2000 }), () => []),
  /** Phrases that make a sentence a market report rather than a claim, unless a stance cue fires. */
  reports: withDefault(arr(phrase, { max: 2000 }), () => []),
  /** A learned second opinion over every sentence of an article on the topic (optional; see model.ts). */
  model: optional(validateModel),
  entities: withDefault(arr(str({ min: 1, max: 80 }), { max: 2000 }), () => []),
});

export type TopicPack = Infer<typeof validateTopicPack>;
export type Cue = TopicPack['cues'][number];
export type Rule = TopicPack['rules'][number];
export type Reframe = TopicPack['reframes'][number];

/**
 * Validates a pack and checks what the schema alone cannot: rules name families that exist, and no cue is
 * listed twice with two stances.
 */
export function parseTopicPack(input: unknown): Result<TopicPack> {
  const result = validateTopicPack(input);
  if (!result.ok) return result;
  for (const [i, r] of result.value.rules.entries()) {
    const unknown = r.families.find((f) => !Object.hasOwn(result.value.families, f));
    if (unknown) return { ok: false, error: `rules[${i}]: no family named "${unknown}"` };
  }
  const seen = new Map<string, Stance>();
  for (const c of result.value.cues) {
    const key = c.phrase.toLowerCase();
    const earlier = seen.get(key);
    if (earlier && earlier !== c.stance)
      return { ok: false, error: `cues: "${c.phrase}" is listed as both ${earlier} and ${c.stance}` };
    seen.set(key, c.stance);
  }
  return result;
}
