// `npm run demo:serve`: only the demo newsroom, on 127.0.0.1, for a browser that already has ClaimLens.
import { resolve } from 'node:path';
import { serveFolder } from './lib/static-server.ts';

const server = await serveFolder(
  resolve(import.meta.dirname, '../demo/newsroom'),
  Number(process.env.PORT ?? 8123),
);
console.log(`Demo newsroom: ${server.url} (Ctrl+C stops it)`);
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
