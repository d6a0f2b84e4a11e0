import { tokenize } from './tokens.ts';

export interface TextPart {
  text: string;
  /** The part is a word a search term begins. */
  match: boolean;
}

/** Cuts `text` into the words the search found (each word a term begins) and the text between them. */
export function emphasise(text: string, terms: readonly string[]): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  if (terms.length > 0)
    for (const token of tokenize(text)) {
      if (!terms.some((term) => token.norm.startsWith(term))) continue;
      if (token.start > at) parts.push({ text: text.slice(at, token.start), match: false });
      parts.push({ text: text.slice(token.start, token.end), match: true });
      at = token.end;
    }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}
