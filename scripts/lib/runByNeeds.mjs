// How test-all orders its suites: every suite starts as soon as the suites it needs have ended, so independent ones
// (lint, typecheck, build, unit) overlap. Most of the suite's time is spent waiting on child processes, HTTP and
// Chromium, not on the CPU, so overlapping them shortens the run on two cores.

/**
 * Runs `run(suite)` for each suite once every name in `suite.needs` has ended (passed or not: a later suite still runs
 * after a failure, as `npm test` always has). Results come back in the order the suites were given.
 * @template {{ name: string, needs?: readonly string[] }} S
 * @template R
 * @param {readonly S[]} suites
 * @param {(suite: S) => Promise<R>} run
 * @returns {Promise<R[]>}
 */
export async function runByNeeds(suites, run) {
  const names = new Set(suites.map((suite) => suite.name));
  for (const suite of suites) {
    for (const need of suite.needs ?? []) {
      if (!names.has(need)) throw new Error(`suite ${suite.name} needs ${need}, which is not being run`);
    }
  }
  /** @type {Map<string, Promise<R>>} */
  const started = new Map();
  const start = (suite) => {
    const existing = started.get(suite.name);
    if (existing) return existing;
    const needs = (suite.needs ?? []).map((need) => start(suites.find((candidate) => candidate.name === need)));
    const promise = Promise.allSettled(needs).then(() => run(suite));
    started.set(suite.name, promise);
    return promise;
  };
  return Promise.all(suites.map(start));
}
