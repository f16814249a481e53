import { execFile } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../shared/audit';
import type { AppErrorShape } from '../../shared/errors';
import { startAlpacaSim, type AlpacaSim } from '../../sim/alpaca/server';
import { fixtureData, IDS } from '../../sim/alpaca/testSupport';
import { closeoutRunner, KEYCHAIN_READY, KEYCHAIN_REASON, parseJson, printed, type CloseoutRunner } from '../cli/spawnCloseout.testkit';
import { JOURNAL_FILE_NAME } from '../core/journal/database';
import { auditRows } from './journalProbe';
import { until } from './until';

// A write that cannot commit means nothing is sent. The disk fills while a close waits on its first broker read (the
// account list), so the journal is open but the intent cannot commit: the command must fail in plain words and the
// broker must see nothing after that read. Two ways to fill it: a small tmpfs holding the data folder (needs root
// and mount), and a file size limit set on the running command (prlimit --fsize), which runs anywhere prlimit does.
// A disk already full when the command starts must fail the same way, before any broker is read.

const run = promisify(execFile);
const RUN_MS = 60_000;
/** How long the broker takes over the account list: the window in which the test makes the disk full. */
const SLOW_READ_MS = 1500;

/** Writes to `file` until the file system has no byte left for it. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

/** A tmpfs of a few megabytes, or why one cannot be mounted here. */
async function mountTmpfs(dir: string): Promise<string | null> {
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', dir]);
    return null;
  } catch (error) {
    return `mount -t tmpfs was refused (${(error as Error).message.split('\n')[0]})`;
  }
}

async function hasPrlimit(): Promise<boolean> {
  try {
    await run('prlimit', ['--version']);
    return true;
  } catch {
    return false;
  }
}

interface Setup {
  name: string;
  /** Null when it can run here, else why not. */
  prepare(root: string): Promise<string | null>;
  /** Makes the disk full for the command `pid` writing to `dataDir`. */
  fill(root: string, dataDir: string, pid: number): Promise<void>;
  /** Gives the space back. */
  free(root: string): Promise<void>;
  cleanUp(root: string): Promise<void>;
  /** What the command must say. */
  words: RegExp;
}

const TMPFS: Setup = {
  name: 'a full tmpfs holding the data folder',
  prepare: mountTmpfs,
  fill: async (root) => fillUp(path.join(root, 'filler')),
  free: (root) => rm(path.join(root, 'filler')),
  cleanUp: async (root) => void (await run('umount', [root]).catch(() => undefined)),
  words: /the disk is full/,
};

const FILE_SIZE_LIMIT: Setup = {
  name: 'a file size limit on the running command (prlimit --fsize)',
  prepare: async () => ((await hasPrlimit()) ? null : 'prlimit (util-linux) is not installed'),
  // No file the command writes may grow any more: its next journal commit needs the write-ahead log to.
  fill: async (_root, dataDir, pid) => {
    const wal = statSync(path.join(dataDir, `${JOURNAL_FILE_NAME}-wal`)).size;
    await run('prlimit', ['--pid', String(pid), `--fsize=${wal}`]);
  },
  free: async () => undefined,
  cleanUp: async () => undefined,
  words: /the disk refused the write|the disk is full/,
};

/** A data folder under `setup` for the tests of one describe: `skip` says why it cannot run here, when it cannot. */
function useDataFolder(setup: Setup) {
  const folder = { root: '', dataDir: '', skip: null as string | null };
  beforeAll(async () => {
    folder.root = await mkdtemp(path.join(os.tmpdir(), 'closeout-faults-full-'));
    folder.skip = await setup.prepare(folder.root);
    folder.dataDir = path.join(folder.root, 'data');
    await mkdir(folder.dataDir, { mode: 0o700 });
  });
  afterAll(async () => {
    await setup.cleanUp(folder.root);
    await rm(folder.root, { recursive: true, force: true });
  });
  return folder;
}

describe.skipIf(!KEYCHAIN_READY)(`a full disk (${KEYCHAIN_REASON})`, () => {
  let sim: AlpacaSim;

  beforeAll(async () => {
    // One account, so a close without --account reads the account list first: the slow read the disk fills during.
    const data = fixtureData();
    data.accounts = data.accounts.filter((holdings) => holdings.account.id === IDS.trader);
    sim = await startAlpacaSim({ fillDelayMs: 0, data });
  });

  afterAll(async () => {
    await sim?.close();
  });

  /** Adds a connection to the simulator in the folder; returns the close command on it (1 share of AAPL). */
  async function connect(cli: CloseoutRunner, folder: { root: string; dataDir: string }): Promise<string[]> {
    const name = `full-${path.basename(folder.root)}`;
    const added = await cli.run(['connections', 'add', name, '--broker', 'alpaca', '--base-url', sim.url, '--key-id', sim.keyId], { input: sim.secret, timeoutMs: RUN_MS });
    expect(added.code, printed(added)).toBe(0);
    return ['close', name, '--position', 'AAPL', '--qty', '1', '--yes', '--json'];
  }

  /** Once space is back, the same close works (one DELETE since `mark`) and the chain verifies with its two records. */
  async function worksAgain(cli: CloseoutRunner, close: string[], mark: number, recordsBefore: number): Promise<void> {
    const again = await cli.run(close, { timeoutMs: RUN_MS });
    expect(again.code, printed(again)).toBe(0);
    expect(sim.requests.slice(mark).filter((request) => request.method === 'DELETE')).toHaveLength(1);
    const verify = await cli.run(['audit', '--verify', '--json'], { timeoutMs: RUN_MS });
    expect(verify.code, printed(verify)).toBe(0);
    expect(parseJson<AuditVerification>(verify)).toMatchObject({ ok: true, records: recordsBefore + 2 });
  }

  for (const setup of [TMPFS, FILE_SIZE_LIMIT]) {
    describe(`before a close's attempt commits, with ${setup.name}`, () => {
      const folder = useDataFolder(setup);
      const cli = closeoutRunner(() => folder.dataDir);

      it('exits 1 saying so in plain words, sends nothing, records nothing, and the next close after space is freed works and verifies', async (context) => {
        if (folder.skip !== null) context.skip(folder.skip);
        const close = await connect(cli, folder);
        const recordsBefore = auditRows(folder.dataDir).length;

        const mark = sim.requests.length;
        sim.faults.latencyMs = SLOW_READ_MS;
        const running = cli.start(close, { timeoutMs: RUN_MS });
        try {
          await until('the account list read', () => sim.requests.length > mark, { timeoutMs: RUN_MS, running });
          await setup.fill(folder.root, folder.dataDir, running.pid);
        } finally {
          sim.faults.latencyMs = 0;
        }
        const failed = await running.finished;
        expect(failed.code, printed(failed)).toBe(1);
        expect(parseJson<{ error: AppErrorShape }>(failed).error).toMatchObject({ code: 'storage_unavailable', outcome: 'not_sent', message: expect.stringMatching(setup.words) });
        expect(sim.requests.slice(mark).map((request) => `${request.method} ${request.path}`), 'nothing after the account list').toEqual(['GET /v1/accounts']);
        expect(auditRows(folder.dataDir)).toHaveLength(recordsBefore);

        await setup.free(folder.root);
        await worksAgain(cli, close, mark, recordsBefore);
      }, 4 * RUN_MS);
    });
  }

  describe(`before the command starts, with ${TMPFS.name}`, () => {
    const folder = useDataFolder(TMPFS);
    const cli = closeoutRunner(() => folder.dataDir);

    it('exits 1 saying the disk is full before reading the broker at all, and the next close after space is freed works and verifies', async (context) => {
      if (folder.skip !== null) context.skip(folder.skip);
      const close = await connect(cli, folder);
      const recordsBefore = auditRows(folder.dataDir).length;

      const mark = sim.requests.length;
      await TMPFS.fill(folder.root, folder.dataDir, 0);
      const failed = await cli.run(close, { timeoutMs: RUN_MS });
      expect(failed.code, printed(failed)).toBe(1);
      expect(parseJson<{ error: AppErrorShape }>(failed).error).toMatchObject({ code: 'storage_unavailable', outcome: 'not_sent', message: expect.stringMatching(/the disk is full\. Nothing was sent\./) });
      expect(sim.requests.slice(mark)).toEqual([]);

      await TMPFS.free(folder.root);
      expect(auditRows(folder.dataDir)).toHaveLength(recordsBefore);
      await worksAgain(cli, close, mark, recordsBefore);
    }, 4 * RUN_MS);
  });
});
