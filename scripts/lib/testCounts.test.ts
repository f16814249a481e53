import { describe, expect, it } from 'vitest';
import { addCounts, countCheck, countPlaywright, countVitest, runSucceeded, verdictLine } from './testCounts.mjs';

describe('verdictLine', () => {
  it('prints passed and failed, and skipped only when something was skipped', () => {
    expect(verdictLine({ passed: 12, failed: 0, skipped: 0 })).toBe('12 passed, 0 failed');
    expect(verdictLine({ passed: 12, failed: 1, skipped: 2 })).toBe('12 passed, 1 failed, 2 skipped');
  });
});

describe('countCheck', () => {
  it('counts lint, typecheck and build as one check each', () => {
    expect(countCheck(0)).toEqual({ passed: 1, failed: 0, skipped: 0 });
    expect(countCheck(2)).toMatchObject({ passed: 0, failed: 1, note: 'exit code 2' });
  });
});

describe('countVitest', () => {
  const report = {
    numPassedTests: 7,
    numFailedTests: 1,
    numPendingTests: 2,
    numTodoTests: 1,
    testResults: [{ status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'passed' }] }],
  };

  it('takes passed, failed and skipped tests from the JSON report', () => {
    expect(countVitest(report, 1)).toEqual({ passed: 7, failed: 1, skipped: 3 });
  });

  it('counts a test file that failed to load as a failure', () => {
    const broken = { ...report, numFailedTests: 0, testResults: [{ status: 'failed', assertionResults: [] }] };
    expect(countVitest(broken, 1)).toMatchObject({ passed: 7, failed: 1, note: '1 test file(s) failed to run' });
  });

  it('counts a non-zero exit without a failed test as a failure', () => {
    expect(countVitest({ numPassedTests: 3, testResults: [] }, 1)).toMatchObject({ passed: 3, failed: 1 });
  });

  it('counts a missing report as a failure', () => {
    expect(countVitest(undefined, 0)).toMatchObject({ passed: 0, failed: 1 });
  });
});

describe('countPlaywright', () => {
  it('counts expected and flaky as passed, unexpected as failed, and skipped', () => {
    const report = { stats: { expected: 4, flaky: 1, unexpected: 2, skipped: 3 }, errors: [] };
    expect(countPlaywright(report, 1)).toEqual({ passed: 5, failed: 2, skipped: 3 });
  });

  it('counts an error outside the tests as one failure and quotes its first line without colours', () => {
    const report = { stats: { expected: 0, unexpected: 0, skipped: 0, flaky: 0 }, errors: [{ message: '\u001b[31mError: No tests found\u001b[39m\nmore' }] };
    expect(countPlaywright(report, 1)).toEqual({ passed: 0, failed: 1, skipped: 0, note: 'Error: No tests found' });
  });
});

describe('the whole run', () => {
  it('adds the counts of every suite', () => {
    expect(addCounts([countCheck(0), { passed: 5, failed: 1, skipped: 2 }, countCheck(1)])).toEqual({ passed: 6, failed: 2, skipped: 2 });
  });

  it('fails when anything failed or when nothing ran', () => {
    expect(runSucceeded({ passed: 3, failed: 0, skipped: 1 })).toBe(true);
    expect(runSucceeded({ passed: 3, failed: 1, skipped: 0 })).toBe(false);
    expect(runSucceeded({ passed: 0, failed: 0, skipped: 4 })).toBe(false);
  });
});
