import type { Token } from '../text/tokens.ts';

/** Longest speaker kept: a name with its title ("Jane Doe, an analyst at Bernstein" is cut to six words). */
const MAX_SPEAKER_WORDS = 6;
const LEADING_FILLER = new Set(['the', 'a', 'an', 'some', 'and', 'but', 'as', 'that', 'while']);
/** Auxiliaries and adverbs between a speaker and the verb ("analysts do not expect", "she also said"). */
const TRAILING_FILLER = new Set([
  'do',
  'does',
  'did',
  'not',
  "don't",
  "doesn't",
  "didn't",
  'would',
  'will',
  'also',
  'still',
  'now',
  'have',
  'has',
  'had',
  'had',
  'may',
  'might',
  'could',
  'can',
  'never',
  'always',
  'often',
  'widely',
  'privately',
  'publicly',
]);

/**
 * Who makes the claim, from a verb of saying at token `verb` (spanning to `verbEnd`): the words before it
 * ("Analysts at Jefferies said"), or after it when it follows a comma or opens the sentence ("…, said Jane Doe"
 * / "According to Tencent, …").
 */
export function speakerAt(
  text: string,
  tokens: readonly Token[],
  verb: number,
  verbEnd: number,
  according: boolean,
): string | null {
  const after = () => {
    const words: Token[] = [];
    for (let i = verbEnd; i < tokens.length && words.length < MAX_SPEAKER_WORDS; i++) {
      const token = tokens[i];
      if (!token) break;
      if (words.length > 0 && /[,.;:!?]/.test(text.slice(tokens[i - 1]?.end ?? 0, token.start))) break;
      words.push(token);
    }
    return words;
  };
  const before = () => {
    const words: Token[] = [];
    for (let i = verb - 1; i >= 0 && words.length < MAX_SPEAKER_WORDS; i--) {
      const token = tokens[i];
      if (!token) break;
      if (/[,.;:!?]/.test(text.slice(token.end, tokens[i + 1]?.start ?? token.end))) break;
      words.unshift(token);
    }
    while (words.length > 0 && LEADING_FILLER.has(words[0]?.norm ?? '')) words.shift();
    while (words.length > 0 && TRAILING_FILLER.has(words[words.length - 1]?.norm ?? '')) words.pop();
    return words;
  };
  const afterComma =
    verb > 0 && /,\s*$/.test(text.slice(tokens[verb - 1]?.end ?? 0, tokens[verb]?.start ?? 0));
  const words = according || afterComma ? after() : before();
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return null;
  const speaker = text.slice(first.start, last.end);
  // Pronouns say nothing about who is speaking; the reader sees the sentence anyway.
  return /^(?:it|he|she|they|we|i|you|this|that)$/i.test(speaker) ? null : speaker;
}
