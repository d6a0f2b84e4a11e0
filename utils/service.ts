import { ArticleRepository, LibraryRepository } from './db/articles.ts';
import type { ClaimLensDatabase } from './db/schema.ts';
import { parseExport } from './export/import.ts';
import { parseMessage, type Handlers, type Message, type MessageType } from './messages.ts';

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
}

export function createHandlers({ db, setBadge, now }: ServiceDeps): Handlers {
  const articles = new ArticleRepository(db);
  const library = new LibraryRepository(db);
  return {
    'page/analyzed': async ({ article }, tabId) => {
      const claimCount = article ? (await articles.saveAnalysis(article, now())).claimCount : 0;
      if (tabId !== undefined) await setBadge(tabId, claimCount > 0 ? String(claimCount) : '');
      return { claimCount };
    },
    'library/import': async ({ json }) => {
      const parsed = parseExport(json);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      await library.apply(parsed.value);
      return { ok: true, articles: parsed.value.articles.length, annotations: parsed.value.claims.length };
    },
  };
}

/** Which contexts may send which messages: pages' content scripts report analyses; only extension pages import. */
const FROM_CONTENT_SCRIPT: ReadonlySet<MessageType> = new Set(['page/analyzed']);

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
  const message = parsed.value;
  // Extension pages may sit in a tab too (the dashboard): what tells them apart is their origin.
  const fromExtensionPage = sender.url?.startsWith(own.origin) === true;
  const fromContentScript =
    !fromExtensionPage && sender.tab !== undefined && /^https?:/.test(sender.url ?? '');
  if (FROM_CONTENT_SCRIPT.has(message.type) ? !fromContentScript : !fromExtensionPage)
    throw new Error(`Refused: ${message.type} may not be sent from ${sender.url ?? 'an unknown context'}`);
  return run(message, handlers, sender.tab?.id);
}

function run<T extends MessageType>(message: Message<T>, handlers: Handlers, tabId: number | undefined) {
  return (handlers[message.type] as Handlers[T])(message, tabId);
}
