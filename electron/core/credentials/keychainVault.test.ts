import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { createKeychainVault } from './keychainVault';

const moduleUrl = new URL('./keychainVault.ts', import.meta.url).href;
const deadBusDir = mkdtempSync(path.join(os.tmpdir(), 'closeout-dead-bus-'));
afterAll(() => rmSync(deadBusDir, { recursive: true, force: true }));

/** The keychain tests need the throw-away Secret Service that scripts/with-secret-service.mjs starts; CI must have it. */
function requirePrivateSecretService(skip: TestContext['skip']): void {
  if (process.env.CLOSEOUT_SECRET_SERVICE === 'private') return;
  const why = 'no private Secret Service is running; run the tests through `node scripts/with-secret-service.mjs vitest run` (npm test does)';
  if (process.env.CI === 'true') throw new Error(`CI=true but ${why}`);
  skip(why);
}

function uniqueName(): string {
  return `connection-${randomUUID()}`;
}

interface ChildOutcome {
  code?: string;
  message?: string;
  saved?: boolean;
}

/** A fresh process, because libsecret keeps the first bus it reaches for the life of the process. */
function saveFromProcessWithDeadBus(service: string, name: string, secret: string): { outcome: ChildOutcome; output: string } {
  const script = `
    const { createKeychainVault } = await import(${JSON.stringify(moduleUrl)});
    const vault = createKeychainVault({ service: process.env.TEST_SERVICE });
    try {
      await vault.set(process.env.TEST_NAME, process.env.TEST_SECRET);
      console.log(JSON.stringify({ saved: true }));
    } catch (error) {
      console.log(JSON.stringify({ code: error.code, message: error.message }));
    }`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    env: {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(deadBusDir, 'no-bus-here')}`,
      TEST_SERVICE: service,
      TEST_NAME: name,
      TEST_SECRET: secret,
    },
    encoding: 'utf8',
    timeout: 15_000,
  });
  const output = `${child.stdout}${child.stderr}`;
  const lastLine = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !lastLine.startsWith('{')) throw new Error(`the child process failed (status ${child.status}): ${output}`);
  return { outcome: JSON.parse(lastLine) as ChildOutcome, output };
}

describe('keychain vault in the private Secret Service', () => {
  beforeEach(({ skip }) => requirePrivateSecretService(skip));

  it('stores, reads and deletes a secret through keytar', async () => {
    const vault = createKeychainVault();
    const name = uniqueName();
    const secret = `secret-${randomUUID()}`;
    await vault.set(name, secret);
    expect(await vault.get(name)).toBe(secret);
    expect(await vault.delete(name)).toBe(true);
    expect(await vault.get(name)).toBeNull();
    expect(await vault.delete(name)).toBe(false);
  });

  it('replaces the secret when a connection is saved twice', async () => {
    const vault = createKeychainVault();
    const name = uniqueName();
    await vault.set(name, 'first');
    await vault.set(name, 'second');
    expect(await vault.get(name)).toBe('second');
    await vault.delete(name);
  });

  it('keeps services apart, so test secrets never mix with the real Closeout entries', async () => {
    const base = process.env.CLOSEOUT_KEYCHAIN_SERVICE ?? 'closeout-test';
    const one = createKeychainVault({ service: `${base}-one` });
    const other = createKeychainVault({ service: `${base}-other` });
    const name = uniqueName();
    await one.set(name, 'only-in-one');
    expect(await other.get(name)).toBeNull();
    await one.delete(name);
  });

  it('saves nothing when the Secret Service cannot be reached', async () => {
    const service = process.env.CLOSEOUT_KEYCHAIN_SERVICE ?? 'closeout-test';
    const name = uniqueName();
    const { outcome } = saveFromProcessWithDeadBus(service, name, `secret-${randomUUID()}`);
    expect(outcome.code).toBe('keychain_unavailable');
    expect(await createKeychainVault({ service }).get(name)).toBeNull();
  });
});

describe('keychain vault without a reachable Secret Service', () => {
  it('fails with keychain_unavailable in one plain sentence that never carries the secret', () => {
    const secret = `secret-${randomUUID()}`;
    const { outcome, output } = saveFromProcessWithDeadBus('closeout-unreachable', uniqueName(), secret);
    expect(outcome.saved).toBeUndefined();
    expect(outcome.code).toBe('keychain_unavailable');
    expect(outcome.message).toMatch(
      /^The OS keychain is not available: [^\n]+\. Closeout stores secrets only in the keychain, so nothing was saved\.$/,
    );
    expect(output).not.toContain(secret);
  });

  it('refuses an empty secret before touching the keychain', async () => {
    const vault = createKeychainVault({ service: 'closeout-never-used' });
    await expect(vault.set('desk', '')).rejects.toMatchObject({ code: 'validation', field: 'secret' });
  });
});
