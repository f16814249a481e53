import { defineConfig } from 'vitest/config';

const ROOTS = ['shared', 'electron', 'sim', 'renderer', 'scripts', 'bench'];

export default defineConfig({
  test: {
    include: ROOTS.flatMap((root) => [`${root}/**/*.test.ts`, `${root}/**/*.test.tsx`]),
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
    // No DOM library is installed: renderer tests cover pure logic in Node.
    environment: 'node',
    testTimeout: 20_000,
    // Forks, not threads: keytar is a native addon and the keychain tests spawn child processes.
    pool: 'forks',
    // The command bundled once, for the tests that start it as a process (see scripts/bundle-cli.mjs).
    globalSetup: ['scripts/bundle-cli.mjs'],
  },
});
