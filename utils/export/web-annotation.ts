import { groupBy } from '../group.ts';
import type {
  AnnotationRecord,
  ArticleRecord,
  ClaimRecord,
  CorrectionRecord,
  PackRecord,
  SnapshotRecord,
  TagRecord,
} from '../db/schema.ts';
import { TAG_COLOR } from '../annotate/tags.ts';
import { validateTopicPack } from '../detect/pack.ts';
import {
  validateClaimDetails,
  validateSelectorPair,
  validateStance,
  validateTextProfile,
  type ClaimDetails,
} from '../model.ts';
import {
  arr,
  bool,
  literal,
  nullable,
  num,
  obj,
  optional,
  str,
  withDefault,
  type Infer,
  type Result,
} from '../validate.ts';
import { slices, type Part } from './chunks.ts';

/** Bumped whenever the export's shape changes; imports name the versions they read. */
export const EXPORT_FORMAT_VERSION = 1;
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** ClaimLens's own data rides along under this key, so a plain W3C consumer can ignore it and import loses nothing. */
const EXTENSION_KEY = 'claimlens';
export const CLAIM_IRI = 'urn:claimlens:claim:';
export const ANNOTATION_IRI = 'urn:claimlens:annotation:';

export interface TextualBody {
  type: 'TextualBody';
  purpose: 'classifying' | 'tagging' | 'commenting';
  value: string;
}

interface AnnotationBase {
  id: string;
  type: 'Annotation';
  motivation: 'classifying' | 'tagging' | 'commenting';
  created: string;
  body: TextualBody[];
  target: { source: string; selector: ClaimRecord['selectors'] };
}

/** A claim the detector found. */
export interface ClaimAnnotation extends AnnotationBase {
  [EXTENSION_KEY]: { kind: 'detected'; claim: ClaimDetails };
}

/** An annotation the reader made. */
export interface ReaderAnnotation extends AnnotationBase {
  modified: string;
  [EXTENSION_KEY]: {
    kind: 'reader';
    articleId: string;
    anchoring: AnnotationRecord['anchoring'];
    /** The reader's own stance (null: they gave none, and the classifying body tells the detector's). */
    stance: AnnotationRecord['stance'];
  };
}

export type Annotation = ClaimAnnotation | ReaderAnnotation;

/** Everything in a library besides the annotations themselves, so a move to another browser loses nothing. */
export interface LibraryExtras {
  articles: ArticleRecord[];
  tags: TagRecord[];
  corrections: CorrectionRecord[];
  packs: PackRecord[];
  snapshots: SnapshotRecord[];
}

export const emptyLibrary = (): Library => ({
  articles: [],
  claims: [],
  annotations: [],
  tags: [],
  corrections: [],
  packs: [],
  snapshots: [],
});

export interface AnnotationCollection {
  '@context': typeof CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  generated: string;
  generator: { type: 'Software'; name: 'ClaimLens' };
  total: number;
  items: Annotation[];
  [EXTENSION_KEY]: { formatVersion: number } & LibraryExtras;
}

export interface Library extends LibraryExtras {
  claims: ClaimRecord[];
  annotations: AnnotationRecord[];
}

/**
 * A claim as an item. Records read straight from IndexedDB carry the keys the database derived for its indexes
 * (`words` here, `copyKeys` on articles): an export leaves them out where it copies a record anyway.
 */
const claimItem = (
  { id, articleId, selectors, stance, words: _derived, ...rest }: ClaimRecord,
  article: ArticleRecord | undefined,
  now: Date,
): ClaimAnnotation => ({
  id: CLAIM_IRI + id,
  type: 'Annotation',
  motivation: 'classifying',
  created: article?.firstSeen ?? now.toISOString(),
  body: [{ type: 'TextualBody', purpose: 'classifying', value: stance }],
  target: { source: article?.url ?? articleId, selector: selectors },
  [EXTENSION_KEY]: { kind: 'detected', claim: rest },
});

const readerItem = (a: AnnotationRecord, claimsOfArticle: readonly ClaimRecord[]): ReaderAnnotation => {
  // Every item classifies its text (the contract): the reader's stance, else that of the detected claim the
  // annotation falls on, else neutral.
  const [, at] = a.selectors;
  const claimStance = claimsOfArticle.find(
    (c) => c.selectors[1].start < at.end && at.start < c.selectors[1].end,
  )?.stance;
  const body: TextualBody[] = [
    { type: 'TextualBody', purpose: 'classifying', value: a.stance ?? claimStance ?? 'neutral' },
    ...a.tags.map((tag) => ({ type: 'TextualBody' as const, purpose: 'tagging' as const, value: tag })),
    ...(a.note ? [{ type: 'TextualBody' as const, purpose: 'commenting' as const, value: a.note }] : []),
  ];
  return {
    id: ANNOTATION_IRI + a.id,
    type: 'Annotation',
    motivation: a.tags.length > 0 ? 'tagging' : a.note ? 'commenting' : 'classifying',
    created: a.createdAt,
    modified: a.updatedAt,
    body,
    target: { source: a.url, selector: a.selectors },
    [EXTENSION_KEY]: { kind: 'reader', articleId: a.articleId, anchoring: a.anchoring, stance: a.stance },
  };
};

/** The items of a library, claims first, a slice at a time (`done` counts the items written). */
function* itemSlices(library: Library, now: Date): Generator<[Annotation[], number]> {
  const byId = new Map(library.articles.map((a) => [a.id, a]));
  const claimsByArticle = groupBy(library.claims, (c) => c.articleId);
  for (const [slice, done] of slices(library.claims))
    yield [slice.map((c) => claimItem(c, byId.get(c.articleId), now)), done];
  for (const [slice, done] of slices(library.annotations))
    yield [
      slice.map((a) => readerItem(a, claimsByArticle.get(a.articleId) ?? [])),
      library.claims.length + done,
    ];
}

/** An article as exported: without the fingerprint keys derived for its index. */
const exportedArticle = ({ copyKeys: _derived, ...article }: ArticleRecord): ArticleRecord => article;

/** Everything of the collection but its items, which go between `head` and `tail`. */
function frame(library: Library, now: Date) {
  const { tags, corrections, packs, snapshots } = library;
  const articles = library.articles.map(exportedArticle);
  const total = library.claims.length + library.annotations.length;
  return {
    head: {
      '@context': CONTEXT,
      type: 'AnnotationCollection',
      label: 'ClaimLens export',
      generated: now.toISOString(),
      generator: { type: 'Software', name: 'ClaimLens' },
      total,
    } as const,
    tail: { formatVersion: EXPORT_FORMAT_VERSION, articles, tags, corrections, packs, snapshots },
  };
}

export function toAnnotationCollection(library: Library, now: Date): AnnotationCollection {
  const { head, tail } = frame(library, now);
  const items = [...itemSlices(library, now)].flatMap(([slice]) => slice);
  const { articles, tags, corrections, packs, snapshots } = tail;
  return {
    ...head,
    items,
    [EXTENSION_KEY]: {
      formatVersion: tail.formatVersion,
      articles: [...articles],
      tags: [...tags],
      corrections: [...corrections],
      packs: [...packs],
      snapshots: [...snapshots],
    },
  };
}

/**
 * The same collection as `toAnnotationCollection`, as JSON text in parts: one item per line, a slice of items
 * per part, so no single string holds the whole library. The `claimlens` extras close it, each list written a
 * slice at a time too.
 */
export function* annotationCollectionParts(library: Library, now: Date): Generator<Part> {
  const { head, tail } = frame(library, now);
  const { total } = head;
  const opening = JSON.stringify(head);
  yield { text: `${opening.slice(0, -1)},\n"items":[`, done: 0, total };
  for (const [slice, done] of itemSlices(library, now)) {
    const lines = slice.map((item) => JSON.stringify(item)).join(',\n');
    yield { text: `${done > slice.length ? ',' : ''}\n${lines}`, done, total };
  }
  let extras = `\n],\n"${EXTENSION_KEY}":{"formatVersion":${tail.formatVersion}`;
  for (const key of ['articles', 'tags', 'corrections', 'packs', 'snapshots'] as const) {
    const list: readonly unknown[] = tail[key];
    extras += `,\n"${key}":[`;
    for (const [slice, written] of slices(list)) {
      const lines = slice.map((record) => JSON.stringify(record)).join(',\n');
      extras += `${written > slice.length ? ',' : ''}\n${lines}`;
      yield { text: extras, done: total, total };
      extras = '';
    }
    extras += ']';
  }
  yield { text: `${extras}}}\n`, done: total, total };
}

const iso = str({ min: 1, max: 40, pattern: /^\d{4}-\d{2}-\d{2}T/ });
const url = str({ min: 8, max: 4_000, pattern: /^https?:\/\// });
const count = num({ integer: true, min: 0 });
const tagId = str({ min: 1, max: 40, pattern: /^[a-z0-9][a-z0-9-]*$/ });
const body = (purpose: TextualBody['purpose'], value = str({ min: 1, max: 10_000 })) =>
  obj({ type: literal('TextualBody'), purpose: literal(purpose), value });

const validateArticleRecord = obj({
  id: url,
  url,
  urls: arr(url, { max: 100 }),
  title: str({ max: 500 }),
  site: str({ max: 500 }),
  byline: nullable(str({ max: 500 })),
  published: nullable(str({ max: 40 })),
  lang: str({ max: 35 }),
  firstSeen: iso,
  lastSeen: iso,
  textLength: count,
  claimCount: count,
  stances: obj({ overcapacity: count, demand: count, neutral: count }),
  storyId: nullable(url),
  storyByReader: optional(bool),
  profile: validateTextProfile,
});

const validateAnchoring = nullable(
  obj({
    method: literal('exact', 'position', 'fuzzy', 'orphan'),
    score: nullable(num({ min: 0, max: 1 })),
    at: iso,
  }),
);

const validateClaimItem = obj({
  id: str({ min: 1, max: 300, pattern: /^urn:claimlens:claim:[\w-]+$/ }),
  type: literal('Annotation'),
  motivation: literal('classifying'),
  created: iso,
  body: arr(body('classifying', validateStance), { min: 1, max: 1 }),
  target: obj({ source: url, selector: validateSelectorPair }),
  claimlens: obj({ kind: literal('detected'), claim: validateClaimDetails }),
});

const validateReaderItem = obj({
  id: str({ min: 1, max: 300, pattern: /^urn:claimlens:annotation:[\w-]+$/ }),
  type: literal('Annotation'),
  motivation: literal('classifying', 'tagging', 'commenting'),
  created: iso,
  modified: iso,
  body: arr(
    (input, path) => {
      const purpose = (input as { purpose?: unknown } | null)?.purpose;
      if (purpose === 'classifying') return body('classifying', validateStance)(input, path);
      if (purpose === 'tagging') return body('tagging', tagId)(input, path);
      return body('commenting')(input, path);
    },
    { max: 60 },
  ),
  target: obj({ source: url, selector: validateSelectorPair }),
  claimlens: obj({
    kind: literal('reader'),
    articleId: str({ min: 1, max: 4_000 }),
    anchoring: validateAnchoring,
    stance: nullable(validateStance),
  }),
});

/** An item is a detected claim or a reader's annotation; its `claimlens.kind` says which, and picks the check. */
function validateItem(
  input: unknown,
  path = '',
): Result<Infer<typeof validateClaimItem> | Infer<typeof validateReaderItem>> {
  const kind = (input as { claimlens?: { kind?: unknown } } | null)?.claimlens?.kind;
  if (kind === 'detected') return validateClaimItem(input, path);
  if (kind === 'reader') return validateReaderItem(input, path);
  return { ok: false, error: `${path}.claimlens.kind: expected "detected" or "reader"` };
}

export const validateCollection = obj({
  '@context': literal(CONTEXT),
  type: literal('AnnotationCollection'),
  label: optional(str({ max: 500 })),
  generated: optional(iso),
  generator: optional(obj({ type: literal('Software'), name: literal('ClaimLens') })),
  total: optional(count),
  items: arr(validateItem, { max: 1_000_000 }),
  claimlens: obj({
    formatVersion: literal(EXPORT_FORMAT_VERSION),
    articles: arr(validateArticleRecord, { max: 100_000 }),
    tags: withDefault(
      arr(
        obj({
          id: tagId,
          // Labels are shown as text, but a label with markup is no label a reader typed.
          label: str({ min: 1, max: 40, pattern: /^[^<>]+$/ }),
          createdAt: iso,
          color: optional(str({ pattern: TAG_COLOR })),
        }),
        { max: 10_000 },
      ),
      () => [],
    ),
    corrections: withDefault(
      arr(
        obj({
          id: str({ min: 1, max: 100 }),
          articleId: str({ min: 1, max: 4_000 }),
          text: str({ min: 1, max: 5_000 }),
          sentenceKey: str({ min: 1, max: 5_000 }),
          detected: nullable(validateStance),
          verdict: nullable(validateStance),
          cues: arr(obj({ key: str({ min: 1, max: 300 }), stance: validateStance }), { max: 200 }),
          createdAt: iso,
        }),
        { max: 1_000_000 },
      ),
      () => [],
    ),
    packs: withDefault(
      arr(obj({ id: str({ min: 1, max: 64 }), pack: validateTopicPack, createdAt: iso, updatedAt: iso }), {
        max: 1_000,
      }),
      () => [],
    ),
    snapshots: withDefault(
      arr(obj({ articleId: str({ min: 1, max: 4_000 }), text: str({ max: 2_000_000 }), capturedAt: iso }), {
        max: 100_000,
      }),
      () => [],
    ),
  }),
});

export type ParsedCollection = Infer<typeof validateCollection>;
