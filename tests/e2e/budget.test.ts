// Chromium only (the e2e-firefox project leaves this file out): the budget is the Chrome build’s content script.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD } from '../../scripts/lib/browser.ts';

/** Issue #7's budget for what every page the reader opens loads. */
const CONTENT_SCRIPT_GZIP_BYTES = 40 * 1024;

describe('what every page loads', () => {
  it('is a content script within 40 KB gzip, with no database code and nothing Chrome refuses to load', async () => {
    const script = await readFile(resolve(CHROME_BUILD, 'content-scripts/content.js'));
    expect(gzipSync(script, { level: 9 }).length).toBeLessThanOrEqual(CONTENT_SCRIPT_GZIP_BYTES);
    const text = script.toString('utf8');
    // The background is the only reader and writer of the database: Dexie in here means a stray import.
    expect(text).not.toContain('IndexedDB API missing');
    // Chrome refuses a content script holding a noncharacter ("isn't UTF-8 encoded"): minified Dexie has one.
    expect(text).not.toMatch(/[\uFFFE\uFFFF]/);
  });
});
