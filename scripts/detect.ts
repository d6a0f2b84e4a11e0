// `npm run detect -- FILE.html [--url URL]`: the claims ClaimLens finds in a saved page, as JSON on stdout.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzeDocument } from '../utils/analyze.ts';
import { compileDetector } from '../utils/detect/detect.ts';
import { BUILT_IN_PACKS } from '../utils/detect/packs/index.ts';
import { parseHtml } from './lib/parse-html.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' } } });
const [file] = positionals;
if (!file || positionals.length > 1) {
  console.error('Usage: npm run detect -- FILE.html [--url https://where.it/was/published]');
  process.exit(2);
}

let html: string;
try {
  html = await readFile(file, 'utf8');
} catch (error) {
  console.error(`Cannot read ${file}: ${(error as Error).message}`);
  process.exit(1);
}
// Canonical links resolve against the page's address: the original URL when given, else the file's.
const location = values.url ?? pathToFileURL(resolve(file)).href;
const analysis = analyzeDocument(parseHtml(html, location), location, compileDetector(BUILT_IN_PACKS));
const output =
  analysis.kind === 'article'
    ? {
        kind: 'article',
        meta: analysis.meta,
        claims: analysis.claims.map(({ selectors: _selectors, ...claim }) => claim),
      }
    : analysis;
console.log(JSON.stringify(output, null, 2));
