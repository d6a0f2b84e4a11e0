import type { AnnotationRecord, ArticleRecord, ClaimRecord } from '../db/schema.ts';
import { joinParts, slices, type Part } from './chunks.ts';

/** Byte order mark: spreadsheets then read the file as UTF-8. */
const BOM = '\uFEFF';
// prettier-ignore
const HEADER = [
  'kind', 'article_url', 'outlet', 'title', 'published', 'stance', 'confidence', 'hedged', 'text', 'cues', 'tags',
  'note',
];

/**
 * A spreadsheet reads a cell that starts with = + - @ (or a tab or carriage return) as a formula: such cells get
 * a leading apostrophe, the OWASP-recommended neutraliser, so a hostile headline cannot run in Excel.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per detected claim and one per reader's annotation, so a spreadsheet holds the whole library. */
export function* csvParts(
  articles: readonly ArticleRecord[],
  claims: readonly ClaimRecord[],
  annotations: readonly AnnotationRecord[] = [],
): Generator<Part> {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const articleCells = (id: string, url: string) => {
    const article = byId.get(id);
    return [article?.url ?? url, article?.site ?? '', article?.title ?? '', article?.published ?? ''];
  };
  const line = (row: string[]) => row.map(csvCell).join(',') + '\r\n';
  const total = claims.length + annotations.length;
  yield { text: BOM + line(HEADER), done: 0, total };
  for (const [slice, done] of slices(claims)) {
    const rows = slice.map((claim) =>
      line([
        'claim',
        ...articleCells(claim.articleId, claim.articleId),
        claim.stance,
        claim.confidence.toFixed(2),
        claim.hedged ? 'yes' : 'no',
        claim.text,
        claim.cues.map((c) => (c.negated ? `not ${c.phrase}` : c.phrase)).join('; '),
        '',
        '',
      ]),
    );
    yield { text: rows.join(''), done, total };
  }
  for (const [slice, done] of slices(annotations)) {
    const rows = slice.map((annotation) =>
      line([
        'annotation',
        ...articleCells(annotation.articleId, annotation.url),
        annotation.stance ?? '',
        '',
        '',
        annotation.selectors[0].exact,
        '',
        annotation.tags.join('; '),
        annotation.note ?? '',
      ]),
    );
    yield { text: rows.join(''), done: claims.length + done, total };
  }
}

export function toCsv(
  articles: readonly ArticleRecord[],
  claims: readonly ClaimRecord[],
  annotations: readonly AnnotationRecord[] = [],
): string {
  return joinParts(csvParts(articles, claims, annotations));
}
