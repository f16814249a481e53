import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/lib/electronBinary.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = electronBinary(repoRoot);

test.skip(binary === undefined, 'No Electron binary on this machine (it is fetched from the internet on first launch); these specs run wherever one is installed.');

test('the packaged window opens the demo with an isolated, sandboxed renderer', async () => {
  if (binary === undefined) throw new Error('unreachable: the spec is skipped without an Electron binary');
  const home = await mkdtemp(path.join(os.tmpdir(), 'closeout-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    args: [repoRoot, '--demo'],
    env: { ...process.env, CLOSEOUT_HOME: home },
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Closeout/);
    const exposure = await page.evaluate(() => ({
      bridge: typeof window.closeout?.invoke,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposure).toEqual({ bridge: 'function', require: 'undefined', process: 'undefined' });

    const info = await page.evaluate(() => window.closeout.invoke('app:info', {}));
    expect(info).toMatchObject({ ok: true, data: { demo: true } });

    const opened = await page.evaluate(() => {
      const before = location.href;
      window.open('https://example.com');
      location.href = 'https://example.com';
      return before;
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(opened);
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
    await rm(home, { recursive: true, force: true });
  }
});
