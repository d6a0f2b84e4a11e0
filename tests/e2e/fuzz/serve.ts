import { createServer } from 'node:http';

export interface HtmlServer {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves pages made on request on 127.0.0.1 (any free port): `page(path)` gives the HTML of a path, or null
 * for an empty answer (the favicon), which keeps the console free of load errors.
 */
export async function serveHtml(page: (path: string) => string | null): Promise<HtmlServer> {
  const server = createServer((req, res) => {
    const html = page(new URL(req.url ?? '/', 'http://x').pathname);
    if (html === null) {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        // The browser keeps connections alive: they would hold the close until they time out.
        server.closeAllConnections();
      }),
  };
}
