import { BUILT_IN_TAGS, TAG_ID, tagIdOf } from './annotate/tags.ts';
import { AnnotationRepository } from './db/annotations.ts';
import { ArticleRepository, LibraryRepository } from './db/articles.ts';
import { DetectionRepository } from './db/detection.ts';
import { SettingsRepository } from './db/settings.ts';
import type { ClaimLensDatabase } from './db/schema.ts';
import { normaliseUrl } from './extract/metadata.ts';
import { parseTopicPack } from './detect/pack.ts';
import { parseExport } from './export/import.ts';
import { parseMessage, type Handlers, type Message, type MessageType, type SenderKind } from './messages.ts';

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
  /** Ids of the packs that ship with the extension: the reader's own packs may not take them. */
  builtInPackIds: readonly string[];
  /** A new unique id (crypto.randomUUID in the extension; injectable for tests). */
  newId(): string;
}

export function createHandlers({ db, setBadge, now, builtInPackIds, newId }: ServiceDeps): Handlers {
  const articles = new ArticleRepository(db);
  const library = new LibraryRepository(db);
  const detection = new DetectionRepository(db);
  const annotations = new AnnotationRepository(db);
  const settings = new SettingsRepository(db);
  /** Annotations belong to the article as stored (canonical URL), or to the page's own address. */
  const articleIdOf = async (url: string) => (await articles.findByUrl(url))?.id ?? normaliseUrl(url) ?? url;
  const badge = async (tabId: number | undefined, count: number) => {
    if (tabId !== undefined) await setBadge(tabId, count > 0 ? String(count) : '');
  };
  return {
    'page/analyzed': async ({ article }, tabId) => {
      const claimCount = article ? (await articles.saveAnalysis(article, now())).claimCount : 0;
      await badge(tabId, claimCount);
      return { claimCount };
    },
    'detector/config': async ({ host }) => {
      const [packs, disabledPacks, adjustments, highlightsOn] = await Promise.all([
        detection.packs(),
        settings.disabledPacks(),
        detection.adjustments(),
        settings.highlightsOn(host),
      ]);
      return {
        highlightsOn,
        packs: packs.map((p) => p.pack),
        disabledPacks,
        cueFactors: [...adjustments.cueFactors],
        verdicts: [...adjustments.verdicts],
        taught: [...adjustments.taught],
      };
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
      tags: await annotations.tags(),
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
    'tags/create': async ({ label }) => {
      const id = tagIdOf(label);
      if (!TAG_ID.test(id)) return { ok: false, error: 'A tag needs at least one letter or digit.' };
      if (BUILT_IN_TAGS.some((t) => t.id === id))
        return { ok: false, error: `“${label}” is a built-in tag already.` };
      const tag = { id, label: label.trim(), createdAt: now().toISOString() };
      await annotations.addTag(tag);
      return { ok: true, tag };
    },
    'library/import': async ({ json }) => {
      const parsed = parseExport(json);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      await library.apply(parsed.value);
      const { articles: imported, claims, annotations: theirs } = parsed.value;
      return { ok: true, articles: imported.length, annotations: claims.length + theirs.length };
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
        return { ok: false, error: (error as Error).message };
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
    'packs/delete': async ({ id }) => {
      if (builtInPackIds.includes(id))
        return { ok: false, error: 'Built-in packs can be switched off, not deleted.' };
      await detection.deletePack(id);
      return { ok: true };
    },
  };
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
  return run(message, handlers, sender.tab?.id);
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
