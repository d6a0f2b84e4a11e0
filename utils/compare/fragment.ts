/** Words at each end of a long quote that a text fragment link needs to find it. */
const FRAGMENT_EDGE_WORDS = 5;

/**
 * A link that opens `url` scrolled to `quote` and highlights it (a URL text fragment, `#:~:text=`): the
 * browser finds the text itself, nothing needs to run in the page.
 */
export function textFragmentLink(url: string, quote: string): string {
  const words = quote.replace(/\s+/g, ' ').trim().split(' ');
  const encode = (text: string) => encodeURIComponent(text).replace(/-/g, '%2D').replace(/,/g, '%2C');
  const directive =
    words.length <= FRAGMENT_EDGE_WORDS * 2
      ? encode(words.join(' '))
      : `${encode(words.slice(0, FRAGMENT_EDGE_WORDS).join(' '))},${encode(words.slice(-FRAGMENT_EDGE_WORDS).join(' '))}`;
  return `${url.split('#')[0]}#:~:text=${directive}`;
}
