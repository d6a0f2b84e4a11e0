import type { AnnotationRecord, ClaimRecord } from '../db/schema.ts';
import type { Result } from '../validate.ts';
import { ANNOTATION_IRI, CLAIM_IRI, validateCollection, type Library } from './web-annotation.ts';

/**
 * Reads a ClaimLens JSON export back into records, refusing the whole file with the first problem found: a
 * file is either imported whole or not at all.
 */
export function parseExport(json: string): Result<Library> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: `Not a JSON file: ${(error as Error).message}` };
  }
  const parsed = validateCollection(data, 'export');
  if (!parsed.ok) return { ok: false, error: `Not a ClaimLens export: ${parsed.error}` };
  const { items, claimlens } = parsed.value;
  const articleIds = new Set<string>();
  for (const article of claimlens.articles) {
    if (articleIds.has(article.id)) return { ok: false, error: `Article ${article.id} is listed twice` };
    articleIds.add(article.id);
  }
  const articleIdByUrl = new Map(
    claimlens.articles.flatMap((a) => [[a.url, a.id] as const, ...a.urls.map((u) => [u, a.id] as const)]),
  );
  const claims: ClaimRecord[] = [];
  const annotations: AnnotationRecord[] = [];
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (seen.has(item.id))
      return { ok: false, error: `items[${index}]: annotation ${item.id} is listed twice` };
    seen.add(item.id);
    if (item.claimlens.kind === 'detected' && 'claim' in item.claimlens) {
      const articleId = articleIdByUrl.get(item.target.source);
      if (!articleId)
        return {
          ok: false,
          error: `items[${index}]: its source ${item.target.source} is not among the exported articles`,
        };
      const [classifying] = item.body;
      if (!classifying) return { ok: false, error: `items[${index}]: no classifying body` };
      claims.push({
        ...item.claimlens.claim,
        id: item.id.slice(CLAIM_IRI.length),
        articleId,
        stance: classifying.value as ClaimRecord['stance'],
        selectors: item.target.selector,
      });
    } else if (item.claimlens.kind === 'reader' && 'articleId' in item.claimlens && 'modified' in item) {
      const value = (purpose: string) => item.body.filter((b) => b.purpose === purpose).map((b) => b.value);
      annotations.push({
        id: item.id.slice(ANNOTATION_IRI.length),
        articleId: item.claimlens.articleId,
        url: item.target.source,
        selectors: item.target.selector,
        tags: value('tagging'),
        note: value('commenting')[0] ?? null,
        stance: item.claimlens.stance,
        createdAt: item.created,
        updatedAt: item.modified,
        anchoring: item.claimlens.anchoring,
      });
    }
  }
  const { articles, tags, corrections, packs, snapshots } = claimlens;
  return { ok: true, value: { articles, claims, annotations, tags, corrections, packs, snapshots } };
}
