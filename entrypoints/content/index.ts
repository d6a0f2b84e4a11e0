import './highlights.css';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { makeSender, validatePageCommand } from '../../utils/messages.ts';
import { PageSession } from './session.ts';

const send = makeSender((message) => browser.runtime.sendMessage(message));

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const session = new PageSession(ctx, send);
    obeyPageCommands(ctx, session);
    void session.start();
  },
});

/** Lets the popup hide or show this page's highlights (or analyse it); only ClaimLens's own pages may ask, in the one shape. */
function obeyPageCommands(ctx: ContentScriptContext, session: PageSession): void {
  const listener = (message: unknown, sender: { id?: string }) => {
    const command = validatePageCommand(message);
    if (sender.id !== browser.runtime.id || !command.ok) return undefined;
    if (command.value.type === 'page/tag-selection') session.tagSelection();
    else if (command.value.type === 'page/next-claim') session.nextClaim();
    else if (command.value.type === 'page/analyze') session.analyzeNow();
    else session.setVisible(command.value.visible);
    return Promise.resolve({ ok: true });
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
