import { AnnotationRepository } from './db/annotations.ts';
import { readArticleView } from './db/article-view.ts';
import { ArticleRepository } from './db/articles.ts';
import { DetectionRepository } from './db/detection.ts';
import { SettingsRepository } from './db/settings.ts';
import { TagRepository } from './db/tags.ts';
import { TrashRepository, type DeleteScope } from './db/trash.ts';
import type { ClaimLensDatabase } from './db/schema.ts';
import { normaliseUrl } from './extract/metadata.ts';
import { findClaims } from './analyze.ts';
import { DetectorCache } from './db/detectors.ts';
import { parseTopicPack, type TopicPack } from './detect/pack.ts';
import { parseImport } from './export/import.ts';
import { ImportRepository, type ImportPlan } from './db/import.ts';
import { isStorageFull, STORAGE_FULL, writeFailure } from './db/errors.ts';
import {
  parseMessage,
  type Handlers,
  type Message,
  type MessageType,
  type ImportSummary,
  type Outcome,
  type SenderKind,
} from './messages.ts';

const INTERRUPTED = 'The import was interrupted part-way; nothing was imported. Choose the file again.';

/** What the background knows about who sent a message (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export interface ServiceDeps {
  db: ClaimLensDatabase;
  /** Shows the number of claims on a tab's toolbar icon; an empty string clears it. */
  setBadge(tabId: number, text: string): Promise<void>;
  now(): Date;
  /** The packs that ship with the extension: the reader's own packs may not take their ids. */
  builtInPacks: readonly TopicPack[];
  /** A new unique id (crypto.randomUUID in the extension; injectable for tests). */
  newId(): string;
}

export function createHandlers({ db, setBadge, now, builtInPacks, newId }: ServiceDeps): Handlers {
  const builtInPackIds = builtInPacks.map((pack) => pack.id);
  const detectors = new DetectorCache(db, builtInPacks);
  const articles = new ArticleRepository(db);
  const detection = new DetectionRepository(db);
  const annotations = new AnnotationRepository(db);
  const settings = new SettingsRepository(db);
  const tags = new TagRepository(db);
  const trash = new TrashRepository(db);
  const importer = new ImportRepository(db);
  /**
   * Parts of an import file on its way in. Held in memory only between the first part and the commit, moments
   * apart: if the worker stops in between, the commit finds nothing and says so, and nothing was written.
   */
  const staged = new Map<string, string[]>();
  /** Parses and validates a whole file, then applies it in one transaction (or refuses it, writing nothing). */
  const importText = async (text: string): Promise<Outcome<ImportSummary>> => {
    const parsed = parseImport(text, now());
    if (!parsed.ok) return { ok: false, error: parsed.error };
    let plan: ImportPlan;
    try {
      plan = await importer.apply(parsed.value);
    } catch (error) {
      // The transaction aborted as a whole: nothing of the file is stored.
      return { ok: false, error: writeFailure(error) };
    }
    const { counts, newArticles, writes } = plan;
    return {
      ok: true,
      articles: writes.articles.length,
      annotations: writes.claims.length + writes.annotations.length,
      counts,
      newArticles,
      skipped: parsed.value.skipped.length,
    };
  };
  /** Annotations belong to the article as stored (canonical URL), or to the page's own address. */
  const articleIdOf = async (url: string) => (await articles.findByUrl(url))?.id ?? normaliseUrl(url) ?? url;
  const badge = async (tabId: number | undefined, count: number) => {
    if (tabId !== undefined) await setBadge(tabId, count > 0 ? String(count) : '');
  };
  return {
    'page/analyzed': async ({ article }, tabId) => {
      let claimCount = 0;
      try {
        if (article) claimCount = (await articles.saveAnalysis(article, now())).claimCount;
      } catch (error) {
        // The page keeps its highlights; the toolbar icon shows that this article was not stored.
        if (tabId !== undefined) await setBadge(tabId, '!');
        throw error;
      }
      await badge(tabId, claimCount);
      return { claimCount };
    },
    'page/settings': async ({ host }) => {
      const [highlightsOn, reading] = await Promise.all([settings.highlightsOn(host), settings.reading()]);
      return { highlightsOn, ...reading };
    },
    'page/detect': async ({ text, blocks, lang, onTopic }) => {
      if (blocks.some((block) => block.start > block.end || block.end > text.length))
        throw new Error('page/detect: a block lies outside the text');
      return { claims: findClaims(text, blocks, lang, await detectors.current(), onTopic) };
    },
    'popup/view': async ({ url }) => {
      const [article, highlights, reading] = await Promise.all([
        url === null ? null : readArticleView(db, url),
        settings.highlights(),
        settings.reading(),
      ]);
      return { article, highlights, reading };
    },
    'claim/correct': async ({ articleUrl, claim, detected, verdict }, tabId) => {
      await detection.correct({ articleUrl, claim, detected, verdict }, now());
      const claimCount = (await articles.findByUrl(articleUrl))?.claimCount ?? 0;
      await badge(tabId, claimCount);
      return { claimCount };
    },
    'annotations/create': async ({ articleUrl, annotation, snapshot }) => {
      const articleId = await articleIdOf(articleUrl);
      const record = await annotations.create(
        articleId,
        articleUrl,
        annotation,
        snapshot,
        now(),
        () => `a-${newId()}`,
      );
      return { annotation: record };
    },
    'annotations/for-page': async ({ url }) => ({
      annotations: await annotations.forArticle(await articleIdOf(url)),
      tags: await tags.all(),
    }),
    'annotations/anchored': async ({ results }) => ({
      orphans: await annotations.recordAnchoring(results, now()),
    }),
    'stories/move': async ({ articleUrl, intoStoryOf }) => {
      const article = await articles.findByUrl(articleUrl);
      const target = intoStoryOf === null ? null : await articles.findByUrl(intoStoryOf);
      if (!article || (intoStoryOf !== null && !target))
        return { ok: false, error: 'That article is not in your library.' };
      await articles.moveToStory(article.id, target?.id ?? null);
      return { ok: true };
    },
    'tags/create': ({ label }) => outcome(async () => ({ tag: await tags.create(label, now()) })),
    'tags/rename': ({ id, label }) => outcome(async () => ({ tag: await tags.rename(id, label) })),
    'tags/merge': ({ from, into }) => outcome(async () => ({ moved: await tags.merge(from, into, now()) })),
    'tags/set-color': ({ id, color }) => outcome(async () => (await tags.setColor(id, color), {})),
    'tags/delete': ({ id }) => outcome(async () => ({ removedFrom: await tags.delete(id, now()) })),
    'settings/update': ({ autoAnalyze, highlightStyle }) =>
      outcome(async () => ({ reading: await settings.updateReading({ autoAnalyze, highlightStyle }) })),
    'library/import-part': async ({ importId, index, text }) => {
      // One import at a time: the first part of a new one drops whatever an abandoned one left.
      if (index === 0) staged.clear();
      const parts = index === 0 ? [] : staged.get(importId);
      if (!parts || parts.length !== index) {
        staged.delete(importId);
        return { ok: false, error: INTERRUPTED };
      }
      parts.push(text);
      staged.set(importId, parts);
      return { ok: true, received: parts.length };
    },
    'library/import-commit': async ({ importId, parts }) => {
      const received = staged.get(importId);
      staged.delete(importId);
      if (received?.length !== parts) return { ok: false, error: INTERRUPTED };
      return importText(received.join(''));
    },
    'packs/save': async ({ json }) => {
      let data: unknown;
      try {
        data = JSON.parse(json);
      } catch (error) {
        return { ok: false, error: `Not JSON: ${(error as Error).message}` };
      }
      const pack = parseTopicPack(data);
      if (!pack.ok) return { ok: false, error: `Not a valid topic pack: ${pack.error}` };
      try {
        return { ok: true, id: (await detection.savePack(pack.value, builtInPackIds, now())).id };
      } catch (error) {
        return { ok: false, error: writeFailure(error) };
      }
    },
    'packs/set-enabled': async ({ id, enabled }) => {
      await settings.setPackEnabled(id, enabled);
      return { ok: true };
    },
    'settings/highlights': async ({ host, on }) => {
      if (host === null) await settings.setEverywhere(on);
      else await settings.setSite(host, on);
      return { ok: true };
    },
    'library/delete': async ({ scope }) => {
      let target: DeleteScope;
      if (scope.kind === 'article') {
        const article = await articles.findByUrl(scope.articleUrl);
        if (!article) return { ok: false, error: 'That article is not in your library.' };
        target = { kind: 'article', articleId: article.id };
      } else target = scope.kind === 'story' ? scope : { kind: 'everything' };
      try {
        return { ok: true, trash: await trash.delete(target, now(), `t-${newId()}`) };
      } catch (error) {
        return { ok: false, error: writeFailure(error) };
      }
    },
    'library/restore': async ({ trashId }) => {
      try {
        return { ok: true, trash: await trash.restore(trashId, now()) };
      } catch (error) {
        return { ok: false, error: writeFailure(error) };
      }
    },
    'settings/undo-window': async ({ seconds }) => {
      await trash.setUndoWindowSeconds(seconds);
      return { ok: true };
    },
    'packs/delete': async ({ id }) => {
      if (builtInPackIds.includes(id))
        return { ok: false, error: 'Built-in packs can be switched off, not deleted.' };
      await detection.deletePack(id);
      return { ok: true };
    },
  };
}

/** Runs a change the reader asked for; a refusal (or a failure) comes back as what to tell them. */
async function outcome<T extends object>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    return { ok: false, error: writeFailure(error) };
  }
}

/**
 * Checks a message's sender and shape, then runs its handler. Anything from outside ClaimLens, from the
 * wrong kind of context, or of the wrong shape is refused with an error, never acted on.
 */
export async function dispatch(
  raw: unknown,
  sender: SenderInfo,
  handlers: Handlers,
  own: { id: string; origin: string },
): Promise<unknown> {
  if (sender.id !== own.id) throw new Error('Refused: message from another extension or a page');
  const parsed = parseMessage(raw);
  if (!parsed.ok) throw new Error(`Refused: ${parsed.error}`);
  const { message, sender: allowed } = parsed.value;
  if (!allowedFrom(allowed, sender, own.origin))
    throw new Error(`Refused: ${message.type} may not be sent from ${sender.url ?? 'an unknown context'}`);
  // A handler that fails for lack of room says so in words the sender can show (its transaction wrote nothing).
  return run(message, handlers, sender.tab?.id).catch((error: unknown) => {
    throw isStorageFull(error) ? new Error(STORAGE_FULL) : error;
  });
}

function allowedFrom(kind: SenderKind, sender: SenderInfo, origin: string): boolean {
  // Extension pages may sit in a tab too (the dashboard): what tells them apart is their origin.
  const fromExtensionPage = sender.url?.startsWith(origin) === true;
  const fromContentScript =
    !fromExtensionPage && sender.tab !== undefined && /^https?:/.test(sender.url ?? '');
  if (kind === 'content') return fromContentScript;
  if (kind === 'extension') return fromExtensionPage;
  return fromContentScript || fromExtensionPage;
}

function run<T extends MessageType>(message: Message<T>, handlers: Handlers, tabId: number | undefined) {
  return (handlers[message.type] as Handlers[T])(message, tabId);
}
