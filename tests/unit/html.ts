export { parseHtml } from '../../scripts/lib/parse-html.ts';

/** A plausible article page: furniture around a body made of the given paragraphs. */
export function articlePage(paragraphs: string[], extra = ''): string {
  return `<!doctype html><html lang="en"><head><title>Story</title>
    <link rel="canonical" href="/story.html"><meta property="og:site_name" content="Example News"></head><body>
    <nav class="site-nav"><a href="/">Home</a><a href="/markets">Markets: is the GPU glut here?</a></nav>
    <div class="cookie-banner">We use cookies to measure traffic. Accept all cookies to continue reading.</div>
    <article class="story"><h1>Chip stocks slide as Meta weighs renting out spare AI capacity</h1>
    <div class="byline">By A. Reporter</div>
    <div class="story-body">${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</div>
    <div class="share-tools"><button>Share on X</button><button>Copy link</button></div></article>
    <section class="comments"><p>Reader: this is a bubble, far too many GPUs sitting idle everywhere, mark my words.</p></section>
    ${extra}<footer><p>© Example News. All rights reserved, including the right to complain about overcapacity.</p></footer>
    </body></html>`;
}
