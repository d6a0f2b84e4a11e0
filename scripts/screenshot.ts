// `npm run screenshot`: the README's picture of a highlighted article, taken in headless Chromium.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { launchWithExtension } from './lib/browser.ts';
import { NEWSROOM } from './lib/newsroom.ts';
import { serveFolder } from './lib/static-server.ts';

const ARTICLE = process.argv[2] ?? 'capital-ledger/meta-compute-rental-scarcity-cracks.html';
const OUT = resolve(import.meta.dirname, '../docs/screenshot.png');

const server = await serveFolder(NEWSROOM);
const browser = await launchWithExtension();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(server.url + ARTICLE);
  await page.waitForFunction(() => performance.getEntriesByName('claimlens:analyze').length > 0);
  // Start the picture at the article's first overcapacity claim, and rest the pointer on it to show its card.
  const point = await page.evaluate(() => {
    const first = [...(CSS.highlights.get('claimlens-overcapacity') ?? [])][0] as Range | undefined;
    first?.startContainer.parentElement?.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -120);
    const rect = first?.getClientRects()[0];
    return rect ? { x: rect.left + 30, y: rect.top + rect.height / 2 } : null;
  });
  if (point) {
    await page.mouse.move(point.x, point.y);
    await page.getByTestId('claim-card').waitFor({ timeout: 5_000 });
  }
  await mkdir(resolve(OUT, '..'), { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`Saved ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
