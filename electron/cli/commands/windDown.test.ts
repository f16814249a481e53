import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createJournalProgressStore } from '../../core/windDown/progressStore';
import { createMemoryAuditKeys } from '../../core/credentials/auditKeyStore';
import { createDispatcher } from '../../core/dispatcher';
import type { Handlers } from '../../core/handlers';
import { openJournalStores } from '../../core/journal';
import type { WindDownHandlers } from '../../core/windDown/serviceCalls';
import { FAKE_CONNECTION, bookPosition, bookAccount, bookOrder, fakeBroker, type FakeBook, type FakeBroker } from '../../core/windDown/fakeBroker.testkit';
import type { WindDownReport } from '../../../shared/windDown';
import { CapturedOutput, FakeKeyboard } from '../fakeStreams.testkit';
import { runCli, type StartCore } from '../run';

let dataDir: string;

// Line feeds aside, nothing a terminal or a spreadsheet would act on rather than show.
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL_OR_BIDI = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-cmd-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function books(): FakeBook[] {
  return [
    { account: bookAccount('a1', 'N1'), cash: '0', positions: [bookPosition('a1', 'AAPL')], orders: [bookOrder('a1', 'o1')] },
    { account: bookAccount('a2', 'N2'), cash: '0', positions: [], orders: [] },
  ];
}

/** The real dispatcher in front of a fake broker: only the channels a wind-down uses are there. */
function coreOver(broker: FakeBroker): StartCore {
  const handlers = broker.handlers as unknown as Handlers;
  return async () => {
    const stores = openJournalStores(dataDir, createMemoryAuditKeys());
    return { handlers, dispatch: createDispatcher(handlers), windDownProgress: createJournalProgressStore(stores), close: async () => stores.journal.close() };
  };
}

async function run(argv: string[], broker: FakeBroker, keyboard?: FakeKeyboard, commandName = 'wind-down') {
  const stdout = new CapturedOutput();
  const stderr = new CapturedOutput();
  const stdin = keyboard ?? Readable.from([]);
  const exitCode = await runCli({ argv: ['--data-dir', dataDir, commandName, FAKE_CONNECTION, ...argv], env: {}, stdin, stdout, stderr }, coreOver(broker));
  return { exitCode, stdout: stdout.text, stderr: stderr.text };
}

describe('wind-down on a terminal', () => {
  it('shows the preflight and the plan, and sends nothing when the typed number is not the number of accounts', async () => {
    const broker = fakeBroker(books());
    const keyboard = new FakeKeyboard();
    keyboard.typeSoon('yes\r');
    const result = await run(['--accounts', 'N1,N2'], broker, keyboard);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^REF +NUMBER +NAME +STATUS +POSITIONS +OPEN ORDERS +CASH +PLAN$/m);
    expect(result.stderr).toContain('    - now: cancel 1 open order (MSFT sell 5)');
    expect(result.stderr).toContain('    - now: close 1 position (AAPL long 10) at market');
    expect(result.stderr).toContain(`Wind down 2 accounts on ${FAKE_CONNECTION} as planned above. This cannot be undone. Type the number of accounts (2) to confirm: `);
    expect(result.stderr).toContain('closeout: Not confirmed: nothing was sent.');
    expect(broker.sent).toEqual([]);
  });

  it('runs every account after the number is typed once, with progress on stderr and the report on stdout', async () => {
    const broker = fakeBroker(books());
    const keyboard = new FakeKeyboard();
    keyboard.typeSoon('2\r');
    const result = await run(['--accounts', 'N1 N2'], broker, keyboard);
    expect(result.exitCode).toBe(0);
    // The two accounts run side by side: each one's requests keep their order.
    expect(sentFor(broker.sent, 'a1')).toEqual(['order:cancel a1', 'positions:closeAll a1', 'account:close a1']);
    expect(sentFor(broker.sent, 'a2')).toEqual(['account:close a2']);
    expect(result.stderr).toContain('[--------------------] account 1 of 2: N1 (Holder N1)');
    expect(result.stderr).toContain('[##########----------] account 2 of 2: N2 (Holder N2)');
    expect(result.stderr).toContain('    N1 close positions: done. Closing accepted for 1 of 1 positions.');
    expect(result.stdout).toMatch(/^N1 +N1 +Holder N1 +done +yes +-$/m);
    expect(result.stdout).toContain('2 done, 0 parked, 0 stopped, 0 skipped.');
  });

  it('asks nothing when no account needs anything sent', async () => {
    const broker = fakeBroker([{ account: bookAccount('a1', 'N1', { status: 'CLOSED', statusTone: 'closed' }), cash: '0', positions: [], orders: [] }]);
    const result = await run(['--accounts', 'N1,N9'], broker, new FakeKeyboard());
    expect(result.exitCode).toBe(0);
    expect(result.stderr).not.toContain('to confirm');
    expect(result.stdout).toMatch(/^N9 +- +- +skipped +no +not found on Fake$/m);
  });
});

describe('wind-down headless', () => {
  it('answers to its old name, closeout-accounts, with the same requests, output and exit code', async () => {
    const byNewName = fakeBroker(books());
    const newName = await run(['--accounts', 'N1,N2', '--yes'], byNewName);
    await rm(dataDir, { recursive: true, force: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-cmd-'));
    const byOldName = fakeBroker(books());
    const oldName = await run(['--accounts', 'N1,N2', '--yes'], byOldName, undefined, 'closeout-accounts');
    expect(newName.exitCode).toBe(0);
    expect(sentFor(byNewName.sent, 'a1')).toEqual(['order:cancel a1', 'positions:closeAll a1', 'account:close a1']);
    expect([...byOldName.sent].sort()).toEqual([...byNewName.sent].sort());
    // How long the wait until flat took, and how the two accounts' lines interleave, are what two runs may tell apart.
    const timeless = (output: typeof newName) => ({
      ...output,
      stderr: output.stderr.replace(/Flat after \d+ ms/g, 'Flat after N ms').split('\n').sort().join('\n'),
    });
    expect(timeless(oldName)).toEqual(timeless(newName));
  });

  it('refuses without --yes when no terminal can ask, before reading anything', async () => {
    const broker = fakeBroker(books());
    let reads = 0;
    broker.handlers['connections:list'] = async () => {
      reads += 1;
      return [];
    };
    const result = await run(['--accounts', 'N1'], broker);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('refusing to wind down accounts without confirmation: pass --yes');
    expect(reads).toBe(0);
  });

  it('prints the report as JSON and exits 1 when an account stopped, writing the CSV report', async () => {
    const list = path.join(dataDir, 'accounts.csv');
    const csv = path.join(dataDir, 'report.csv');
    await writeFile(list, 'account_number,owner\nN1,Jane\nN2,John\n');
    const stopped = new AppError({ code: 'broker_rejected', outcome: 'rejected', message: 'Alpaca rejected the request: no', requestId: 'req-5' });
    const broker = fakeBroker(books(), { overrides: { 'positions:closeAll': async () => { throw stopped; } } });
    const result = await run(['--file', list, '--yes', '--json', '--report', csv], broker);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as WindDownReport;
    expect(report.accounts.map((account) => [account.number, account.status])).toEqual([['N1', 'stopped'], ['N2', 'done']]);
    expect(report.accounts[0]?.reason).toBe('close positions: Alpaca rejected the request: no (request id req-5) [broker_rejected]');
    expect(result.stderr).toContain(`Report written to ${csv}.`);
    const lines = (await readFile(csv, 'utf8')).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^N1,a1,N1,Holder N1,stopped,no,no,close positions: Alpaca rejected/);
  });

  it('writes the report as a new owner-only file, not in place with the mode of the file it replaces', async () => {
    const csv = path.join(dataDir, 'report.csv');
    await writeFile(csv, 'an older report');
    await chmod(csv, 0o644);
    const result = await run(['--accounts', 'N2', '--yes', '--report', csv], fakeBroker(books()));
    expect(result.exitCode).toBe(0);
    expect((await stat(csv)).mode & 0o777).toBe(0o600);
    expect(await readFile(csv, 'utf8')).toMatch(/^ref,account_id,/);
  });

  it('exits 2 naming --report when it is a symbolic link, sending nothing and writing nothing through it', async () => {
    const target = path.join(dataDir, 'elsewhere.txt');
    const link = path.join(dataDir, 'report.csv');
    await writeFile(target, 'precious');
    await symlink(target, link);
    const broker = fakeBroker(books());
    const result = await run(['--accounts', 'N1,N2', '--yes', '--report', link], broker);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`closeout: --report ${link} is a symbolic link; the report is written only to a file named directly, never through a link. Nothing was sent.\n`);
    expect(broker.sent).toEqual([]);
    expect(await readFile(target, 'utf8')).toBe('precious');
  });

  it('exits 2 naming --report when it is a folder, sending nothing', async () => {
    const broker = fakeBroker(books());
    const result = await run(['--accounts', 'N1', '--yes', '--report', dataDir], broker);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`--report ${dataDir} is not a regular file`);
    expect(broker.sent).toEqual([]);
  });

  it('neutralises control characters and bidirectional overrides from the broker in progress, report and CSV alike', async () => {
    const csv = path.join(dataDir, 'report.csv');
    const hostile = 'Alpaca rejected the request: \u001b[31m\u202eyenom on\u202c\r\u2066x\u2069';
    const stopped = new AppError({ code: 'broker_rejected', outcome: 'rejected', message: hostile, requestId: 'req\u200f-5' });
    const broker = fakeBroker(books(), { overrides: { 'positions:closeAll': async () => { throw stopped; } } });
    const result = await run(['--accounts', 'N1', '--yes', '--report', csv], broker);
    expect(result.exitCode).toBe(1);
    const written = await readFile(csv, 'utf8');
    for (const text of [result.stderr, result.stdout, written.replace(/\r\n/g, '\n')]) {
      expect(text).toContain('Alpaca rejected the request:  [31m yenom on   x');
      expect(text).not.toMatch(CONTROL_OR_BIDI);
    }
  });

  it('exits 3 when a step outcome is unknown', async () => {
    const unknown = new AppError({ code: 'outcome_unknown', outcome: 'unknown', message: 'No answer from Alpaca.' });
    const overrides: Partial<WindDownHandlers> = { 'account:close': async () => { throw unknown; } };
    const result = await run(['--accounts', 'N2', '--yes'], fakeBroker(books(), { overrides }));
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/^N2 +N2 +Holder N2 +stopped \(unknown\) +no +unknown: check before re-running\. close account: No answer from Alpaca\. \[outcome_unknown\]$/m);
    expect(result.stdout).toContain('1 account has a step whose outcome is unknown: check at the broker before running again.');
  });

  it('keeps the progress under the run id given with --run-id', async () => {
    const result = await run(['--accounts', 'N2', '--yes', '--run-id', 'ticket-4711'], fakeBroker(books()));
    expect(result.exitCode).toBe(0);
    const stores = openJournalStores(dataDir, createMemoryAuditKeys());
    try {
      expect(await createJournalProgressStore(stores).load('ticket-4711')).toMatchObject({ runId: 'ticket-4711', connection: FAKE_CONNECTION });
    } finally {
      stores.journal.close();
    }
  });

  it('exits 2 naming the line of a list entry that is not an account, sending nothing', async () => {
    const broker = fakeBroker(books());
    const result = await run(['--accounts', 'N1,N2?', '--yes'], broker);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'closeout: the account list is not usable: line 1: "N2?" is not an account id or number (letters, digits and . _ : / - only, at most 128). Nothing was sent.\n',
    );
    expect(broker.sent).toEqual([]);
  });

  it.each([
    ['a named pipe', async (file: string) => execFileSync('mkfifo', [file]), 'it is a named pipe, not a regular file'],
    ['a folder', async (file: string) => mkdir(file), 'it is a folder, not a regular file'],
    ['over 5 MB', async (file: string) => { await writeFile(file, ''); await truncate(file, 5 * 1024 * 1024 + 1); }, `it is ${5 * 1024 * 1024 + 1} bytes, more than the 5 MB an account list may be`],
  ])('exits 2 for --file that is %s, before reading it and sending nothing', async (_kind, make, reason) => {
    const file = path.join(dataDir, 'list');
    await make(file);
    const broker = fakeBroker(books());
    const result = await run(['--file', file, '--yes'], broker);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`closeout: cannot read ${file}: ${reason}\n`);
    expect(broker.sent).toEqual([]);
  }, 5_000);

  it('exits 2 for --file /dev/zero, which would never end', async () => {
    const result = await run(['--file', '/dev/zero', '--yes'], fakeBroker(books()));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('closeout: cannot read /dev/zero: it is a device, not a regular file\n');
  }, 5_000);

  it('exits 2 when the list file cannot be read', async () => {
    const result = await run(['--file', path.join(dataDir, 'missing.csv'), '--yes'], fakeBroker(books()));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`cannot read ${path.join(dataDir, 'missing.csv')}: no such file`);
  });
});

function sentFor(sent: readonly string[], accountId: string): string[] {
  return sent.filter((request) => request.endsWith(` ${accountId}`));
}
