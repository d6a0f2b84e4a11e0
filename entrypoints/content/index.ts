import './highlights.css';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { analyzeDocument } from '../../utils/analyze.ts';
import { profileOf } from '../../utils/compare/profile.ts';
import { detectorFromConfig } from '../../utils/detect/config.ts';
import { BUILT_IN_PACKS } from '../../utils/detect/packs/index.ts';
import { makeSender, validatePageCommand, type DetectorConfig } from '../../utils/messages.ts';
import { PageAnnotations } from './annotations.ts';
import { watchClaims } from './hover.ts';
import { PageClaims } from './page-claims.ts';
import { watchSelection } from './selection.tsx';

const send = makeSender((message) => browser.runtime.sendMessage(message));

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    void analyzePage(ctx);
  },
});

/** One pass: extract → detect → highlight, measured as the contract says, then reported to the background. */
async function analyzePage(ctx: ContentScriptContext): Promise<void> {
  const config = await loadConfig();
  const start = performance.now();
  if (config && !config.highlightsOn) {
    // The reader switched ClaimLens off here: the short check that decided so is the whole pass.
    performance.measure('claimlens:analyze', { start, end: performance.now() });
    await report(null);
    return;
  }
  const detector = detectorFromConfig(BUILT_IN_PACKS, config);
  const analysis = analyzeDocument(document, location.href, detector);
  const page = analysis.kind === 'article' ? new PageClaims(analysis.map) : null;
  if (analysis.kind === 'article') page?.paint(analysis.claims);
  performance.measure('claimlens:analyze', { start, end: performance.now() });
  if (analysis.kind !== 'article' || !page) {
    await report(null);
    return;
  }
  const { meta, map, claims } = analysis;
  // Listeners first (they change nothing in the page), so the reader can act as soon as highlights show.
  const annotations = new PageAnnotations(meta.url, send);
  obeyPageCommands(ctx, [page, annotations]);
  watchSelection(ctx, annotations, (label) => send({ type: 'tags/create', label }));
  watchClaims(ctx, page, async (painted, verdict) => {
    await send({
      type: 'claim/correct',
      articleUrl: meta.url,
      claim: painted.claim,
      detected: painted.claim.stance,
      verdict,
    });
    page.update(painted, verdict);
  });
  await report({ meta, textLength: map.text.length, claims, profile: profileOf(map.text) });
  await annotations
    .restore()
    .catch((error: unknown) => console.warn('ClaimLens: annotations not restored', error));
}

/** Lets the popup hide or show this page's highlights; only ClaimLens's own pages may ask, in the one shape. */
function obeyPageCommands(
  ctx: ContentScriptContext,
  painters: { setVisible(visible: boolean): void }[],
): void {
  const listener = (message: unknown, sender: { id?: string }) => {
    const command = validatePageCommand(message);
    if (sender.id !== browser.runtime.id || !command.ok) return undefined;
    for (const painter of painters) painter.setVisible(command.value.visible);
    return Promise.resolve({ ok: true });
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

/** The reader's packs and what detection learned; the built-in packs alone if the background cannot answer. */
async function loadConfig(): Promise<DetectorConfig | null> {
  try {
    return await send({ type: 'detector/config', host: location.host });
  } catch (error) {
    console.warn('ClaimLens: detection settings unavailable, using the built-in packs', error);
    return null;
  }
}

async function report(article: Parameters<typeof send<'page/analyzed'>>[0]['article']): Promise<void> {
  try {
    await send({ type: 'page/analyzed', article });
  } catch (error) {
    // The background may be restarting (MV3); the highlights stand, and the next visit stores the article.
    console.warn('ClaimLens: could not store this article', error);
  }
}
