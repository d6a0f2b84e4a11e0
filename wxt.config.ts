import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension runs wholly on the reader's machine: it needs to read pages (content script on http/https),
// store what it found (IndexedDB needs no permission) and show a count on its icon.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'ClaimLens',
    description:
      'Highlights and compares claims about AI-compute overcapacity and demand in the news you read. Offline.',
    permissions: ['activeTab', 'contextMenus'],
    commands: {
      'tag-selection': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Tag the selected text with ClaimLens',
      },
      'next-claim': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Open the next claim on the page (keyboard reading)',
      },
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Show or hide ClaimLens highlights on this page',
      },
    },
    action: { default_title: 'ClaimLens' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'claimlens@claimlens.invalid', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['tests/e2e/.tmp/**', 'coverage/**', '.output/**'],
  },
});
