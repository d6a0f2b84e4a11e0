import type { ArticleRecord, ClaimRecord } from '../db/schema.ts';

/** Byte order mark: spreadsheets then read the file as UTF-8. */
const BOM = '\uFEFF';
const HEADER = [
  'article_url',
  'outlet',
  'title',
  'published',
  'stance',
  'confidence',
  'hedged',
  'claim',
  'cues',
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

export function toCsv(articles: readonly ArticleRecord[], claims: readonly ClaimRecord[]): string {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const rows = [HEADER];
  for (const claim of claims) {
    const article = byId.get(claim.articleId);
    rows.push([
      article?.url ?? claim.articleId,
      article?.site ?? '',
      article?.title ?? '',
      article?.published ?? '',
      claim.stance,
      claim.confidence.toFixed(2),
      claim.hedged ? 'yes' : 'no',
      claim.text,
      claim.cues.map((c) => (c.negated ? `not ${c.phrase}` : c.phrase)).join('; '),
    ]);
  }
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
