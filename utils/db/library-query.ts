import type { Library } from '../export/web-annotation.ts';
import { validateStance } from '../model.ts';
import { matchesTerms, queryTerms, searchWords } from '../text/search.ts';
import { arr, bool, literal, nullable, num, obj, str, type Infer, type Result } from '../validate.ts';
import { LibraryRepository } from './articles.ts';
import { readByKeys } from './library.ts';
import {
  articleDate,
  type AnnotationRecord,
  type ArticleRecord,
  type ClaimLensDatabase,
  type ClaimRecord,
} from './schema.ts';

export const LIBRARY_SORTS = ['newest', 'oldest', 'outlet', 'confidence'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];
/** Most results one page may ask for: a page is for reading, the export is for everything. */
export const MAX_PAGE_SIZE = 500;
/**
 * A word in more claims than this (a common one) is matched by index keys alone, and claims are read only for
 * the articles a page reaches; fewer are read at once, which is quicker for them.
 */
const READ_AT_ONCE_MAX = 2_000;

const day = str({ pattern: /^\d{4}-\d{2}-\d{2}$/ });

const validateQueryShape = obj({
  /** Words the reader typed; each must begin a word of the claim (or of the annotation's quote, note, tags). */
  text: str({ max: 500 }),
  /** Any of these stances (a claim's, or the reader's own on an annotation); none means any. */
  stances: arr(validateStance, { max: 3 }),
  /** Annotations carrying any of these tags; asking for tags leaves detected claims out. */
  tags: arr(str({ min: 1, max: 40, pattern: /^[a-z0-9][a-z0-9-]*$/ }), { max: 50 }),
  /** Articles' sites. */
  outlets: arr(str({ min: 1, max: 500 }), { max: 500 }),
  storyId: nullable(str({ min: 1, max: 4_000 })),
  /** First and last day (inclusive) of the article's date: published, else first seen. */
  from: nullable(day),
  to: nullable(day),
  /** Only the reader's own annotations. */
  annotatedOnly: bool,
  /** Only annotations not found again on their page. */
  orphansOnly: bool,
  sort: literal(...LIBRARY_SORTS),
  limit: num({ integer: true, min: 1, max: MAX_PAGE_SIZE }),
  offset: num({ integer: true, min: 0, max: 10_000_000 }),
});

export type LibraryQuery = Infer<typeof validateQueryShape>;

export const EMPTY_QUERY: LibraryQuery = {
  text: '',
  stances: [],
  tags: [],
  outlets: [],
  storyId: null,
  from: null,
  to: null,
  annotatedOnly: false,
  orphansOnly: false,
  sort: 'newest',
  limit: 50,
  offset: 0,
};

/** Checks a query field by field, then the dates: real days, the first not after the last. */
export function parseLibraryQuery(input: unknown): Result<LibraryQuery> {
  const parsed = validateQueryShape(input, 'query');
  if (!parsed.ok) return parsed;
  const { from, to } = parsed.value;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== null && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
      return { ok: false, error: `query.${name}: ${value} is not a day of the calendar` };
  }
  if (from !== null && to !== null && from > to)
    return { ok: false, error: `query: the range starts (${from}) after it ends (${to})` };
  return parsed;
}

export type LibraryHit =
  | { kind: 'claim'; record: ClaimRecord; article: ArticleRecord | null }
  | { kind: 'annotation'; record: AnnotationRecord; article: ArticleRecord | null };

export interface LibraryPage {
  hits: LibraryHit[];
  /** How many results the whole query has (every page). */
  total: number;
  /** The search terms the text was read as (for emphasis): stop words dropped, longest first. */
  terms: string[];
}

/** The date an article is filed under: when it was published, else when the reader first saw it. */

/**
 * The results of one article, the unit results are sorted and paged by (every sort but confidence keeps an
 * article's results together, in reading order).
 */
interface Group {
  articleId: string;
  article: ArticleRecord | null;
  date: string;
  site: string;
  /** The article's matching claims when already read; null until a page reaches them. */
  claims: ClaimRecord[] | null;
  /** How many claims match, when known (read, or told by the article's stance counts). */
  claimCount: number | null;
  /** The ids of its matching claims, once looked up among a common word's matches. */
  claimIds?: string[];
  annotations: AnnotationRecord[];
}

/** The groups of results, and the ids of every matching claim when a common word was matched by keys. */
interface Matches {
  groups: Group[];
  terms: string[];
  matched: Set<string> | null;
}

/** One page of the claims and annotations that match `query`, and how many match in all. */
export async function queryLibrary(db: ClaimLensDatabase, query: LibraryQuery): Promise<LibraryPage> {
  const { groups, terms, matched } = await matchGroups(db, query);
  const total = groups.reduce(
    (sum, g) => sum + (g.claimCount ?? 0) + g.annotations.length,
    matched?.size ?? 0,
  );
  if (query.sort === 'confidence') {
    await readClaims(db, query, groups, matched);
    const hits = groups.flatMap(hitsOf).sort(byConfidence);
    return { hits: hits.slice(query.offset, query.offset + query.limit), total, terms };
  }
  // Only the articles this page reaches have their claims read.
  let skip = query.offset;
  let room = query.limit;
  const page: [Group, number][] = [];
  for (const group of groups.sort(groupOrder(query.sort))) {
    if (room <= 0) break;
    const size = (group.claimCount ?? (await countMatched(db, group, matched))) + group.annotations.length;
    if (skip >= size) {
      skip -= size;
      continue;
    }
    page.push([group, skip]);
    room -= size - skip;
    skip = 0;
  }
  await readClaims(
    db,
    query,
    page.map(([group]) => group),
    matched,
  );
  let left = query.limit;
  const hits: LibraryHit[] = [];
  for (const [group, from] of page) {
    const taken = hitsOf(group).slice(from, from + left);
    hits.push(...taken);
    left -= taken.length;
  }
  return { hits, total, terms };
}

/** Whether a query filters claims and annotations themselves (not only which articles they are on). */
const filtersRecords = (query: LibraryQuery) =>
  queryTerms(query.text).length > 0 ||
  query.stances.length > 0 ||
  query.tags.length > 0 ||
  query.annotatedOnly ||
  query.orphansOnly;

/** Whether a query narrows nothing: it asks for the whole library. */
export const asksNothing = (query: LibraryQuery) =>
  !filtersRecords(query) && query.outlets.length === 0 && query.storyId === null && !query.from && !query.to;

/**
 * The part of the library a query shows, as the export writes it: the matching claims and annotations, their
 * articles with those articles' corrections and page texts, and all the reader's tags and packs. A query that
 * filters nothing gives the whole library.
 */
export async function libraryFor(db: ClaimLensDatabase, query: LibraryQuery): Promise<Library> {
  if (asksNothing(query)) return new LibraryRepository(db).load();
  const recordFilters = filtersRecords(query);
  const { groups, matched } = await matchGroups(db, query);
  await readClaims(db, query, groups, matched);
  // Without record filters an article matches on its own, claims or not.
  const kept = groups.filter((g) => !recordFilters || (g.claims?.length ?? 0) + g.annotations.length > 0);
  const ids = kept.map((g) => g.articleId);
  const [corrections, snapshots, tags, packs] = await Promise.all([
    readByKeys(ids, (id) => db.corrections.where('articleId').equals(id).toArray()),
    db.snapshots.bulkGet(ids),
    db.tags.toArray(),
    db.packs.toArray(),
  ]);
  return {
    articles: kept
      .map((g) => g.article)
      .filter((a) => a !== null)
      .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)),
    claims: kept.flatMap((g) => g.claims ?? []),
    annotations: kept.flatMap((g) => g.annotations),
    tags,
    corrections,
    packs,
    snapshots: snapshots.filter((s) => s !== undefined),
  };
}

/** The groups of results, each with its claims counted (and read, when the search already had to). */
async function matchGroups(db: ClaimLensDatabase, query: LibraryQuery): Promise<Matches> {
  const asked = queryTerms(query.text);
  // Awaiting with no database read in flight would lose Dexie's live-query tracking of what follows.
  const terms = asked.length > 1 ? await rarestFirst(db, asked) : asked;
  const [first, ...rest] = terms;
  const wantClaims = query.tags.length === 0 && !query.annotatedOnly && !query.orphansOnly;
  const allowed = await articlesMatching(db, query);
  const inScope = (articleId: string) => !allowed || allowed.has(articleId);
  const stanceOk = (stance: string | null) =>
    query.stances.length === 0 || query.stances.some((s) => s === stance);

  const groups = new Map<string, Group>();
  const groupOf = (articleId: string, article: ArticleRecord | null = null): Group => {
    let group = groups.get(articleId);
    if (!group) {
      group = {
        articleId,
        article,
        date: article ? articleDate(article) : '',
        site: article?.site ?? '',
        claims: [],
        claimCount: 0,
        annotations: [],
      };
      groups.set(articleId, group);
    }
    return group;
  };

  let matched: Set<string> | null = null;
  if (wantClaims && first !== undefined) {
    let ids = new Set(await db.claims.where('words').startsWith(first).primaryKeys());
    if (ids.size > READ_AT_ONCE_MAX) ids = await narrowByKeys(db, ids, rest, query.stances, allowed);
    if (ids.size > READ_AT_ONCE_MAX) matched = ids;
    const found = matched ? [] : (await db.claims.bulkGet([...ids])).filter((c) => c !== undefined);
    for (const claim of found) {
      if (!stanceOk(claim.stance) || !inScope(claim.articleId)) continue;
      // The reading hook hides the stored words: the rest of the terms are checked on words derived again.
      if (rest.length > 0 && !matchesTerms(searchWords(claim.text), rest)) continue;
      const group = groupOf(claim.articleId, allowed?.get(claim.articleId) ?? null);
      group.claims?.push(claim);
      group.claimCount = (group.claimCount ?? 0) + 1;
    }
  }
  if (matched) {
    // Every article in scope may hold some of the matches: each is counted when a page reaches it.
    for (const article of allowed ? allowed.values() : await db.articles.toArray())
      Object.assign(groupOf(article.id, article), { claims: null, claimCount: null });
  } else if (wantClaims && first === undefined) {
    // No text: every article in scope counts its claims of the asked stances from its own stance counts.
    for (const article of allowed ? allowed.values() : await db.articles.toArray()) {
      const group = groupOf(article.id, article);
      group.claims = null;
      group.claimCount =
        query.stances.length === 0
          ? article.claimCount
          : query.stances.reduce((sum, s) => sum + article.stances[s], 0);
    }
  }

  for (const annotation of await annotationCandidates(db, query, first, allowed)) {
    if (!stanceOk(annotation.stance) || !inScope(annotation.articleId)) continue;
    if (query.tags.length > 0 && !annotation.tags.some((t) => query.tags.includes(t))) continue;
    if (query.orphansOnly && annotation.anchoring?.method !== 'orphan') continue;
    if (
      rest.length > 0 &&
      !matchesTerms(searchWords(annotation.selectors[0].exact, annotation.note, ...annotation.tags), rest)
    )
      continue;
    const group = groupOf(annotation.articleId, allowed?.get(annotation.articleId) ?? null);
    group.annotations.push(annotation);
    // Until its article is looked up (it may not be stored at all), the annotation itself dates and names it.
    if (!group.article && (!group.date || annotation.createdAt < group.date))
      group.date = annotation.createdAt;
    group.site ||= hostOf(annotation.url);
  }

  const unknown = [...groups.values()].filter((g) => g.article === null);
  const found = await db.articles.bulkGet(unknown.map((g) => g.articleId));
  unknown.forEach((group, i) => {
    const article = found[i];
    if (!article) return;
    Object.assign(group, { article, date: articleDate(article), site: article.site });
  });
  return { groups: [...groups.values()], terms, matched };
}

/**
 * The terms in the order that reads least: the one fewest claims hold first (its index range is the search's
 * start), counted on the index without reading a claim.
 */
async function rarestFirst(db: ClaimLensDatabase, terms: readonly string[]): Promise<string[]> {
  const counts = await Promise.all(terms.map((term) => db.claims.where('words').startsWith(term).count()));
  return terms
    .map((term, i) => ({ term, n: counts[i] ?? 0 }))
    .sort((a, b) => a.n - b.n)
    .map((t) => t.term);
}

/**
 * Narrows a common word's matches by index keys alone, no claim read: the other terms (each a word start, as
 * `matchesTerms` checks on records), the stances and the articles in scope.
 */
async function narrowByKeys(
  db: ClaimLensDatabase,
  ids: Set<string>,
  otherTerms: readonly string[],
  stances: readonly string[],
  allowed: Map<string, ArticleRecord> | null,
): Promise<Set<string>> {
  const narrowers = [
    ...otherTerms.map((term) => () => db.claims.where('words').startsWith(term).primaryKeys()),
    ...(stances.length > 0
      ? [() => readByKeys(stances, (s) => db.claims.where('stance').equals(s).primaryKeys())]
      : []),
    ...(allowed
      ? [() => readByKeys(allowed.keys(), (id) => db.claims.where('articleId').equals(id).primaryKeys())]
      : []),
  ];
  let narrowed = ids;
  for (const keys of narrowers) {
    const keep = new Set(await keys());
    narrowed = new Set([...narrowed].filter((id) => keep.has(id)));
  }
  return narrowed;
}

/** How many of a common word's matches an article holds (their ids kept for reading). */
async function countMatched(
  db: ClaimLensDatabase,
  group: Group,
  matched: Set<string> | null,
): Promise<number> {
  const ids = matched ? await db.claims.where('articleId').equals(group.articleId).primaryKeys() : [];
  group.claimIds = ids.filter((id) => matched?.has(id));
  group.claimCount = group.claimIds.length;
  return group.claimCount;
}

/** The articles the query's article filters allow (by index: story, else outlet, else date), or null for all. */
async function articlesMatching(
  db: ClaimLensDatabase,
  query: LibraryQuery,
): Promise<Map<string, ArticleRecord> | null> {
  const { storyId, outlets, from, to } = query;
  if (storyId === null && outlets.length === 0 && from === null && to === null) return null;
  const [low, high] = [from ?? '', `${to ?? ''}\uffff`];
  let candidates: ArticleRecord[];
  if (storyId !== null) candidates = await db.articles.where('storyId').equals(storyId).toArray();
  else if (outlets.length > 0)
    candidates = await readByKeys(outlets, (site) => db.articles.where('site').equals(site).toArray());
  else
    candidates = [
      ...(await db.articles.where('published').between(low, high, true, true).toArray()),
      ...(await db.articles
        .where('firstSeen')
        .between(low, high, true, true)
        .filter((a) => a.published === null)
        .toArray()),
    ];
  const day = (a: ArticleRecord) => articleDate(a).slice(0, 10);
  const kept = candidates.filter(
    (a) =>
      (storyId === null || a.storyId === storyId) &&
      (outlets.length === 0 || outlets.includes(a.site)) &&
      (from === null || day(a) >= from) &&
      (to === null || day(a) <= to),
  );
  return new Map(kept.map((a) => [a.id, a]));
}

/** Annotations worth checking, from the narrowest index the query allows. */
function annotationCandidates(
  db: ClaimLensDatabase,
  query: LibraryQuery,
  firstTerm: string | undefined,
  allowed: Map<string, ArticleRecord> | null,
): Promise<AnnotationRecord[]> {
  if (firstTerm !== undefined)
    return db.annotations.where('words').startsWith(firstTerm).toArray().then(once);
  if (query.tags.length > 0)
    return readByKeys(query.tags, (tag) => db.annotations.where('tags').equals(tag).toArray()).then(once);
  if (allowed)
    return readByKeys(allowed.keys(), (id) => db.annotations.where('articleId').equals(id).toArray());
  return db.annotations.toArray();
}

/**
 * Reads an index at several keys, one plain range each, side by side: a range is read in one go, where
 * `anyOf` walks a cursor key by key (several times slower in `npm run bench:library`).
 */
/** Each record once: a multi-entry index finds a record under each of its keys in the range. */
const once = <T extends { id: string }>(records: T[]): T[] => [
  ...new Map(records.map((r) => [r.id, r])).values(),
];

/**
 * Reads the matching claims of the groups that have not had them read yet, in one query: by id among a common
 * word's matches, else by article (filtered by stance).
 */
async function readClaims(
  db: ClaimLensDatabase,
  query: LibraryQuery,
  groups: readonly Group[],
  matched: Set<string> | null,
) {
  const waiting = new Map(groups.filter((g) => g.claims === null).map((g) => [g.articleId, g]));
  if (waiting.size === 0) return;
  let claims: ClaimRecord[];
  if (matched) {
    const counted = [...waiting.values()].every((g) => g.claimIds);
    const ids = counted ? [...waiting.values()].flatMap((g) => g.claimIds ?? []) : [...matched];
    claims = (await db.claims.bulkGet(ids)).filter((c) => c !== undefined);
  } else {
    claims = (
      await readByKeys(waiting.keys(), (id) => db.claims.where('articleId').equals(id).toArray())
    ).filter((c) => query.stances.length === 0 || query.stances.includes(c.stance));
  }
  for (const group of waiting.values()) group.claims = [];
  for (const claim of claims) waiting.get(claim.articleId)?.claims?.push(claim);
  for (const group of waiting.values()) group.claimCount = group.claims?.length ?? 0;
}

const positionOf = (hit: LibraryHit) => hit.record.selectors[1].start;

/** A group's results in reading order, claims before annotations at the same place. */
function hitsOf(group: Group): LibraryHit[] {
  const { article } = group;
  return [
    ...(group.claims ?? []).map((record): LibraryHit => ({ kind: 'claim', record, article })),
    ...group.annotations.map((record): LibraryHit => ({ kind: 'annotation', record, article })),
  ].sort((a, b) => positionOf(a) - positionOf(b));
}

function groupOrder(sort: Exclude<LibrarySort, 'confidence'>): (a: Group, b: Group) => number {
  const byId = (a: Group, b: Group) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0);
  const newest = (a: Group, b: Group) => b.date.localeCompare(a.date) || byId(a, b);
  if (sort === 'newest') return newest;
  if (sort === 'oldest') return (a, b) => a.date.localeCompare(b.date) || byId(a, b);
  return (a, b) => a.site.localeCompare(b.site) || newest(a, b);
}

/** Surest first; the reader's own annotations count as sure. Ties: newest article, then reading order. */
function byConfidence(a: LibraryHit, b: LibraryHit): number {
  const sureness = (hit: LibraryHit) => (hit.kind === 'claim' ? hit.record.confidence : 1);
  const date = (hit: LibraryHit) => (hit.article ? articleDate(hit.article) : '');
  return (
    sureness(b) - sureness(a) ||
    date(b).localeCompare(date(a)) ||
    a.record.articleId.localeCompare(b.record.articleId) ||
    positionOf(a) - positionOf(b)
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
