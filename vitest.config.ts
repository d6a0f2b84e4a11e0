import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          // Unit tests first, the browser tests after them, never side by side on a 2-core machine.
          sequence: { groupOrder: 0 },
          // Loaded before Dexie so it finds an IndexedDB in Node.
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          env: { E2E_BROWSER: 'chromium' },
          sequence: { groupOrder: 1 },
          // One browser at a time on a 2-core machine; each test file starts its own.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e-firefox',
          // The same files again, after the Chromium ones, in Debian's firefox-esr with the Firefox build.
          include: ['tests/e2e/**/*.test.ts'],
          // The content script's bundle budget reads the Chrome build: checked once, with the Chromium files.
          exclude: ['tests/e2e/budget.test.ts'],
          env: { E2E_BROWSER: 'firefox' },
          sequence: { groupOrder: 2 },
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
