#!/usr/bin/env node
// What `npm start` runs. With the Electron binary: build, then open the app window in demo mode (`npm start --
// --no-demo` opens it with the saved connections; other arguments go to the app). Without it (build machines, CI, a
// remote shell, a fresh clone before `npx install-electron`): build the page, then `closeout ui`, which serves the same
// app to a browser on 127.0.0.1 in demo mode (`--no-demo` or `--real`: the saved connections; other arguments go to
// `closeout ui`).
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './lib/electronBinary.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const NO_BINARY =
  'The Electron binary is not installed on this machine (`npx install-electron` adds it where there is internet), so Closeout opens in a browser instead.';

function main() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = process.argv.slice(2);
  const binary = electronBinary(REPO_ROOT);
  if (binary === undefined) {
    console.error(NO_BINARY);
    // The build's own output goes to stderr: stdout carries only what `closeout ui` prints, the address first.
    const outDir = process.env.CLOSEOUT_RENDERER_DIR;
    const buildArgs = ['run', 'build:renderer', ...(outDir ? ['--', '--outDir', path.resolve(outDir), '--emptyOutDir'] : [])];
    const build = spawnSync(npm, buildArgs, { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) return build.status ?? 1;
    const uiArgs = args.map((arg) => (arg === '--no-demo' ? '--real' : arg));
    return run(process.execPath, [path.join(REPO_ROOT, 'bin', 'closeout.mjs'), 'ui', ...uiArgs]);
  }

  const build = spawnSync(npm, ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;
  const appArgs = args.includes('--no-demo') ? args.filter((arg) => arg !== '--no-demo') : ['--demo', ...args];
  // The app folder rather than main.cjs itself, so Electron reads package.json for the app's name and version.
  return run(binary, [REPO_ROOT, ...appArgs]);
}

/** Runs the app until it ends, handing it Ctrl-C and SIGTERM, and exits as it did. */
function run(command, args) {
  const app = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
  app.on('close', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  return undefined;
}

const exitCode = main();
if (exitCode !== undefined) process.exitCode = exitCode;
