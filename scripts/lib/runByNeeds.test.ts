import { describe, expect, it } from 'vitest';
import { runByNeeds } from './runByNeeds.mjs';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('runByNeeds', () => {
  it('starts suites without needs together and a suite with needs only after they have all ended', async () => {
    const gates = { lint: deferred(), build: deferred(), e2e: deferred() };
    const running: string[] = [];
    const run = runByNeeds(
      [{ name: 'lint' }, { name: 'build' }, { name: 'e2e', needs: ['build', 'lint'] }],
      async (suite) => {
        running.push(suite.name);
        await gates[suite.name as keyof typeof gates].promise;
        return suite.name.toUpperCase();
      },
    );
    await Promise.resolve();
    expect(running).toEqual(['lint', 'build']);
    gates.build.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(running).toEqual(['lint', 'build']);
    gates.lint.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(running).toEqual(['lint', 'build', 'e2e']);
    gates.e2e.resolve();
    expect(await run).toEqual(['LINT', 'BUILD', 'E2E']);
  });

  it('still runs a suite whose need failed, as npm test carries on after a failure', async () => {
    const ran: string[] = [];
    const results = await runByNeeds([{ name: 'e2e', needs: ['build'] }, { name: 'build' }], async (suite) => {
      ran.push(suite.name);
      if (suite.name === 'build') throw new Error('build broke');
      return 'ran';
    }).catch((error: Error) => error.message);
    expect(ran).toEqual(['build', 'e2e']);
    expect(results).toBe('build broke');
  });

  it('refuses a need that is not among the suites being run, naming both', async () => {
    await expect(runByNeeds([{ name: 'e2e', needs: ['build'] }], () => Promise.resolve(1))).rejects.toThrow(
      'suite e2e needs build, which is not being run',
    );
  });
});
