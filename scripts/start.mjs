#!/usr/bin/env node
// What `npm start` runs: check that the Electron binary is installed, build, then open the app in demo mode.
// `npm start -- --no-demo` opens it with the saved connections instead; other arguments go to the app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const MISSING_BINARY =
  'Closeout needs the Electron binary, which is not installed on this machine: run `npx install-electron` on a machine with internet access, then `npm start` again.';

/**
 * Where the electron package says its binary is, without require('electron'): that call tries to download the binary
 * when it is missing, which hangs or dies with a stack trace offline. Mirrors node_modules/electron/index.js.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(path.join(REPO_ROOT, 'package.json')).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let binary;
  if (override) binary = path.join(override, relative || 'electron');
  else if (relative) binary = path.join(packageDir, 'dist', relative);
  return binary !== undefined && existsSync(binary) ? binary : undefined;
}

function main() {
  const binary = electronBinary();
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
