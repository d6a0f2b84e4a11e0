import './highlights.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { analyzeDocument } from '../../utils/analyze.ts';
import { compileDetector } from '../../utils/detect/detect.ts';
import { BUILT_IN_PACKS } from '../../utils/detect/packs/index.ts';
import { paintStances } from '../../utils/highlight/paint.ts';
import { makeSender } from '../../utils/messages.ts';

const send = makeSender((message) => browser.runtime.sendMessage(message));

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    void analyzePage();
  },
});

/** One pass: extract → detect → highlight, measured as the contract says, then reported to the background. */
async function analyzePage(): Promise<void> {
  const start = performance.now();
  const analysis = analyzeDocument(document, location.href, compileDetector(BUILT_IN_PACKS));
  if (analysis.kind === 'article') {
    const { map, claims } = analysis;
    const ranges = [];
    for (const claim of claims) {
      const points = map.rangePoints(claim);
      if (!points) continue;
      const range = new Range();
      range.setStart(points.start.node, points.start.offset);
      range.setEnd(points.end.node, points.end.offset);
      ranges.push({ stance: claim.stance, range });
    }
    paintStances(CSS.highlights, () => new Highlight(), ranges);
  }
  performance.measure('claimlens:analyze', { start, end: performance.now() });
  const article =
    analysis.kind === 'article'
      ? { meta: analysis.meta, textLength: analysis.map.text.length, claims: analysis.claims }
      : null;
  try {
    await send({ type: 'page/analyzed', article });
  } catch (error) {
    // The background may be restarting (MV3); the highlights stand, and the next visit stores the article.
    console.warn('ClaimLens: could not store this article', error);
  }
}
