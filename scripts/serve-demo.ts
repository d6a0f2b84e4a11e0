// `npm run demo:serve`: only the demo newsroom, on 127.0.0.1, for a browser that already has ClaimLens.
import { NEWSROOM } from './lib/newsroom.ts';
import { serveFolder } from './lib/static-server.ts';

const server = await serveFolder(NEWSROOM, Number(process.env.PORT ?? 8123));
console.log(`Demo newsroom: ${server.url} (Ctrl+C stops it)`);
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
