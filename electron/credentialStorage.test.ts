import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import { startAlpacaSim } from '../sim/alpaca/server';
import { startAppCore } from './bootstrap';
import { createKeychainVault } from './core/credentials/keychainVault';

// Secrets live in the OS keychain and nowhere else: through the real dispatcher, with the real keychain vault.

const KEYCHAIN_UNAVAILABLE = /^The OS keychain is not available: [^\n]+\. Closeout stores secrets only in the keychain, so nothing was saved\.$/;
const bootstrapUrl = new URL('./bootstrap.ts', import.meta.url).href;
const cleanUps: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(cleanUps.splice(0).map((cleanUp) => cleanUp()));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  cleanUps.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir);
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(path.join(dir, name), 'utf8')] as const)));
}

async function savedProfileNames(dataDir: string): Promise<string[]> {
  try {
    const file = JSON.parse(await readFile(path.join(dataDir, 'connections.json'), 'utf8')) as { connections: { name: string }[] };
    return file.connections.map((profile) => profile.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The keychain tests need the throw-away Secret Service that scripts/with-secret-service.mjs starts; CI must have it. */
function requirePrivateSecretService(skip: TestContext['skip']): void {
  if (process.env.CLOSEOUT_SECRET_SERVICE === 'private') return;
  const why = 'no private Secret Service is running; run through `node scripts/with-secret-service.mjs vitest run` (npm test does)';
  if (process.env.CI === 'true') throw new Error(`CI=true but ${why}`);
  skip(why);
}

/**
 * The app core in a fresh process whose D-Bus address leads nowhere (libsecret keeps the first bus it reaches for the
 * life of a process, so this cannot run in the test's own), adding a connection and then listing them.
 */
async function addWithoutKeychain(dataDir: string, secret: string): Promise<{ answers: unknown[]; output: string }> {
  const deadBus = await tempDir('closeout-dead-bus-');
  const script = `
    const { startAppCore } = await import(${JSON.stringify(bootstrapUrl)});
    const core = await startAppCore({ dataDir: process.env.TEST_DATA_DIR, version: 'test', demo: false });
    const added = await core.dispatch('connections:add', {
      name: 'Desk', broker: 'alpaca', baseUrl: 'http://127.0.0.1:9', keyId: 'AKDESK', secret: process.env.TEST_SECRET,
    });
    const listed = await core.dispatch('connections:list', {});
    console.log(JSON.stringify([added, listed]));
    await core.close();
    process.exit(0);`;
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    env: {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(deadBus, 'no-bus-here')}`,
      TEST_DATA_DIR: dataDir,
      TEST_SECRET: secret,
    },
    timeout: 30_000,
  });
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  return { answers: JSON.parse(lastLine) as unknown[], output: stdout + stderr };
}

describe('connection secrets when the keychain is unavailable', () => {
  it('refuses the connection with one keychain_unavailable message and writes the secret nowhere', async () => {
    const dataDir = await tempDir('closeout-no-keychain-');
    const secret = `secret-${randomUUID()}`;
    const { answers, output } = await addWithoutKeychain(dataDir, secret);

    const [added, listed] = answers;
    expect(added).toMatchObject({ ok: false, error: { code: 'keychain_unavailable', retryable: false, message: expect.stringMatching(KEYCHAIN_UNAVAILABLE) } });
    expect(listed).toEqual({ ok: true, data: [] });
    expect(await savedProfileNames(dataDir)).toEqual([]);
    for (const [file, text] of Object.entries(await filesOf(dataDir))) expect(text, file).not.toContain(secret);
    expect(output).not.toContain(secret);
  });
});

describe('connection secrets in the private Secret Service', () => {
  it('keeps the secret in the keychain only, and removing the connection deletes it there', async ({ skip }) => {
    requirePrivateSecretService(skip);
    const sim = await startAlpacaSim({ fillDelayMs: 0 });
    cleanUps.push(() => sim.close());
    const dataDir = await tempDir('closeout-keychain-');
    const core = await startAppCore({ dataDir, version: 'test', demo: false });
    cleanUps.push(() => core.close());
    const keychain = createKeychainVault();
    const name = `Desk ${randomUUID().slice(0, 8)}`;

    const added = await core.dispatch('connections:add', { name, broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
    expect(added).toMatchObject({ ok: true });
    expect(await keychain.get(name)).toBe(sim.secret);
    expect(await core.dispatch('accounts:list', { connection: name })).toMatchObject({ ok: true });
    for (const [file, text] of Object.entries(await filesOf(dataDir))) expect(text, file).not.toContain(sim.secret);

    expect(await core.dispatch('connections:remove', { name })).toEqual({ ok: true, data: { removed: true } });
    expect(await keychain.get(name)).toBeNull();
    expect(await savedProfileNames(dataDir)).toEqual([]);
    expect(await core.dispatch('accounts:list', { connection: name })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
