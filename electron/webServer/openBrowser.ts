import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Opener {
  command: string;
  args: string[];
}

/** The system's "open this" command, or null where no one could see a browser (no display on Linux and the BSDs). */
export function systemOpener(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Opener | null {
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'explorer.exe', args: [] };
  return env.DISPLAY || env.WAYLAND_DISPLAY ? { command: 'xdg-open', args: [] } : null;
}

/** A page that forwards to `url`, so the token is in no command line (another user's `ps` reads those). */
export function redirectPage(url: string): string {
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escaped}"><title>Closeout</title>\n`;
}

/**
 * Opens `url` in the system browser through a redirect file readable by this user alone, in a folder of its own that
 * the returned function removes. Returns null, opening nothing, where there is no display; a failure to start the
 * opener is not an error, since the address is printed anyway.
 */
export async function openInBrowser(url: string, opener: Opener | null): Promise<(() => Promise<void>) | null> {
  if (opener === null) return null;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-open-'));
  const file = path.join(dir, 'open-closeout.html');
  await writeFile(file, redirectPage(url), { mode: 0o600 });
  const child = spawn(opener.command, [...opener.args, pathToFileURL(file).href], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return () => rm(dir, { recursive: true, force: true });
}
