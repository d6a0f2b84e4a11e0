import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'demo/**', 'tests/e2e/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Page text is hostile: render text, never HTML.' },
        { property: 'outerHTML', message: 'Page text is hostile: render text, never HTML.' },
        { property: 'insertAdjacentHTML', message: 'Page text is hostile: render text, never HTML.' },
      ],
      'no-restricted-globals': ['error', { name: 'chrome', message: 'Use browser from wxt/browser.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The extension and its core speak through the UI and warnings only; scripts may print.
    files: ['utils/**', 'entrypoints/**', 'components/**'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },
);
