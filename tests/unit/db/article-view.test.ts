import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { VIEW_CHANGED_CHANNEL, type Handlers } from '../../../utils/messages.ts';
import { analysisOf, handlersFor } from '../fixtures.ts';

const NOW = new Date('2026-07-15T12:00:00Z');
const WIRE = 'https://wire.example/meta-gpus';
const COPY = 'https://copy.example/meta-gpus';
const OTHER = 'https://other.example/leases';

let db: ClaimLensDatabase;
let handlers: Handlers;
const view = (url: string | null) => handlers['popup/view']({ type: 'popup/view', url }, undefined);
const analysed = (url: string, claims: Parameters<typeof analysisOf>[1]) =>
  handlers['page/analyzed']({ type: 'page/analyzed', article: analysisOf(url, claims) }, undefined);

beforeEach(() => {
  db = new ClaimLensDatabase(`test-${Math.random()}`);
  handlers = handlersFor(db, NOW);
});
afterEach(async () => {
  await db.delete();
});

describe('the popup’s view, read by the background', () => {
  it('gives the stored article, its claims in order, the other sources and their aligned claims', async () => {
    const story: Parameters<typeof analysisOf>[1] = [
      ['Meta has more GPUs than it can use, renting 30% of them out.', 'overcapacity'],
      ['Analysts say demand for inference keeps outgrowing every plan.', 'demand'],
    ];
    await analysed(WIRE, story);
    await analysed(COPY, story);
    await analysed(OTHER, [['Microsoft walked away from data-centre leases in Ohio.', 'overcapacity']]);

    const { article, highlights, reading } = await view(`${WIRE}#comments`);
    expect(highlights).toEqual({ everywhere: true, offSites: [] });
    expect(reading.autoAnalyze).toBe(true);
    expect(article?.article.id).toBe(WIRE);
    expect(article?.claims.map((c) => c.text)).toEqual(story.map(([text]) => text));
    expect(article?.others.map((o) => o.id)).toEqual([COPY]);
    expect(article?.comparison.aligned.map((a) => a.matches.map((m) => m.claim.articleId))).toEqual([
      [COPY],
      [COPY],
    ]);
    expect(article?.annotations).toEqual([]);
    expect(article?.keptAt).toBeNull();
  });

  it('has no article for a page it never stored, a browser page or no page, but still the switches', async () => {
    await handlers['settings/highlights']({ type: 'settings/highlights', host: null, on: false }, undefined);
    for (const url of [WIRE, 'chrome://extensions/', 'not a url', null])
      expect(await view(url)).toMatchObject({ article: null, highlights: { everywhere: false } });
  });
});

describe('the background telling the popup to ask again', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    // WXT's fake browser has no context menus or commands: the background registers them, this test does not use them.
    fakeBrowser.contextMenus.create = vi.fn();
    fakeBrowser.contextMenus.onClicked.addListener = vi.fn();
    fakeBrowser.commands.onCommand.addListener = vi.fn();
    await new ClaimLensDatabase().delete();
    background.main();
  });

  it('posts on the popup’s channel once a write it shows is stored', async () => {
    const changes = new BroadcastChannel(VIEW_CHANGED_CHANNEL);
    const heard = vi.fn();
    changes.onmessage = heard;
    try {
      // The worker's start (the trash's purge) has its own writes: heard before the one this test makes.
      await new Promise((resolve) => setTimeout(resolve, 50));
      heard.mockClear();
      // A content script's sender, as the background checks it (the fake's Tab type asks for much more).
      const sender: object = { id: fakeBrowser.runtime.id, url: WIRE, tab: { id: 3 } };
      const article = analysisOf(WIRE, [['A glut of GPUs.', 'overcapacity']]);
      await fakeBrowser.runtime.onMessage.trigger(
        { type: 'page/analyzed', article },
        sender,
        () => undefined,
      );
      await vi.waitFor(() => expect(heard).toHaveBeenCalled());
    } finally {
      changes.close();
    }
  });
});
