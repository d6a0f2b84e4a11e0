import { fingerprint } from './fingerprint.ts';
import { keywords, namesOf } from './keywords.ts';

/** What comparing sources needs of an article's text, computed once on the page and stored with it. */
export interface TextProfile {
  fingerprint: number[];
  keywords: string[];
  names: string[];
}

export function profileOf(text: string): TextProfile {
  return { fingerprint: fingerprint(text), keywords: keywords(text), names: namesOf(text) };
}
