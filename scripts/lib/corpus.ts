import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { arr, literal, nullable, obj, optional, str, type Infer } from '../../utils/validate.ts';
import { LABELS, type GoldSentence } from './evaluate.ts';

export const CORPUS = resolve(import.meta.dirname, '../../tests/corpus');

const label = literal(...LABELS);
const validateLabels = obj({
  id: str({ min: 1, pattern: /^[a-z0-9-]+$/ }),
  storyline: nullable(str()),
  outlet: str(),
  kind: literal('article', 'unrelated'),
  sentences: arr(
    obj({ text: str({ min: 1 }), label, clauses: optional(arr(obj({ text: str({ min: 1 }), label }))) }),
  ),
});
export type ArticleLabels = Infer<typeof validateLabels>;

export interface CorpusEntry {
  id: string;
  html: string;
  labels: ArticleLabels;
}

/** The labelled articles of one split; `tests/corpus/split.json` names the test articles, the rest are dev. */
export async function loadCorpus(split: 'dev' | 'test' | 'all'): Promise<CorpusEntry[]> {
  const testIds = new Set<string>(JSON.parse(await readFile(resolve(CORPUS, 'split.json'), 'utf8')).test);
  const files = (await readdir(resolve(CORPUS, 'labels'))).filter((f) => f.endsWith('.json')).sort();
  const entries: CorpusEntry[] = [];
  for (const file of files) {
    const parsed = validateLabels(JSON.parse(await readFile(resolve(CORPUS, 'labels', file), 'utf8')), file);
    if (!parsed.ok) throw new Error(`Bad labels: ${parsed.error}`);
    const inTest = testIds.has(parsed.value.id);
    if (split === 'all' || (split === 'test') === inTest) {
      const html = await readFile(resolve(CORPUS, 'articles', `${parsed.value.id}.html`), 'utf8');
      entries.push({ id: parsed.value.id, html, labels: parsed.value });
    }
  }
  return entries;
}

/** `text` with runs of white space folded to one space, and where each folded character came from. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    const space = /\s/.test(text[i] ?? '');
    if (space && lastSpace) continue;
    folded += space ? ' ' : text[i];
    origin.push(i);
    lastSpace = space;
  }
  return { folded, origin };
}

/**
 * Finds each labelled sentence in the extracted text, in order. A sentence the extraction lost gets an empty
 * span at -1, so it counts as missed rather than disappearing from the score.
 */
export function locateSentences(
  text: string,
  sentences: ArticleLabels['sentences'],
  id: string,
  warn: (message: string) => void = () => undefined,
): GoldSentence[] {
  const { folded, origin } = fold(text);
  let from = 0;
  return sentences.flatMap((sentence) => {
    const needle = sentence.text.replace(/\s+/g, ' ').trim();
    const place = (target: string, after: number) => {
      const at = folded.indexOf(target, after);
      return at < 0 ? null : { start: origin[at] ?? 0, end: (origin[at + target.length - 1] ?? 0) + 1, at };
    };
    const found = place(needle, from) ?? place(needle, 0);
    if (!found) {
      warn(`[${id}] not in the extracted text: ${needle.slice(0, 80)}`);
      return [{ start: -1, end: -1, label: sentence.label, text: needle }];
    }
    from = found.at + needle.length;
    if (!sentence.clauses?.length)
      return [{ start: found.start, end: found.end, label: sentence.label, text: needle }];
    // A sentence holding opposed claims is scored clause by clause.
    return sentence.clauses.map((clause) => {
      const c = place(clause.text.replace(/\s+/g, ' ').trim(), found.at);
      return c
        ? { start: c.start, end: c.end, label: clause.label, text: clause.text }
        : { start: found.start, end: found.end, label: sentence.label, text: needle };
    });
  });
}
