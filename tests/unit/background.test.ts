import { describeClaims, type FoundClaim } from '../../utils/analyze.ts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background.ts';
import { ArticleRepository } from '../../utils/db/articles.ts';
import { ClaimLensDatabase } from '../../utils/db/schema.ts';
import { importMessages, MAX_PAGE_CHARS } from '../../utils/messages.ts';
import { analysisOf } from './fixtures.ts';

const TAB = { id: 7 };
const PAGE = 'https://news.example/story';

function fromContentScript() {
  return { id: fakeBrowser.runtime.id, url: PAGE, tab: TAB };
}
function fromDashboard() {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/dashboard.html') };
}
async function send(message: unknown, sender: object): Promise<unknown> {
  const [reply] = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
  return reply;
}

beforeEach(async () => {
  fakeBrowser.reset();
  // WXT's fake browser has no context menus or commands: the background registers them, these tests do not use them.
  fakeBrowser.contextMenus.create = vi.fn();
  fakeBrowser.contextMenus.onClicked.addListener = vi.fn();
  fakeBrowser.commands.onCommand.addListener = vi.fn();
  await new ClaimLensDatabase().delete();
  background.main();
});

describe('background', () => {
  it('stores an analysed article and shows its claim count on the tab badge', async () => {
    const article = analysisOf(PAGE, [
      ['A glut of GPUs.', 'overcapacity'],
      ['Compute is scarce.', 'demand'],
    ]);
    await expect(send({ type: 'page/analyzed', article }, fromContentScript())).resolves.toEqual({
      claimCount: 2,
    });
    expect(await fakeBrowser.action.getBadgeText({ tabId: TAB.id })).toBe('2');
    expect(await new ArticleRepository(new ClaimLensDatabase()).findByUrl(PAGE)).toMatchObject({
      claimCount: 2,
    });
  });

  it('reads a page’s claims with the detector it keeps, and stores nothing until the page reports', async () => {
    const text =
      'Nvidia sells GPUs to every AI cloud.\n\nAnalysts now warn of a glut of GPUs at the AI clouds.';
    const blocks = [
      { start: 0, end: 36 },
      { start: 38, end: text.length },
    ];
    const reply = (await send(
      { type: 'page/detect', text, blocks, lang: 'en', onTopic: false },
      fromContentScript(),
    )) as { claims: FoundClaim[] };
    // The page has the text: the reply names where each claim stands, not its words or selectors.
    expect(reply.claims).toMatchObject([{ stance: 'overcapacity', start: 38, end: text.length }]);
    expect(reply.claims[0]).not.toHaveProperty('text');
    expect(reply.claims[0]).not.toHaveProperty('selectors');
    expect(describeClaims(text, reply.claims)).toMatchObject([
      { text: text.slice(38), selectors: [{ exact: text.slice(38) }, { start: 38, end: text.length }] },
    ]);
    expect(await new ClaimLensDatabase().articles.count()).toBe(0);
  });

  it('clears the badge on a page that is not an article', async () => {
    await fakeBrowser.action.setBadgeText({ tabId: TAB.id, text: '5' });
    await send({ type: 'page/analyzed', article: null }, fromContentScript());
    expect(await fakeBrowser.action.getBadgeText({ tabId: TAB.id })).toBe('');
  });

  it.each([
    [
      'another extension',
      { type: 'page/analyzed', article: null },
      { id: 'evil', url: PAGE, tab: TAB },
      'another extension',
    ],
    ['an unknown type', { type: 'db/drop' }, fromContentScript(), 'unknown type'],
    [
      'a malformed article',
      { type: 'page/analyzed', article: { meta: 1 } },
      fromContentScript(),
      'message.article',
    ],
    [
      'an extra field',
      { type: 'page/analyzed', article: null, sql: 'x' },
      fromContentScript(),
      'unexpected field',
    ],
    [
      'an import from a web page',
      { type: 'library/import-part', importId: 'x', index: 0, text: '{}' },
      fromContentScript(),
      'may not be sent',
    ],
    [
      'an analysis from an extension page',
      { type: 'page/analyzed', article: null },
      fromDashboard(),
      'may not be sent',
    ],
    [
      'a detection request from an extension page',
      { type: 'page/detect', text: 'x', blocks: [], lang: 'en', onTopic: false },
      fromDashboard(),
      'may not be sent',
    ],
    [
      'a text block outside the text',
      { type: 'page/detect', text: 'short', blocks: [{ start: 0, end: 50 }], lang: 'en', onTopic: false },
      fromContentScript(),
      'outside the text',
    ],
    [
      'a page text over the size limit',
      { type: 'page/detect', text: 'x'.repeat(MAX_PAGE_CHARS + 1), blocks: [], lang: 'en', onTopic: false },
      fromContentScript(),
      'message.text',
    ],
  ])('refuses %s, and writes nothing', async (_name, message, sender, reason) => {
    await expect(send(message, sender)).rejects.toThrow(reason);
    expect(await new ClaimLensDatabase().articles.count()).toBe(0);
  });

  it('imports from the dashboard, and refuses a bad file with a reason and no change', async () => {
    const { parts, commit } = importMessages('x', 'nope');
    for (const part of parts) await send(part, fromDashboard());
    await expect(send(commit, fromDashboard())).resolves.toMatchObject({
      ok: false,
      error: expect.stringContaining('Not a JSON file'),
    });
    expect(await new ClaimLensDatabase().articles.count()).toBe(0);
  });
});
