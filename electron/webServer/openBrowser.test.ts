import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInBrowser, redirectPage, systemOpener } from './openBrowser';

describe('opening the system browser', () => {
  it('opens nothing on Linux without a display, and uses xdg-open with one', () => {
    expect(systemOpener('linux', {})).toBeNull();
    expect(systemOpener('linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(systemOpener('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(systemOpener('darwin', {})?.command).toBe('open');
  });

  it('forwards through a page that only this user can read, removed afterwards, so the token is in no command line', async () => {
    const url = 'http://127.0.0.1:4000/#token=abc';
    // `true` takes any argument and does nothing: the file is what is under test, not a browser.
    const done = await openInBrowser(url, { command: 'true', args: [] });
    expect(done).not.toBeNull();
    const dirs = (await readdir(os.tmpdir())).filter((name) => name.startsWith('closeout-open-'));
    const files = await Promise.all(dirs.map(async (dir) => path.join(os.tmpdir(), dir, 'open-closeout.html')));
    const ours = [];
    for (const file of files) if ((await readFile(file, 'utf8').catch(() => '')) === redirectPage(url)) ours.push(file);
    expect(ours).toHaveLength(1);
    const file = ours[0] as string;
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    await done?.();
    await expect(stat(path.dirname(file))).rejects.toThrow(/ENOENT/);
  });

  it('escapes the address inside the page', () => {
    expect(redirectPage('http://x/"><script>')).toContain('url=http://x/&quot;>&lt;script>');
  });
});
