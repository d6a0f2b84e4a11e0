// Functions that run in a page's main world, handed to the browser driver's evaluate (Playwright in Chromium,
// Puppeteer in Firefox): self-contained, they use nothing from this module's scope.

/** Whether ClaimLens's first analysis pass has ended (the contract's measure). */
export const analysisEnded = () => performance.getEntriesByName('claimlens:analyze').length > 0;

/** The text of every range in each ClaimLens highlight. */
export function highlightTexts(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  CSS.highlights.forEach((highlight, name) => {
    if (name.startsWith('claimlens-')) out[name] = [...highlight].map((range) => range.toString());
  });
  return out;
}

/**
 * Records every DOM mutation from the end of parsing on (the parser's own insertions are not the extension's);
 * installed before the page's scripts, so the observer is in place before the content script runs.
 */
export function recordMutations(): void {
  const records: string[] = [];
  (window as unknown as { __claimlensMutations: string[] }).__claimlensMutations = records;
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((list) => {
      for (const r of list) records.push(`${r.type} on ${r.target.nodeName}`);
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

export const recordedMutations = () =>
  (window as unknown as { __claimlensMutations: string[] }).__claimlensMutations;

/** Selects the first occurrence of `wanted` in the page's body, as a reader's drag would. */
export function selectFirst(wanted: string): void {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const at = node.data.indexOf(wanted);
    if (at >= 0) {
      // A reader selects what is on screen.
      node.parentElement?.scrollIntoView({ block: 'center' });
      getSelection()?.setBaseAndExtent(node, at, node, at + wanted.length);
      return;
    }
  }
  throw new Error(`"${wanted}" is not on the page`);
}

/** One step of a search for elements: a CSS selector matched among descendants, or one of the found by index. */
export type Step = { css: string } | { nth: number };

/**
 * The elements `steps` find from the document, through open shadow roots too, in document order: what
 * Playwright's CSS locators find, for the Firefox driver.
 */
export function deepQuery(steps: Step[]): Element[] {
  let found: (Document | Element)[] = [document];
  for (const step of steps) {
    if ('nth' in step) {
      const one = found[step.nth];
      found = one ? [one] : [];
      continue;
    }
    const matched = new Set<Element>();
    const visit = (root: Document | Element | ShadowRoot) => {
      if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
      for (const el of root.querySelectorAll('*')) {
        if (el.matches(step.css)) matched.add(el);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    for (const root of found) visit(root);
    found = [...matched];
  }
  return found.filter((node): node is Element => node instanceof Element);
}
