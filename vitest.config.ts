import { defineConfig } from 'vitest/config';

const ROOTS = ['shared', 'electron', 'sim', 'renderer', 'scripts', 'bench'];
// Renderer hooks and components that need a document are named `*.dom.test.tsx` and run in happy-dom; everything
// else runs in Node, where keytar, the simulators and the command live.
const DOM_TESTS = 'renderer/**/*.dom.test.tsx';

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
    testTimeout: 20_000,
    // Set-up that starts simulators, a core or a process needs more than the default 10 s on a busy machine.
    hookTimeout: 60_000,
    // Forks, not threads: keytar is a native addon and the keychain tests spawn child processes.
    pool: 'forks',
    // Vitest's default on two cores is one worker, but most test files wait on child processes and HTTP rather than
    // the CPU: one worker used about half of the machine's CPU time over the run's wall time.
    maxWorkers: 4,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ROOTS.flatMap((root) => [`${root}/**/*.test.ts`, `${root}/**/*.test.tsx`]),
          exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**', DOM_TESTS],
          environment: 'node',
          // The command bundled once, for the tests that start it as a process (see scripts/bundle-cli.mjs).
          globalSetup: ['scripts/bundle-cli.mjs'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: [DOM_TESTS],
          environment: 'happy-dom',
        },
      },
    ],
  },
});
