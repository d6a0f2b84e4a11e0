import { Window } from 'happy-dom';

/**
 * A parsed document in Node for the pure pipeline (CLI, evaluation, unit tests). Page scripts never run and
 * nothing is fetched: the HTML may be hostile.
 */
export function parseHtml(html: string, url = 'https://news.example/story.html'): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
    },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}
