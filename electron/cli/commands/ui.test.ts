import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCoreOptions } from '../../bootstrap';
import { CapturedOutput } from '../fakeStreams.testkit';
import { runCli, type StartCore } from '../run';

let rendererDir: string;
beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-ui-page-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Closeout</title>');
});
afterAll(() => rm(rendererDir, { recursive: true, force: true }));

/**
 * Runs `closeout ui` with a core that records how it was started and stops at once; while it runs, `during` sees
 * the options and the printed address.
 */
async function runUi(argv: string[], env: NodeJS.ProcessEnv, during: (options: AppCoreOptions, stdout: string) => Promise<void> = async () => {}) {
  const stdout = new CapturedOutput();
  const stderr = new CapturedOutput();
  const started: AppCoreOptions[] = [];
  let closed = 0;
  const startCore: StartCore = async (options) => {
    started.push(options);
    return {
      dispatch: async () => ({ ok: true, data: null }),
      windDownProgress: {} as never,
      close: async () => void (closed += 1),
    };
  };
  const exitCode = await runCli(
    {
      argv,
      env,
      stdin: new PassThrough(),
      stdout,
      stderr,
      // Asked for before the core starts; the stop comes once the address is out, as a person's Ctrl-C would.
      untilStopped: async () => {
        while (!stdout.text.includes('\n')) await new Promise((resolve) => setTimeout(resolve, 5));
        await during(started[0] as AppCoreOptions, stdout.text);
      },
    },
    startCore,
  );
  return { exitCode, stdout: stdout.text, stderr: stderr.text, started, closed };
}

describe('closeout ui', () => {
  it('serves demo mode by default: its own temporary folder and secrets in memory, never the data folder or the keychain', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-ui-data-'));
    let demoDir = '';
    const run = await runUi(['--data-dir', dataDir, 'ui', '--no-open'], { CLOSEOUT_RENDERER_DIR: rendererDir }, async (options, stdout) => {
      demoDir = options.dataDir;
      expect(existsSync(demoDir)).toBe(true);
      expect(stdout).toMatch(/demo mode[\s\S]*http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43}\n/);
    });
    expect(run.exitCode).toBe(0);
    const [options] = run.started;
    expect(options?.demo).toBe(true);
    expect(options?.vault).toBeDefined();
    expect(options?.auditKeys).toBeDefined();
    expect(demoDir).not.toBe(dataDir);
    expect(existsSync(demoDir)).toBe(false);
    expect(run.closed).toBe(1);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the saved connections of the data folder, with the keychain, only with --real, and says what that exposes', async () => {
    const run = await runUi(['--data-dir', '/srv/closeout-data', 'ui', '--real', '--no-open'], { CLOSEOUT_RENDERER_DIR: rendererDir });
    expect(run.exitCode).toBe(0);
    expect(run.started).toHaveLength(1);
    expect(run.started[0]).toMatchObject({ demo: false, dataDir: '/srv/closeout-data' });
    expect(run.started[0]?.vault).toBeUndefined();
    expect(run.started[0]?.auditKeys).toBeUndefined();
    expect(run.stdout).toContain('any program on this machine that has the address below can act on those accounts');
  });

  it('prints one JSON document with --json', async () => {
    const run = await runUi(['ui', '--no-open', '--json'], { CLOSEOUT_RENDERER_DIR: rendererDir });
    const printed = JSON.parse(run.stdout) as { url: string; origin: string; demo: boolean };
    expect(printed.demo).toBe(true);
    expect(printed.url.startsWith(`${printed.origin}/#token=`)).toBe(true);
  });

  it('refuses to start without the built page, saying how to build it, and starts no core', async () => {
    const run = await runUi(['ui', '--no-open'], { CLOSEOUT_RENDERER_DIR: path.join(rendererDir, 'missing') });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('npm run build:renderer');
    expect(run.started).toEqual([]);
  });
});
