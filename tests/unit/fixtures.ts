import { describeSpan } from '../../utils/anchor/selectors.ts';
import { profileOf } from '../../utils/compare/profile.ts';
import type { Stance } from '../../utils/detect/pack.ts';
import { BUILT_IN_PACKS } from '../../utils/detect/packs/index.ts';
import type { ArticleAnalysis, ClaimPayload } from '../../utils/model.ts';
import type { ClaimLensDatabase } from '../../utils/db/schema.ts';
import { importMessages, type Handlers } from '../../utils/messages.ts';
import { createHandlers } from '../../utils/service.ts';

/** A claim as the content script would send it, at `start` in an article text made of `sentences`. */
export function claimPayload(text: string, sentence: string, stance: Stance): ClaimPayload {
  const start = text.indexOf(sentence);
  if (start < 0) throw new Error(`"${sentence}" is not in the text`);
  const span = { start, end: start + sentence.length };
  return {
    ...span,
    text: sentence,
    stance,
    confidence: 0.8,
    cues: [],
    figures: [],
    entities: [],
    hedged: false,
    speaker: null,
    selectors: describeSpan(text, span),
  };
}

export function analysisOf(
  url: string,
  claims: [string, Stance][],
  meta: Partial<ArticleAnalysis['meta']> = {},
): ArticleAnalysis {
  const text = claims.map(([sentence]) => sentence).join(' ');
  return {
    meta: {
      url,
      location: url,
      title: `Title of ${url}`,
      site: 'Example',
      byline: null,
      published: null,
      lang: 'en',
      ...meta,
    },
    textLength: text.length,
    claims: claims.map(([sentence, stance]) => claimPayload(text, sentence, stance)),
    profile: profileOf(text),
  };
}

/** Imports a file through the background's handlers as the dashboard sends it: in parts, then the commit. */
export async function importThrough(handlers: Handlers, text: string) {
  const { parts, commit } = importMessages('test-import', text);
  for (const part of parts) {
    const reply = await handlers['library/import-part'](part, undefined);
    if (!reply.ok) return reply;
  }
  return handlers['library/import-commit'](commit, undefined);
}

/** The background's handlers over `db`, with no badge, a fixed clock and fixed ids (unless `newId` is given). */
export function handlersFor(db: ClaimLensDatabase, now: Date, newId = () => 'x'): Handlers {
  return createHandlers({
    db,
    setBadge: async () => undefined,
    now: () => now,
    builtInPacks: BUILT_IN_PACKS,
    newId,
  });
}
