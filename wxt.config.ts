import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension runs wholly on the reader's machine: it needs to read pages (content script on http/https),
// store what it found (IndexedDB needs no permission) and show a count on its icon.
// Extension pages run only their own files: no inline or remote script, no plugins, no <base>, no framing.
const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser, manifestVersion }) => ({
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
    // MV3 names the policy of extension pages; MV2 (the Firefox build) has one policy string.
    ...(manifestVersion === 3
      ? { content_security_policy: { extension_pages: EXTENSION_PAGES_CSP } }
      : { content_security_policy: EXTENSION_PAGES_CSP }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'claimlens@claimlens.invalid',
              // The CSS Custom Highlight API, which paints every claim, arrived in Firefox 140.
              strict_min_version: '140.0',
              // Firefox asks add-ons to declare what they collect: nothing leaves the machine.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['tests/e2e/.tmp/**', 'coverage/**', '.output/**'],
  },
});
