import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./start.mjs', import.meta.url));
const electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'closeout-no-electron-'));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

const SENTENCE =
  'Closeout needs the Electron binary, which is not installed on this machine: run `npx install-electron` on a machine with internet access, then `npm start` again.';

function start(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [script], { env, encoding: 'utf8', timeout: 30_000 });
}

describe('npm start without the Electron binary', () => {
  it('says in one sentence what is missing and how to get it, and exits 1 without a stack trace', () => {
    const result = start({ ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${SENTENCE}\n`);
  });

  it.skipIf(existsSync(path.join(electronDir, 'path.txt')))(
    'says the same with the electron package as installed here, and tries no download',
    () => {
      const env = { ...process.env };
      delete env.ELECTRON_OVERRIDE_DIST_PATH;
      const result = start(env);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(`${SENTENCE}\n`);
      expect(result.stdout).not.toContain('Downloading');
    },
  );
});
