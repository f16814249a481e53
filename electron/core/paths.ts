import os from 'node:os';
import path from 'node:path';

/** Electron derives userData from package.json's productName; the CLI must find the same folder without Electron. */
const PRODUCT_NAME = 'Closeout';

/** The folder Electron's app.getPath('userData') gives for Closeout on this platform. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(nonEmpty(env.APPDATA) ?? path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      // Chromium's XDG lookup: XDG_CONFIG_HOME when set and non-empty, else ~/.config (Linux and the BSDs alike).
      return path.posix.join(nonEmpty(env.XDG_CONFIG_HOME) ?? path.posix.join(home, '.config'), PRODUCT_NAME);
  }
}

/** Where Closeout keeps its files: the --data-dir flag, then CLOSEOUT_HOME, then Electron's userData folder. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = nonEmpty(flag) ?? nonEmpty(env.CLOSEOUT_HOME);
  return chosen === undefined ? defaultDataDir(env) : path.resolve(chosen);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
