// ESLint (flat config): rules that catch bugs, not style (Prettier owns layout, see .prettierrc.json).
// `npm run lint` runs it; `npm test` runs it before the jest suites.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', '**/.tmp/', '.tmp/', 'coverage/', 'docs/', '**/*.d.ts', '**/.swc/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // An unused name is often a bug (a result never used, a parameter misspelt); `_name` says "unused on purpose".
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `any` is a deliberate escape hatch here (SDK shapes, test doubles), not a bug by itself; tsc's strict mode
      // is what keeps types honest.
      '@typescript-eslint/no-explicit-any': 'off',
      // An empty catch with a comment saying why ("a file removed meanwhile") is intended.
      'no-empty': ['error', { allowEmptyCatch: true }],
      // `let x; ... x = once` read by a closure made before the assignment (a server's policy known once it listens).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // A package carrying its ambient types (`/// <reference path>`) is how Taro's global declarations travel.
      '@typescript-eslint/triple-slash-reference': ['error', { path: 'always', types: 'prefer-import', lib: 'always' }],
    },
  },
  {
    // Type-aware, so only where a forgotten promise loses work: server code (a write or an order move that may fail
    // unseen) and the tests that drive it (an un-awaited assertion passes vacuously). These files are all in the root
    // tsconfig, one TypeScript program. The apps' fire-and-forget UI calls (navigation, toasts) are left out.
    files: ['packages/*/src/**/*.{ts,tsx}', 'cloudfunctions/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['packages/app-kit/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Code that runs in a cloud function logs through function-kit's `log` (one JSON line with the request's context,
    // which the dashboard and CloudBase's log search filter on), never the bare console.
    files: ['cloudfunctions/**/*.ts', 'packages/modules/src/**/*.ts', 'packages/function-kit/src/**/*.ts', 'packages/integrations/src/**/*.ts'],
    ignores: ['cloudfunctions/test/**', 'packages/modules/src/runtime/log.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['**/*.{js,cjs}'],
    // CommonJS config files (jest, babel, Taro): require and module.exports are how they are written.
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The three front ends: hooks must be called unconditionally, in the same order on every render.
    files: ['miniprogram/src/**/*.{ts,tsx}', 'merchant-miniprogram/src/**/*.{ts,tsx}', 'admin-web/src/**/*.{ts,tsx}', 'packages/app-kit/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/test/**', '**/*.test.{ts,tsx}', 'e2e/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
