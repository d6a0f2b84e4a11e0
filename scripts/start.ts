// `npm start`: builds ClaimLens, serves the demo newsroom on 127.0.0.1 and opens Chromium with the extension.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CHROME_BUILD, chromiumPath, launchWithExtension } from './lib/browser.ts';
import { NEWSROOM } from './lib/newsroom.ts';
import { serveFolder, type StaticServer } from './lib/static-server.ts';

const PREFERRED_PORT = Number(process.env.PORT ?? 8123);
const FIRST_ARTICLE = 'capital-ledger/meta-compute-rental-scarcity-cracks.html';

const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let server: StaticServer;
try {
  server = await serveFolder(NEWSROOM, PREFERRED_PORT);
} catch {
  server = await serveFolder(NEWSROOM, 0); // the preferred port is taken: any free one
}
console.log(`\nDemo newsroom: ${server.url}`);

const hasDisplay =
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform !== 'linux';
if (hasDisplay) {
  const browser = await launchWithExtension({
    headless: false,
    profile: resolve(import.meta.dirname, '../.output/demo-profile'),
  });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(server.url);
  const article = await browser.context.newPage();
  await article.goto(server.url + FIRST_ARTICLE);
  console.log('Chromium is open with ClaimLens loaded. Close it (or press Ctrl+C) to stop.');
  browser.context.on('close', () => void server.close().then(() => process.exit(0)));
} else {
  console.log(`
No display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so no browser window can open.
Load the built extension by hand in a browser on a machine with a screen:
  Chrome/Chromium: open chrome://extensions, turn on "Developer mode", "Load unpacked", choose
    ${CHROME_BUILD}
  Firefox: run \`npm run build:firefox\`, open about:debugging#/runtime/this-firefox, "Load Temporary
    Add-on…", choose .output/firefox-mv2/manifest.json
Then open ${server.url} (served here until you press Ctrl+C).
Browser for tests and screenshots: ${safeChromiumPath()}`);
}

process.on('SIGINT', () => void server.close().then(() => process.exit(0)));

function safeChromiumPath(): string {
  try {
    return chromiumPath();
  } catch (error) {
    return (error as Error).message;
  }
}
