import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./start.mjs', import.meta.url));
const electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'closeout-no-electron-'));
// Its own build of the page, so this test never rebuilds dist/renderer under another suite's feet.
const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'closeout-start-renderer-'));
afterAll(() => {
  rmSync(emptyDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

const NO_BINARY =
  'The Electron binary is not installed on this machine (`npx install-electron` adds it where there is internet), so Closeout opens in a browser instead.';
// Building the page and starting the core with four simulators, on a busy 2-core machine.
const START_TIMEOUT_MS = 120_000;

interface Started {
  child: ChildProcess;
  url: URL;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Runs `npm start` as a person would, without a browser to open, until it prints the address. */
function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [script, '--no-open'], { env: { ...env, CLOSEOUT_RENDERER_DIR: rendererDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const address = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/.exec(stdout)?.[0];
      if (address) resolve({ child, url: new URL(address), stdout: () => stdout, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`npm start exited ${code} before printing an address: ${stderr}`)));
  });
}

/** The printed address used as the page uses it: open a session with its token, then make one contract call. */
async function callThroughAddress(url: URL, channel: string): Promise<unknown> {
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const headers = { origin: url.origin, authorization: `Bearer ${token}` };
  const events = await fetch(new URL('/api/events', url), { method: 'POST', headers });
  expect(events.status).toBe(200);
  const reader = (events.body as ReadableStream<Uint8Array>).getReader();
  const { value } = await reader.read();
  const { session } = JSON.parse(new TextDecoder().decode(value).split('\n')[0] as string) as { session: string };
  const answer = await fetch(new URL('/api/invoke', url), {
    method: 'POST',
    headers: { ...headers, 'x-closeout-session': session, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, request: {} }),
  });
  await reader.cancel();
  return answer.json();
}

async function stopAndCheck(started: Started): Promise<void> {
  started.child.kill('SIGINT');
  expect(await started.exited).toBe(0);
  await expect(fetch(started.url.origin)).rejects.toThrow();
}

describe('npm start without the Electron binary', () => {
  it(
    'says why it opens in a browser, builds the page and prints an address that serves the app in demo mode, until stopped',
    async () => {
      const started = await start({ ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDir });
      try {
        expect(started.stderr()).toContain(NO_BINARY);
        expect(started.stdout()).toContain('demo mode');
        const page = await fetch(started.url.origin);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<div id="root"></div>');
        expect(await callThroughAddress(started.url, 'app:info')).toMatchObject({ ok: true, data: { demo: true } });
        const connections = (await callThroughAddress(started.url, 'connections:list')) as { data: Array<{ name: string; demo: boolean }> };
        expect(connections.data.map((c) => c.name).sort()).toEqual(['Alpaca demo', 'Clear Street demo', 'Exness demo', 'ScaleTrade demo']);
        expect(started.stdout().match(/#token=/g)).toHaveLength(1);
        expect(started.stderr()).not.toContain(started.url.hash.slice('#token='.length));
      } finally {
        await stopAndCheck(started);
      }
    },
    START_TIMEOUT_MS,
  );

  it.skipIf(existsSync(path.join(electronDir, 'path.txt')))(
    'does the same with the electron package as installed here, and tries no download',
    async () => {
      const env = { ...process.env };
      delete env.ELECTRON_OVERRIDE_DIST_PATH;
      const started = await start(env);
      try {
        expect(started.stderr()).toContain(NO_BINARY);
        expect(started.stdout() + started.stderr()).not.toContain('Downloading');
      } finally {
        await stopAndCheck(started);
      }
    },
    START_TIMEOUT_MS,
  );
});
