import { extractArticle } from '../../utils/analyze.ts';
import type { Span } from '../../utils/text/segment.ts';
import { loadCorpus } from './corpus.ts';
import { parseHtml } from './parse-html.ts';

/** Every paragraph of the labelled corpus's article bodies, in corpus order: real article text for benchmarks. */
export async function corpusParagraphs(): Promise<string[]> {
  const paragraphs: string[] = [];
  for (const entry of await loadCorpus('all')) {
    const page = extractArticle(parseHtml(entry.html), 'https://bench.example/');
    if (page.kind === 'article')
      paragraphs.push(...page.map.text.split('\n\n').filter((p) => p.trim().length > 0));
  }
  return paragraphs;
}

/** Paragraphs taken in order (from the start again when they run out) until they hold `words` words. */
export function paragraphsOfLength(paragraphs: readonly string[], words: number): string[] {
  if (paragraphs.length === 0) throw new Error('No paragraphs to build a text from');
  const chosen: string[] = [];
  for (let count = 0, i = 0; count < words; i++) {
    const paragraph = paragraphs[i % paragraphs.length] as string;
    chosen.push(paragraph);
    count += wordCount(paragraph);
  }
  return chosen;
}

export const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Paragraphs as one article text, a blank line between them, with each paragraph's block. */
export function asArticle(paragraphs: readonly string[]): { text: string; blocks: Span[] } {
  let at = 0;
  const blocks = paragraphs.map((p) => {
    const block = { start: at, end: at + p.length };
    at += p.length + 2;
    return block;
  });
  return { text: paragraphs.join('\n\n'), blocks };
}
