import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { articleViewTables } from '../utils/db/article-view.ts';
import { ClaimLensDatabase } from '../utils/db/schema.ts';
import { TrashRepository } from '../utils/db/trash.ts';
import { onTablesChanged } from '../utils/db/watch.ts';
import { BUILT_IN_PACKS } from '../utils/detect/packs/index.ts';
import { VIEW_CHANGED_CHANNEL, type PageCommand } from '../utils/messages.ts';
import { createHandlers, dispatch } from '../utils/service.ts';

const TAG_MENU = 'claimlens-tag-selection';

export default defineBackground(() => {
  // MV2 (Firefox build) has browserAction where MV3 has action.
  const action = browser.action ?? browser.browserAction;
  const db = new ClaimLensDatabase();
  // Deletes whose undo window passed while the worker was stopped become final now.
  void new TrashRepository(db).purge(new Date()).catch(() => undefined);
  const handlers = createHandlers({
    db,
    now: () => new Date(),
    builtInPacks: BUILT_IN_PACKS,
    newId: () => crypto.randomUUID(),
    setBadge: async (tabId, text) => {
      await action.setBadgeBackgroundColor({ tabId, color: '#0072B2' });
      await action.setBadgeText({ tabId, text });
    },
  });
  const own = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message, sender) => dispatch(message, sender, handlers, own));
  // The popup reads through the handlers and has no database to watch: it hears of changes here.
  const viewChanged = new BroadcastChannel(VIEW_CHANGED_CHANNEL);
  onTablesChanged([...articleViewTables(db), db.settings], () => viewChanged.postMessage(null));

  // The page's content script does the work; these only pass the reader's wish to the tab it is about.
  const tell = (tabId: number | undefined, command: PageCommand) => {
    if (tabId !== undefined) void browser.tabs.sendMessage(tabId, command).catch(() => undefined);
  };
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: TAG_MENU,
      title: 'Tag selection with ClaimLens',
      contexts: ['selection'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === TAG_MENU) tell(tab?.id, { type: 'page/tag-selection' });
  });
  browser.commands.onCommand.addListener(async (command) => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (command === 'tag-selection') tell(tab?.id, { type: 'page/tag-selection' });
    if (command === 'toggle-highlights') tell(tab?.id, { type: 'page/highlights', visible: 'toggle' });
    if (command === 'next-claim') tell(tab?.id, { type: 'page/next-claim' });
  });
});
