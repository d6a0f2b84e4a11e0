import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ClaimLensDatabase } from '../utils/db/schema.ts';
import { BUILT_IN_PACKS } from '../utils/detect/packs/index.ts';
import { createHandlers, dispatch } from '../utils/service.ts';

export default defineBackground(() => {
  // MV2 (Firefox build) has browserAction where MV3 has action.
  const action = browser.action ?? browser.browserAction;
  const handlers = createHandlers({
    db: new ClaimLensDatabase(),
    now: () => new Date(),
    builtInPackIds: BUILT_IN_PACKS.map((p) => p.id),
    newId: () => crypto.randomUUID(),
    setBadge: async (tabId, text) => {
      await action.setBadgeBackgroundColor({ tabId, color: '#0072B2' });
      await action.setBadgeText({ tabId, text });
    },
  });
  const own = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message, sender) => dispatch(message, sender, handlers, own));
});
