import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Import directions: each folder may only reach the folders listed for it.
const noRendererOrE2e = [
  { group: ['**/renderer/**', '**/e2e/**'], message: 'Nothing imports the renderer or the e2e suite.' },
];
const noElectron = { name: 'electron', message: 'Only electron/main.ts, preload.ts and ipc.ts may import electron.' };
const coreImports = [
  ...noRendererOrE2e,
  { group: ['electron', 'electron/*'], message: 'electron/core never imports electron: it runs in plain Node.' },
  { group: ['**/sim/**'], message: 'The core does not know the simulators; demo wiring lives in electron/demoWiring.ts.' },
];
// Test support lives in *.testkit.ts files and in electron/faults/ (the crash suite's workers); shipping code never
// imports either, so a test helper cannot end up in the app.
const testSupportImport = String.raw`/(\.testkit(\.[cm]?[jt]sx?)?|(^|\/)faults\/.*)$/`;
const noTestSupport = ['ImportDeclaration', 'ImportExpression', 'ExportAllDeclaration', 'ExportNamedDeclaration'].map((node) => ({
  selector: `${node}[source.value=${testSupportImport}]`,
  message: 'Production code never imports a test kit (*.testkit.ts) or electron/faults/.',
}));
const noSim = { group: ['**/sim/**'], message: 'Only electron/demoWiring.ts (loaded in demo mode only) and tests may import the simulators.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Type-aware rules on every TypeScript file: a promise nobody awaits or catches, a promise where a plain value is
  // expected, a switch that misses a case. The project service reuses tsconfig.json's program.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.{ts,tsx,mts,cts}'] })),
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-misused-promises': 'error',
      // Async functions that implement a promise-returning interface without awaiting are deliberate here.
      '@typescript-eslint/require-await': 'off',
      // Methods in interfaces are written as shorthand and passed around detached; none of them use `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`.
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          ...noRendererOrE2e,
          { group: ['node:*', '**/electron/**', '**/sim/**'], message: 'shared/ is pure TypeScript: no Node, no DOM, no other folder.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.{ts,tsx}', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'sim/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}', '**/*.testkit.{ts,tsx}', 'electron/faults/**'],
    rules: { 'no-restricted-syntax': ['error', ...noTestSupport] },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: coreImports }],
    },
  },
  {
    // Tests and test kits start a whole core to drive it; the core itself never reaches back up.
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/**/*.test.ts', 'electron/core/**/*.testkit.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [...coreImports, { group: ['**/bootstrap'], message: 'bootstrap.ts wires the core; the core never imports it back.' }],
      }],
    },
  },
  {
    // A core test kit drives the real simulators and a whole core, as the tests it serves do.
    files: ['electron/core/**/*.testkit.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: noRendererOrE2e }],
    },
  },
  {
    files: ['electron/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts', 'electron/demoWiring.ts', 'electron/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [...noRendererOrE2e, noSim] }],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noRendererOrE2e, noSim] }],
    },
  },
  {
    files: ['electron/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: noRendererOrE2e }],
    },
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The closeout command runs in plain Node: it never imports electron.' }],
        patterns: [...noRendererOrE2e, { group: ['electron/*'], message: 'The closeout command runs in plain Node: it never imports electron.' }],
      }],
    },
  },
  {
    files: ['sim/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [...noRendererOrE2e, { group: ['**/electron/**'], message: 'Simulators stand alone: they may use shared/ at most.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: ['**/electron/**', '**/sim/**', '**/e2e/**', 'node:*'], message: 'The renderer reaches the main process only through window.closeout.' },
        ],
      }],
    },
  },
);
