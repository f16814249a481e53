// Shared by `npm start` and the Electron e2e specs.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where the electron package says its binary is, without require('electron'): that call tries to download the binary
 * when it is missing, which hangs or dies with a stack trace offline. Mirrors node_modules/electron/index.js.
 */
export function electronBinary(repoRoot) {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(path.join(repoRoot, 'package.json')).resolve('electron/package.json'));
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

