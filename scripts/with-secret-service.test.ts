import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./with-secret-service.mjs', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const toolsPresent = ['dbus-run-session', 'gnome-keyring-daemon'].every(
  (tool) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' }).status === 0,
);

function outsideAnySession(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.CLOSEOUT_SECRET_SERVICE;
  delete env.CLOSEOUT_KEYCHAIN_SERVICE;
  return env;
}

function runWrapped(args: string[], env = outsideAnySession()) {
  return spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, env, encoding: 'utf8', timeout: 30_000 });
}

const KEYTAR_ROUND_TRIP = `
  const keytar = require('keytar');
  const service = process.env.CLOSEOUT_KEYCHAIN_SERVICE;
  (async () => {
    await keytar.setPassword(service, 'probe', 'probe-secret');
    const read = await keytar.getPassword(service, 'probe');
    console.log(JSON.stringify({
      secretService: process.env.CLOSEOUT_SECRET_SERVICE,
      service,
      read,
      leakedSetup: Object.keys(process.env).filter((key) => key.startsWith('CLOSEOUT_KEYRING')),
    }));
    process.exit(5);
  })();`;

describe.skipIf(!toolsPresent)('with-secret-service with dbus and gnome-keyring installed', () => {
  it('runs the command against a private, unlocked Secret Service and passes its exit code on', () => {
    const result = runWrapped(['node', '-e', KEYTAR_ROUND_TRIP]);
    expect(result.status, result.stderr).toBe(5);
    const seen = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(seen.secretService).toBe('private');
    expect(seen.service).toMatch(/^closeout-test-[0-9a-f]+$/);
    expect(seen.read).toBe('probe-secret');
    expect(seen.leakedSetup).toEqual([]);
  });

  it('gives every run its own keychain service name', () => {
    const names = [1, 2].map(() => runWrapped(['sh', '-c', 'echo "$CLOSEOUT_KEYCHAIN_SERVICE"']).stdout.trim());
    expect(names[0]).not.toBe(names[1]);
  });

  it('keeps the command\u2019s stderr but drops the dbus fd-limit warning', () => {
    const result = runWrapped(['sh', '-c', 'echo "from the command" >&2']);
    expect(result.stderr).toContain('from the command');
    expect(result.stderr).not.toContain('Failed to set fd limit');
  });

  it('passes SIGTERM on to the command and exits with the command\u2019s code', async () => {
    const child = spawn(
      process.execPath,
      [script, 'node', '-e', "process.on('SIGTERM', () => { console.log('stopping'); process.exit(9); }); console.log('ready'); setInterval(() => {}, 1000);"],
      { cwd: repoRoot, env: outsideAnySession(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('ready')) resolve();
      });
    });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(9);
    expect(stdout).toContain('stopping');
  });
});

describe('with-secret-service without dbus or gnome-keyring', () => {
  const bareBin = mkdtempSync(path.join(os.tmpdir(), 'closeout-bare-bin-'));
  symlinkSync(process.execPath, path.join(bareBin, 'node'));
  afterAll(() => rmSync(bareBin, { recursive: true, force: true }));

  it('says in one line that the keychain tests will skip, then runs the command directly', () => {
    const env = { ...outsideAnySession(), PATH: bareBin };
    const result = runWrapped(['node', '-e', 'console.log(process.env.CLOSEOUT_SECRET_SERVICE ?? "none"); process.exit(4)'], env);
    expect(result.status).toBe(4);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^with-secret-service: .*not found, so the keychain tests will skip/);
    expect(lines[1]).toBe('none');
  });
});
