// How test-all turns each suite's outcome into counts, and the one-line verdict it ends with.

/** @typedef {{ passed: number, failed: number, skipped: number, note?: string }} Counts */

/** A check without tests of its own (lint, typecheck, build) counts as one: passed when it exits 0. */
export function countCheck(exitCode) {
  return exitCode === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0, note: `exit code ${exitCode}` };
}

/** Counts from vitest's JSON reporter; a file that failed to load, or a failure outside any test, counts as one failure. */
export function countVitest(report, exitCode) {
  if (report === undefined) return missingReport(exitCode);
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  const counts = {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
  return withExitCode(counts, exitCode, brokenFiles > 0 ? `${brokenFiles} test file(s) failed to run` : undefined);
}

/** Counts from Playwright's JSON reporter; errors outside tests (a broken config, no tests found) count as one failure. */
export function countPlaywright(report, exitCode) {
  if (report === undefined) return missingReport(exitCode);
  const stats = report.stats ?? {};
  const globalErrors = (report.errors ?? []).length;
  const counts = {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (globalErrors > 0 ? 1 : 0),
    skipped: stats.skipped ?? 0,
  };
  return withExitCode(counts, exitCode, globalErrors > 0 ? firstLine(report.errors[0].message) : undefined);
}

export function addCounts(all) {
  return all.reduce(
    (sum, counts) => ({
      passed: sum.passed + counts.passed,
      failed: sum.failed + counts.failed,
      skipped: sum.skipped + counts.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

/** The last line test-all prints: `N passed, N failed`, plus `, N skipped` only when something was skipped. */
export function verdictLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

/** The run fails when anything failed or when nothing at all ran. */
export function runSucceeded({ passed, failed }) {
  return failed === 0 && passed > 0;
}

function missingReport(exitCode) {
  return { passed: 0, failed: 1, skipped: 0, note: `no report was written (exit code ${exitCode})` };
}

/** A runner that exits non-zero without a failed test still failed: that must show in the count. */
function withExitCode(counts, exitCode, note) {
  if (exitCode !== 0 && counts.failed === 0) {
    return { ...counts, failed: 1, note: note ?? `exit code ${exitCode} without a failed test` };
  }
  return note === undefined ? counts : { ...counts, note };
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function firstLine(text = '') {
  return String(text).replace(ANSI_COLOUR, '').split('\n')[0].slice(0, 160);
}
