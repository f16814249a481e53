#!/usr/bin/env node
// What `npm start` runs: check that the Electron binary is installed, build, then open the app in demo mode.
// `npm start -- --no-demo` opens it with the saved connections instead; other arguments go to the app.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './lib/electronBinary.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const MISSING_BINARY =
  'Closeout needs the Electron binary, which is not installed on this machine: run `npx install-electron` on a machine with internet access, then `npm start` again.';

function main() {
  const binary = electronBinary(REPO_ROOT);
  if (binary === undefined) {
    console.error(MISSING_BINARY);
    return 1;
  }

  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;

  const args = process.argv.slice(2);
  const appArgs = args.includes('--no-demo') ? args.filter((arg) => arg !== '--no-demo') : ['--demo', ...args];
  // The app folder rather than main.cjs itself, so Electron reads package.json for the app's name and version.
  const app = spawn(binary, [REPO_ROOT, ...appArgs], { cwd: REPO_ROOT, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
  app.on('close', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  return undefined;
}

const exitCode = main();
if (exitCode !== undefined) process.exitCode = exitCode;
