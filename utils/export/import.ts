import type { ArticleRecord, ClaimRecord } from '../db/schema.ts';
import type { Result } from '../validate.ts';
import { validateCollection } from './web-annotation.ts';

export interface ImportData {
  articles: ArticleRecord[];
  claims: ClaimRecord[];
}

const CLAIM_IRI_PREFIX = 'urn:claimlens:claim:';

/**
 * Reads a ClaimLens JSON export back into records, refusing the whole file with the first problem found: a
 * file is either imported whole or not at all.
 */
export function parseExport(json: string): Result<ImportData> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: `Not a JSON file: ${(error as Error).message}` };
  }
  const parsed = validateCollection(data, 'export');
  if (!parsed.ok) return { ok: false, error: `Not a ClaimLens export: ${parsed.error}` };
  const { items, claimlens } = parsed.value;
  const articles = new Map<string, ArticleRecord>();
  for (const article of claimlens.articles) {
    if (articles.has(article.id)) return { ok: false, error: `Article ${article.id} is listed twice` };
    articles.set(article.id, article);
  }
  const articleIdByUrl = new Map(claimlens.articles.map((a) => [a.url, a.id]));
  const claims: ClaimRecord[] = [];
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const id = item.id.slice(CLAIM_IRI_PREFIX.length);
    if (seen.has(id)) return { ok: false, error: `items[${index}]: annotation ${item.id} is listed twice` };
    seen.add(id);
    const articleId = articleIdByUrl.get(item.target.source);
    if (!articleId)
      return {
        ok: false,
        error: `items[${index}]: its source ${item.target.source} is not among the exported articles`,
      };
    const [body] = item.body;
    if (!body) return { ok: false, error: `items[${index}]: no classifying body` };
    claims.push({
      ...item.claimlens.claim,
      id,
      articleId,
      stance: body.value,
      selectors: item.target.selector,
    });
  }
  return { ok: true, value: { articles: [...articles.values()], claims } };
}
