import { validateArticleAnalysis, type ArticleAnalysis } from './model.ts';
import { literal, nullable, obj, str, type Result, type Validator } from './validate.ts';

/**
 * The one protocol between content script, pages and background. Each message has a validator for its
 * request; the background refuses anything that does not pass, whoever sent it.
 */
export interface Protocol {
  /** The content script finished a pass on a page: an article with its claims, or not an article (null). */
  'page/analyzed': { request: { article: ArticleAnalysis | null }; reply: { claimCount: number } };
  /** The dashboard imports a JSON export (parsed by the page, validated again by the background). */
  'library/import': { request: { json: string }; reply: ImportReply };
}

export type ImportReply = { ok: true; articles: number; annotations: number } | { ok: false; error: string };

export type MessageType = keyof Protocol;
export type Message<T extends MessageType = MessageType> = {
  [K in T]: { type: K } & Protocol[K]['request'];
}[T];
export type Reply<T extends MessageType> = Protocol[T]['reply'];

/** Largest import accepted: bigger files are refused before parsing. */
export const MAX_IMPORT_CHARS = 200 * 1024 * 1024;

const validators: { [K in MessageType]: Validator<Message<K>> } = {
  'page/analyzed': obj({ type: literal('page/analyzed'), article: nullable(validateArticleAnalysis) }),
  'library/import': obj({ type: literal('library/import'), json: str({ max: MAX_IMPORT_CHARS }) }),
};

/** Validates an incoming message of any type. */
export function parseMessage(input: unknown): Result<Message> {
  if (typeof input !== 'object' || input === null) return { ok: false, error: 'message: expected an object' };
  const type = (input as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(validators, type))
    return { ok: false, error: `message: unknown type ${JSON.stringify(type)?.slice(0, 60)}` };
  return validators[type as MessageType](input, 'message');
}

export type Handlers = {
  [K in MessageType]: (message: Message<K>, tabId: number | undefined) => Promise<Reply<K>>;
};

/** Sends through any `sendMessage` (the polyfill's, in practice) with request and reply typed together. */
export function makeSender(sendMessage: (message: unknown) => Promise<unknown>) {
  return <T extends MessageType>(message: Message<T>): Promise<Reply<T>> =>
    sendMessage(message) as Promise<Reply<T>>;
}
