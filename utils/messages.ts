import type { TagDefinition } from './annotate/tags.ts';
import type { ArticleView } from './db/article-view.ts';
import type { ImportCounts } from './db/import.ts';
import type { AnnotationRecord, TagRecord } from './db/schema.ts';
import type { HighlightSettings, ReadingSettings } from './db/settings.ts';
import { HIGHLIGHT_STYLES } from './highlight/styles.ts';
import {
  UNDO_SECONDS_RANGE,
  validateDeleteRequest,
  type DeleteRequest,
  type TrashSummary,
} from './db/trash.ts';
import type { FoundClaim } from './analyze.ts';
import type { Stance } from './detect/pack.ts';
import type { Span } from './text/segment.ts';
import {
  validateAnnotationInput,
  validateArticleAnalysis,
  validateClaim,
  validateStance,
  type AnnotationInput,
  type ArticleAnalysis,
  type ClaimPayload,
} from './model.ts';
import {
  arr,
  bool,
  literal,
  nullable,
  num,
  obj,
  optional,
  str,
  type Result,
  type Validator,
} from './validate.ts';

/**
 * The one protocol between content script, pages and background. Each message has a validator for its
 * request and says which contexts may send it; the background refuses anything else, whoever sent it.
 */
export interface Protocol {
  /** The content script finished a pass on a page: an article with its claims, or not an article (null). */
  'page/analyzed': { request: { article: ArticleAnalysis | null }; reply: { claimCount: number } };
  /** How a page of this site is to be read: switched on or off, analysed at once or on request, in which style. */
  'page/settings': { request: { host: string }; reply: PageSettings };
  /**
   * The claims in a page's text, found by the background's detector (compiled once for every page, with the
   * reader's packs and teaching). `onTopic`: the text was added to an article already about the topic.
   */
  'page/detect': { request: PageText & { onTopic: boolean }; reply: { claims: FoundClaim[] } };
  /**
   * What the popup shows, read by the background (which holds the database open): the article stored at `url`
   * with its comparison, and the reader's switches. The popup opens no database of its own.
   */
  'popup/view': { request: { url: string | null }; reply: PopupView };
  /** The reader switches highlighting on or off for a site, or everywhere. */
  'settings/highlights': { request: { host: string | null; on: boolean }; reply: { ok: true } };
  /** The reader corrects a claim: another stance, "not a claim" (null), or a claim ClaimLens missed. */
  'claim/correct': {
    request: { articleUrl: string; claim: ClaimPayload; detected: Stance | null; verdict: Stance | null };
    reply: { claimCount: number };
  };
  /** The reader annotates a selection: stored with the page's text, painted by the page at once. */
  'annotations/create': {
    request: { articleUrl: string; annotation: AnnotationInput; snapshot: string };
    reply: { annotation: AnnotationRecord };
  };
  /** A page asks for its stored annotations (to re-anchor them) and every tag (built-in and own, coloured). */
  'annotations/for-page': {
    request: { url: string };
    reply: { annotations: AnnotationRecord[]; tags: TagDefinition[] };
  };
  /** How each annotation anchored on this visit; orphans are kept and listed, never deleted. */
  'annotations/anchored': {
    request: {
      results: { id: string; method: 'exact' | 'position' | 'fuzzy' | 'orphan'; score: number | null }[];
    };
    reply: { orphans: number };
  };
  /** The reader regroups stories: an article joins another's story, or (null) leaves its story. */
  'stories/move': { request: { articleUrl: string; intoStoryOf: string | null }; reply: Outcome<object> };
  /** The reader makes a tag of their own. */
  'tags/create': { request: { label: string }; reply: Outcome<{ tag: TagRecord }> };
  /** The tag manager: a new label (the id stays), one tag into another, a colour (null: the default), removal. */
  'tags/rename': { request: { id: string; label: string }; reply: Outcome<{ tag: TagRecord }> };
  'tags/merge': { request: { from: string; into: string }; reply: Outcome<{ moved: number }> };
  'tags/set-color': { request: { id: string; color: string | null }; reply: Outcome<object> };
  'tags/delete': { request: { id: string }; reply: Outcome<{ removedFrom: number }> };
  /** The reader changes how pages are read: auto-analysis, highlight style (only the fields given). */
  'settings/update': { request: Partial<ReadingSettings>; reply: Outcome<{ reading: ReadingSettings }> };
  /**
   * The dashboard imports a file (parsed by the page for its preview, parsed and validated again here). It
   * arrives in parts (a message has a size limit); the commit then imports them whole.
   */
  'library/import-part': {
    request: { importId: string; index: number; text: string };
    reply: Outcome<{ received: number }>;
  };
  'library/import-commit': { request: { importId: string; parts: number }; reply: Outcome<ImportSummary> };
  /** The dashboard adds or replaces one of the reader's topic packs, given as JSON text. */
  'packs/save': { request: { json: string }; reply: Outcome<{ id: string }> };
  'packs/set-enabled': { request: { id: string; enabled: boolean }; reply: Outcome<object> };
  'packs/delete': { request: { id: string }; reply: Outcome<object> };
  /** The reader deletes an article, a story or everything: kept in the trash until the undo window passes. */
  'library/delete': { request: { scope: DeleteRequest }; reply: Outcome<{ trash: TrashSummary }> };
  /** The reader undoes a delete within its window. */
  'library/restore': { request: { trashId: string }; reply: Outcome<{ trash: TrashSummary }> };
  /** How long deletes can be undone, in seconds. */
  'settings/undo-window': { request: { seconds: number }; reply: { ok: true } };
}

export type Outcome<T> = ({ ok: true } & T) | { ok: false; error: string };

/** What an import did: records written, how the file's items compared with the library, items skipped. */
export interface ImportSummary {
  articles: number;
  annotations: number;
  counts: ImportCounts;
  newArticles: number;
  skipped: number;
}

export interface PopupView {
  /** Null when no article is stored at the popup's address (or it has none). */
  article: ArticleView | null;
  highlights: HighlightSettings;
  reading: ReadingSettings;
}

/**
 * The background posts on this channel after each write to what the popup shows, so the popup (which reads
 * through the background) knows to ask again. Only the extension's own pages and workers share the channel.
 */
export const VIEW_CHANGED_CHANNEL = 'claimlens-view-changed';

/** How a page is to be read on this machine, for one site. */
export interface PageSettings extends ReadingSettings {
  /** False where the reader switched ClaimLens off (this site, or everywhere): the page is left alone. */
  highlightsOn: boolean;
}

/** Who may send a message: a content script in a web page, an extension page, or either. */
export type SenderKind = 'content' | 'extension' | 'any';

export type MessageType = keyof Protocol;
export type Message<T extends MessageType = MessageType> = {
  [K in T]: { type: K } & Protocol[K]['request'];
}[T];
export type Reply<T extends MessageType> = Protocol[T]['reply'];

/** Largest import accepted: bigger files are refused before parsing. */
export const MAX_IMPORT_CHARS = 200 * 1024 * 1024;
/**
 * Characters per import part: Chrome caps a message near 64 MB of JSON, and a character may take up to six
 * there (an escaped control character), so 8 M characters always fit.
 */
export const IMPORT_PART_CHARS = 8 * 1024 * 1024;
const importId = str({ min: 1, max: 64, pattern: /^[\w-]+$/ });

/** The messages that carry an import file to the background: its parts in order, then the commit. */
export function importMessages(
  id: string,
  text: string,
): { parts: Message<'library/import-part'>[]; commit: Message<'library/import-commit'> } {
  const count = Math.max(1, Math.ceil(text.length / IMPORT_PART_CHARS));
  const parts = Array.from({ length: count }, (_, index): Message<'library/import-part'> => ({
    type: 'library/import-part',
    importId: id,
    index,
    text: text.slice(index * IMPORT_PART_CHARS, (index + 1) * IMPORT_PART_CHARS),
  }));
  return { parts, commit: { type: 'library/import-commit', importId: id, parts: count } };
}
/** Largest topic pack accepted, as JSON text. */
export const MAX_PACK_CHARS = 2 * 1024 * 1024;
/** Largest page text kept with an annotation. */
export const MAX_SNAPSHOT_CHARS = 2_000_000;
/** Largest page text read for claims (about 300,000 words), and most blocks (paragraphs, items) in it. */
export const MAX_PAGE_CHARS = 2_000_000;
export const MAX_PAGE_BLOCKS = 100_000;

/** A page's text as the content script extracted it: its blocks are the paragraphs sentences never cross. */
export interface PageText {
  text: string;
  blocks: Span[];
  lang: string;
}

const url = str({ min: 8, max: 4_000, pattern: /^https?:\/\// });
const packId = str({ min: 1, max: 64, pattern: /^[a-z0-9-]+$/ });
const tagId = str({ min: 1, max: 40, pattern: /^[a-z0-9][a-z0-9-]*$/ });
// Labels and colours are only bounded here: the tag repository tells the reader what is wrong with them.
const tagLabel = str({ max: 200 });

const rules: { [K in MessageType]: { sender: SenderKind; validate: Validator<Message<K>> } } = {
  'page/analyzed': {
    sender: 'content',
    validate: obj({ type: literal('page/analyzed'), article: nullable(validateArticleAnalysis) }),
  },
  'page/settings': {
    sender: 'any',
    validate: obj({ type: literal('page/settings'), host: str({ max: 300 }) }),
  },
  'page/detect': {
    sender: 'content',
    validate: obj({
      type: literal('page/detect'),
      text: str({ max: MAX_PAGE_CHARS }),
      blocks: arr(obj({ start: num({ integer: true, min: 0 }), end: num({ integer: true, min: 0 }) }), {
        max: MAX_PAGE_BLOCKS,
      }),
      lang: str({ max: 35 }),
      onTopic: bool,
    }),
  },
  'popup/view': {
    sender: 'extension',
    validate: obj({ type: literal('popup/view'), url: nullable(str({ max: 4_000 })) }),
  },
  'settings/highlights': {
    sender: 'extension',
    validate: obj({
      type: literal('settings/highlights'),
      host: nullable(str({ min: 1, max: 300 })),
      on: bool,
    }),
  },
  'claim/correct': {
    sender: 'any',
    validate: obj({
      type: literal('claim/correct'),
      articleUrl: url,
      claim: validateClaim,
      detected: nullable(validateStance),
      verdict: nullable(validateStance),
    }),
  },
  'annotations/create': {
    sender: 'any',
    validate: obj({
      type: literal('annotations/create'),
      articleUrl: url,
      annotation: validateAnnotationInput,
      snapshot: str({ max: MAX_SNAPSHOT_CHARS }),
    }),
  },
  'annotations/for-page': { sender: 'any', validate: obj({ type: literal('annotations/for-page'), url }) },
  'annotations/anchored': {
    sender: 'content',
    validate: obj({
      type: literal('annotations/anchored'),
      results: arr(
        obj({
          id: str({ min: 1, max: 100 }),
          method: literal('exact', 'position', 'fuzzy', 'orphan'),
          score: nullable(num({ min: 0, max: 1 })),
        }),
        { max: 10_000 },
      ),
    }),
  },
  'stories/move': {
    sender: 'extension',
    validate: obj({ type: literal('stories/move'), articleUrl: url, intoStoryOf: nullable(url) }),
  },
  'tags/create': {
    sender: 'any',
    validate: obj({ type: literal('tags/create'), label: str({ min: 1, max: 40 }) }),
  },
  'tags/rename': {
    sender: 'extension',
    validate: obj({ type: literal('tags/rename'), id: tagId, label: tagLabel }),
  },
  'tags/merge': {
    sender: 'extension',
    validate: obj({ type: literal('tags/merge'), from: tagId, into: tagId }),
  },
  'tags/set-color': {
    sender: 'extension',
    validate: obj({ type: literal('tags/set-color'), id: tagId, color: nullable(str({ max: 20 })) }),
  },
  'tags/delete': { sender: 'extension', validate: obj({ type: literal('tags/delete'), id: tagId }) },
  'settings/update': {
    sender: 'extension',
    validate: obj({
      type: literal('settings/update'),
      autoAnalyze: optional(bool),
      highlightStyle: optional(literal(...HIGHLIGHT_STYLES)),
    }),
  },
  'library/import-part': {
    sender: 'extension',
    validate: obj({
      type: literal('library/import-part'),
      importId,
      index: num({ integer: true, min: 0, max: Math.ceil(MAX_IMPORT_CHARS / IMPORT_PART_CHARS) - 1 }),
      text: str({ max: IMPORT_PART_CHARS }),
    }),
  },
  'library/import-commit': {
    sender: 'extension',
    validate: obj({
      type: literal('library/import-commit'),
      importId,
      parts: num({ integer: true, min: 1, max: Math.ceil(MAX_IMPORT_CHARS / IMPORT_PART_CHARS) }),
    }),
  },
  'packs/save': {
    sender: 'extension',
    validate: obj({ type: literal('packs/save'), json: str({ max: MAX_PACK_CHARS }) }),
  },
  'packs/set-enabled': {
    sender: 'extension',
    validate: obj({ type: literal('packs/set-enabled'), id: packId, enabled: bool }),
  },
  'packs/delete': { sender: 'extension', validate: obj({ type: literal('packs/delete'), id: packId }) },
  'library/delete': {
    sender: 'extension',
    validate: obj({ type: literal('library/delete'), scope: validateDeleteRequest }),
  },
  'library/restore': {
    sender: 'extension',
    validate: obj({ type: literal('library/restore'), trashId: str({ min: 1, max: 100 }) }),
  },
  'settings/undo-window': {
    sender: 'extension',
    validate: obj({
      type: literal('settings/undo-window'),
      seconds: num({ integer: true, ...UNDO_SECONDS_RANGE }),
    }),
  },
};

/**
 * Largest message accepted, counted as the characters of its keys and strings plus one per other value: above
 * the largest honest one (an import part of 8 M characters), and refused before any field is looked at.
 */
export const MAX_MESSAGE_CHARS = IMPORT_PART_CHARS + 1024 * 1024;

/** Whether a value's size is at most `max`; stops once over, so a huge or cyclic value costs at most `max` steps. */
function sizeAtMost(input: unknown, max: number): boolean {
  let left = max;
  const pending: unknown[] = [input];
  while (pending.length > 0) {
    const value = pending.pop();
    left -= typeof value === 'string' ? value.length : 1;
    if (Array.isArray(value)) {
      // Counted before its items are walked: a list of millions is refused at once.
      left -= value.length;
      if (left < 0) return false;
      for (const item of value as unknown[]) pending.push(item);
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      left -= keys.length;
      if (left < 0) return false;
      for (const key of keys) {
        left -= key.length;
        pending.push((value as Record<string, unknown>)[key]);
      }
    }
    if (left < 0) return false;
  }
  return true;
}

/** Validates an incoming message of any type, and says who may send it. */
export function parseMessage(input: unknown): Result<{ message: Message; sender: SenderKind }> {
  if (typeof input !== 'object' || input === null) return { ok: false, error: 'message: expected an object' };
  if (!sizeAtMost(input, MAX_MESSAGE_CHARS))
    return { ok: false, error: `message: larger than ${MAX_MESSAGE_CHARS} characters` };
  const type = (input as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(rules, type))
    return { ok: false, error: `message: unknown type ${JSON.stringify(type)?.slice(0, 60)}` };
  const rule = rules[type as MessageType];
  const parsed = rule.validate(input, 'message');
  return parsed.ok ? { ok: true, value: { message: parsed.value, sender: rule.sender } } : parsed;
}

export type Handlers = {
  [K in MessageType]: (message: Message<K>, tabId: number | undefined) => Promise<Reply<K>>;
};

/**
 * What ClaimLens's own contexts may tell a tab's content script: show, hide or toggle its highlights on that
 * page only, or open the tagging toolbar on the reader's selection (context menu, keyboard shortcut). Checked
 * there like every message (shape and sender).
 */
export type PageCommand =
  | { type: 'page/highlights'; visible: boolean | 'toggle' }
  | { type: 'page/tag-selection' }
  | { type: 'page/next-claim' }
  /** Analyse the page now (when the reader turned auto-analysis off). */
  | { type: 'page/analyze' };

export function validatePageCommand(input: unknown): Result<PageCommand> {
  const type = (input as { type?: unknown } | null)?.type;
  if (type === 'page/tag-selection') return obj({ type: literal('page/tag-selection') })(input, 'command');
  if (type === 'page/next-claim') return obj({ type: literal('page/next-claim') })(input, 'command');
  if (type === 'page/analyze') return obj({ type: literal('page/analyze') })(input, 'command');
  return obj({
    type: literal('page/highlights'),
    visible: (value, path) =>
      value === 'toggle' ? { ok: true, value: 'toggle' as const } : bool(value, path),
  })(input, 'command');
}

/** Sends through any `sendMessage` (the polyfill's, in practice) with request and reply typed together. */
export function makeSender(sendMessage: (message: unknown) => Promise<unknown>) {
  return <T extends MessageType>(message: Message<T>): Promise<Reply<T>> =>
    sendMessage(message) as Promise<Reply<T>>;
}
