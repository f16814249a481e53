#!/usr/bin/env node
// What `npm test` runs: every suite in order, streaming its output, carrying on after a failure, then a summary whose
// last line is exactly `N passed, N failed` (with `, N skipped` when something was skipped).
// CLOSEOUT_TEST_SUITES=lint,unit runs a subset.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCounts, countCheck, countPlaywright, countVitest, runSucceeded, verdictLine } from './lib/testCounts.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** @param {string} reportDir */
function suites(reportDir) {
  const vitestReport = path.join(reportDir, 'vitest.json');
  const playwrightReport = path.join(reportDir, 'playwright.json');
  return [
    { name: 'lint', kind: 'check', command: 'eslint', args: ['--max-warnings', '0', '.'], count: countCheck },
    { name: 'typecheck', kind: 'check', command: 'tsc', args: ['--noEmit', '-p', 'tsconfig.json'], count: countCheck },
    {
      name: 'unit',
      kind: 'tests',
      command: 'node',
      args: [
        'scripts/with-secret-service.mjs',
        'vitest',
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${vitestReport}`,
      ],
      count: (exitCode) => countVitest(readReport(vitestReport), exitCode),
    },
    { name: 'build', kind: 'check', command: npm, args: ['run', 'build'], count: countCheck },
    {
      name: 'e2e',
      kind: 'tests',
      command: 'node',
      args: ['scripts/with-secret-service.mjs', 'playwright', 'test', '--reporter=list,json'],
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
      count: (exitCode) => countPlaywright(readReport(playwrightReport), exitCode),
    },
  ];
}

function readReport(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function selectSuites(all, selection) {
  if (selection === undefined || selection.trim() === '') return all;
  const wanted = selection.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = wanted.filter((name) => !all.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    console.error(`CLOSEOUT_TEST_SUITES names unknown suite(s) ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}.`);
    process.exit(2);
  }
  return all.filter((suite) => wanted.includes(suite.name));
}

function runSuite(suite) {
  const env = {
    ...process.env,
    ...suite.env,
    // The project's own binaries, also when this script is run without npm.
    PATH: [path.join(REPO_ROOT, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter),
  };
  return new Promise((resolve) => {
    const child = spawn(suite.command, suite.args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`test-all: could not start ${suite.command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}

function formatSeconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function describeCounts(suite, counts) {
  if (suite.kind === 'check') return counts.failed === 0 ? 'passed' : `FAILED (${counts.note})`;
  const text = verdictLine(counts);
  return counts.note === undefined ? text : `${text} (${counts.note})`;
}

async function main() {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'closeout-test-all-'));
  const results = [];
  try {
    for (const suite of selectSuites(suites(reportDir), process.env.CLOSEOUT_TEST_SUITES)) {
      console.log(`\n=== ${suite.name}: ${suite.command} ${suite.args.join(' ')}`);
      const started = Date.now();
      const exitCode = await runSuite(suite);
      results.push({ suite, counts: suite.count(exitCode), ms: Date.now() - started });
    }
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }

  const total = addCounts(results.map((result) => result.counts));
  console.log('\nSummary');
  for (const { suite, counts, ms } of results) {
    console.log(`  ${suite.name.padEnd(10)} ${describeCounts(suite, counts).padEnd(60)} ${formatSeconds(ms)}`);
  }
  if (total.passed + total.failed === 0) console.log('  No test ran: that counts as a failure.');
  console.log(verdictLine(total));
  process.exitCode = runSucceeded(total) ? 0 : 1;
}

await main();
