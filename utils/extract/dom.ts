// Node type numbers, so this module needs no DOM globals and runs in Node on any Document implementation.
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export const isElement = (node: Node): node is Element => node.nodeType === ELEMENT_NODE;
export const isText = (node: Node): node is Text => node.nodeType === TEXT_NODE;

/** Elements that start a new block of text: sentences never run across them. */
// prettier-ignore
export const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Never text a reader reads as part of an article. */
// prettier-ignore
const NEVER_TEXT = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'CANVAS', 'VIDEO', 'AUDIO', 'IFRAME', 'OBJECT',
  'EMBED', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'LABEL', 'FORM', 'NAV', 'ASIDE', 'FOOTER', 'FIGCAPTION',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIALOG', 'HEADER',
]);

/**
 * Class and id words of page furniture: sharing, comments, rails, banners, ads, bylines, captions. Matched
 * against whole words of the class list so "contentment" never matches "content" and "read" never "ad".
 */
export const FURNITURE =
  /(?:^|[\s_-])(?:share|sharing|social|comments?|comment-list|discussion|replies|related|recommended|more-stories|newsletter|signup|subscribe|promo|ads?|advert|advertisement|sponsor(?:ed)?|cookie|consent|gdpr|banner|byline|author|meta|caption|credit|breadcrumbs?|tags|sidebar|rail|widget|popup|modal|toolbar|masthead|footer|nav|menu|skip|print|disclaimer|paywall|standfirst|dek|kicker|strapline|subhead|subtitle|sub-title|summary|hero)(?:$|[\s_-])/i;

// prettier-ignore
const UNRENDERED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'SELECT',
  'TEXTAREA', 'INPUT',
]);

/**
 * Whether an element's text is not part of what a reader sees as the page (scripts, form fields, hidden
 * subtrees, ClaimLens's own UI): the text annotations are anchored in leaves these out, and nothing else.
 */
export function isUnrendered(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  return (
    UNRENDERED.has(tag) ||
    tag.startsWith('CLAIMLENS-') ||
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden') === 'true'
  );
}

/** Whether an element and everything inside it is left out of the article's text. */
export function isExcluded(el: Element): boolean {
  if (NEVER_TEXT.has(el.tagName.toUpperCase())) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  if (role === 'navigation' || role === 'complementary' || role === 'contentinfo' || role === 'banner')
    return true;
  if (role === 'dialog' || role === 'alertdialog' || role === 'button') return true;
  const style = el.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return FURNITURE.test(classAndId(el));
}

export function classAndId(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.id}`.trim();
}
