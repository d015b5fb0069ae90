// @ts-check
// Lint without type information (fast enough for every `npm test`): recommended JS and
// TypeScript rules, with the few the codebase deliberately departs from turned off.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', '.cache/', 'lib/k8s/generated/', 'test/cluster/.build/', 'test/fixtures/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      // `_name` marks a value left out on purpose (rest destructuring drops fields with it).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Non-null assertions state what an earlier check established; the type check covers the rest.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // YAML's printable set and terminal colour codes are control characters by definition.
      'no-control-regex': 'off',
      // Tests match aligned output; a literal run of spaces reads as the output does.
      'no-regex-spaces': 'off',
    },
  },
);
