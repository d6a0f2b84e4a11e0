import type { AnnotationRecord, ClaimRecord } from '../db/schema.ts';
import { MAX_IMPORT_CHARS } from '../messages.ts';
import type { Result } from '../validate.ts';
import { parsePlainAnnotations, type SkippedItem } from './hypothesis.ts';
import {
  ANNOTATION_IRI,
  CLAIM_IRI,
  EXPORT_FORMAT_VERSION,
  validateCollection,
  type Library,
} from './web-annotation.ts';

/** What a file holds, ready to preview and to apply. */
export interface ImportBatch {
  format: 'claimlens' | 'web-annotation';
  library: Library;
  /** Items of a plain W3C / Hypothesis file that could not be used, with why (a ClaimLens export has none). */
  skipped: SkippedItem[];
  /**
   * The articles were made from the annotations' sources (plain W3C / Hypothesis), not read: they are stored
   * only where the library has no article at that address, and never replace one.
   */
  articlesAreStubs: boolean;
}

const size = (chars: number) =>
  chars >= 1e6 ? `${Math.ceil(chars / 1e6)} MB` : `${Math.ceil(chars / 1e3)} KB`;

/**
 * Reads an import file: a ClaimLens JSON export (all or nothing), or plain W3C Web Annotations as Hypothesis and
 * others write them (unusable items skipped with their reasons). Any other file is refused with a reason.
 */
export function parseImport(text: string, now: Date, maxChars = MAX_IMPORT_CHARS): Result<ImportBatch> {
  if (text.length > maxChars)
    return {
      ok: false,
      error: `The file is too large (${size(text.length)}): the limit is ${size(maxChars)}.`,
    };
  if (text.trim() === '') return { ok: false, error: 'The file is empty.' };
  const data = parseJson(text);
  if (!data.ok) return data;
  const isClaimLens = typeof data.value === 'object' && data.value !== null && 'claimlens' in data.value;
  if (isClaimLens) {
    const library = parseExportData(data.value);
    return library.ok
      ? {
          ok: true,
          value: { format: 'claimlens', library: library.value, skipped: [], articlesAreStubs: false },
        }
      : library;
  }
  const plain = parsePlainAnnotations(data.value, now);
  return plain.ok
    ? { ok: true, value: { format: 'web-annotation', ...plain.value, articlesAreStubs: true } }
    : plain;
}

function parseJson(text: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      error: `Not a JSON file (or one cut short): ${(error as Error).message}`,
    };
  }
}

/** The format version a ClaimLens export states, checked before its shape: a newer file gets a clear word. */
function checkFormatVersion(data: unknown): Result<null> {
  const version = (data as { claimlens?: { formatVersion?: unknown } }).claimlens?.formatVersion;
  if (version === EXPORT_FORMAT_VERSION) return { ok: true, value: null };
  if (typeof version === 'number' && Number.isInteger(version) && version > EXPORT_FORMAT_VERSION)
    return {
      ok: false,
      error:
        `The file was written by a newer ClaimLens (format version ${version}); this one reads format version ` +
        `${EXPORT_FORMAT_VERSION}. Update ClaimLens, then import it again.`,
    };
  return {
    ok: false,
    error: `Not a ClaimLens export: unknown format version ${JSON.stringify(version)?.slice(0, 40) ?? '(none)'}.`,
  };
}

/**
 * Reads a ClaimLens JSON export back into records, refusing the whole file with the first problem found: a
 * file is either imported whole or not at all.
 */
export function parseExport(json: string): Result<Library> {
  const data = parseJson(json);
  return data.ok ? parseExportData(data.value) : data;
}

function parseExportData(data: unknown): Result<Library> {
  const version = checkFormatVersion(data);
  if (!version.ok) return version;
  const parsed = validateCollection(data, 'export');
  if (!parsed.ok) return { ok: false, error: `Not a ClaimLens export: ${parsed.error}` };
  const { items, claimlens } = parsed.value;
  const articleIds = new Set<string>();
  for (const article of claimlens.articles) {
    if (articleIds.has(article.id)) return { ok: false, error: `Article ${article.id} is listed twice` };
    articleIds.add(article.id);
  }
  const textLength = new Map(claimlens.articles.map((a) => [a.id, a.textLength]));
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
      const length = textLength.get(articleId) ?? 0;
      if (item.target.selector[1].end > length)
        return {
          ok: false,
          error: `items[${index}]: its offsets run past the end of its article's text (${length})`,
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
      const length = textLength.get(item.claimlens.articleId);
      // Stub articles (made from a plain annotation's source) have no text to measure against.
      if (length && item.target.selector[1].end > length)
        return {
          ok: false,
          error: `items[${index}]: its offsets run past the end of its article's text (${length})`,
        };
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
