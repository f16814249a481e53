#!/usr/bin/env node
// What `npm test` runs: every suite, carrying on after a failure, then a summary whose last line is exactly
// `N passed, N failed` (with `, N skipped` when something was skipped). Lint, typecheck, build and the unit tests run
// side by side, each one's output printed whole when it ends; e2e starts once build and unit have ended and streams.
// CLOSEOUT_TEST_SUITES=lint,unit runs a subset.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runByNeeds } from './lib/runByNeeds.mjs';
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
      // After unit as well as build: both suites start servers and browsers, and on two cores beside other work they
      // are steadier one after the other than together.
      needs: ['build', 'unit'],
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
  return all
    .filter((suite) => wanted.includes(suite.name))
    .map((suite) => ({ ...suite, needs: (suite.needs ?? []).filter((need) => wanted.includes(need)) }));
}

/** Runs one suite; `streaming` shows its output as it comes, otherwise it is kept and printed whole at the end. */
function runSuite(suite, streaming) {
  const env = {
    ...process.env,
    ...suite.env,
    // The project's own binaries, also when this script is run without npm.
    PATH: [path.join(REPO_ROOT, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter),
  };
  const heading = `\n=== ${suite.name}: ${suite.command} ${suite.args.join(' ')}`;
  if (streaming) console.log(heading);
  return new Promise((resolve) => {
    const output = [];
    const child = spawn(suite.command, suite.args, { cwd: REPO_ROOT, env, stdio: streaming ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    const finish = (exitCode) => {
      if (!streaming) {
        console.log(heading);
        process.stdout.write(Buffer.concat(output));
      }
      resolve(exitCode);
    };
    child.on('error', (error) => {
      output.push(Buffer.from(`test-all: could not start ${suite.command}: ${error.message}\n`));
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? 128 + (os.constants.signals[signal] ?? 0)));
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
  let results;
  try {
    const selected = selectSuites(suites(reportDir), process.env.CLOSEOUT_TEST_SUITES);
    console.log(`test-all: running ${selected.map((suite) => suite.name).join(', ')}; side-by-side suites print their output when they end.`);
    results = await runByNeeds(selected, async (suite) => {
      const started = Date.now();
      const streaming = (suite.needs ?? []).length > 0 || selected.length === 1;
      const exitCode = await runSuite(suite, streaming);
      return { suite, counts: suite.count(exitCode), ms: Date.now() - started };
    });
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
