import { arr, literal, num, obj, optional, str, bool, type Infer, type Result } from '../validate.ts';

export const STANCES = ['overcapacity', 'demand', 'neutral'] as const;
export type Stance = (typeof STANCES)[number];

/**
 * A cue phrase is words separated by spaces. A word ending in `*` matches any word it begins, given at
 * least two letters ("glut*" matches glut, gluts, glutted); the word `...` lets up to three other words stand between its
 * neighbours ("raise* ... capex" matches "raised their capex").
 */
const word = String.raw`(?:\.\.\.|[\p{L}\p{N}'’-]{2,}\*|[\p{L}\p{N}'’-]+)`;
const phrase = str({ min: 1, max: 120, pattern: new RegExp(`^${word}(?: ${word})*$`, 'u') });

const cue = obj({
  phrase,
  stance: literal(...STANCES),
  weight: num({ min: 0.05, max: 5 }),
});

export const validateTopicPack = obj({
  id: str({ min: 1, max: 64, pattern: /^[a-z0-9-]+$/ }),
  name: str({ min: 1, max: 120 }),
  version: num({ integer: true, min: 1 }),
  enabled: optional(bool),
  /** What makes a sentence about this topic on its own ("GPU", "data centre"). */
  anchors: arr(phrase, { max: 2000 }),
  /** Words that are about the topic only in an article that is ("chips", "cloud", "models"). */
  contextAnchors: arr(phrase, { max: 2000 }),
  cues: arr(cue, { max: 5000 }),
  /** Phrases that make a sentence a market report rather than a claim, unless a stance cue fires. */
  reports: arr(phrase, { max: 2000 }),
  entities: arr(str({ min: 1, max: 80 }), { max: 2000 }),
});

export type TopicPack = Infer<typeof validateTopicPack>;
export type Cue = TopicPack['cues'][number];

/** Validates a pack and checks what the schema alone cannot: no cue listed twice with two stances. */
export function parseTopicPack(input: unknown): Result<TopicPack> {
  const result = validateTopicPack(input);
  if (!result.ok) return result;
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
