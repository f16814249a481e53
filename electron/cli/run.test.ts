import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { ActionReceipt, CloseAllReceipt } from '../../shared/actions';
import { BROKER_CAPABILITIES } from '../../shared/brokers';
import { AppError } from '../../shared/errors';
import type { AppCoreOptions } from '../bootstrap';
import { createMemoryProgressStore } from '../core/windDown/progressStore';
import { createDispatcher } from '../core/dispatcher';
import type { Handlers } from '../core/handlers';
import { CapturedOutput, FakeKeyboard } from './fakeStreams.testkit';
import { aCloseCheck, anAccount, aPosition } from '../../shared/domain.testkit';
import { runCli, type StartCore } from './run';

const RECEIPT: ActionReceipt = { actionId: 'act-1', kind: 'close_position', state: 'accepted', message: 'Closing order accepted.', requestId: 'req-1', order: null };

/** A core with the real dispatcher (so the real validation) in front of handlers the test controls. */
function fakeCore(overrides: Partial<Handlers> = {}) {
  const handlers = {
    'connections:list': vi.fn(async () => [{ name: 'c', broker: 'alpaca' as const, baseUrl: 'http://sim', demo: false, capabilities: BROKER_CAPABILITIES.alpaca }]),
    'accounts:list': vi.fn(async () => [anAccount()]),
    'positions:list': vi.fn(async () => [aPosition()]),
    'account:closeCheck': vi.fn(async () => aCloseCheck({ positions: [aPosition()] })),
    'position:close': vi.fn(async () => RECEIPT),
    ...overrides,
  } as unknown as Handlers;
  const started: AppCoreOptions[] = [];
  const startCore: StartCore = async (options) => {
    started.push(options);
    return { handlers, dispatch: createDispatcher(handlers), windDownProgress: createMemoryProgressStore(), close: async () => {} };
  };
  return { handlers, startCore, started };
}

async function run(argv: string[], startCore: StartCore, options: { keyboard?: FakeKeyboard; stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const stdout = new CapturedOutput();
  const stderr = new CapturedOutput();
  const stdin = options.keyboard ?? Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const exitCode = await runCli({ argv, env: options.env ?? {}, stdin, stdout, stderr }, startCore);
  return { exitCode, stdout: stdout.text, stderr: stderr.text };
}

describe('runCli', () => {
  it('prints the contract for --help without starting the core', async () => {
    const core = fakeCore();
    const result = await run(['--help'], core.startCore);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('close NAME [--account ID] --position ID [--qty Q | --percent P]');
    expect(result.stdout).toContain('Exit codes: 0 done, 1 refused or failed at the broker, 2 bad usage or input, 3 outcome unknown');
    expect(core.started).toHaveLength(0);
  });

  it('reports a usage error on stderr in one line with a hint, and exits 2', async () => {
    const result = await run(['close', 'c', '--position', 'AAPL', '--qty', '1', '--percent', '5'], fakeCore().startCore);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("closeout: --qty cannot be combined with --percent: give one amount, or neither to close it all\nRun 'closeout close --help' for usage.\n");
  });

  it('reports a usage error as one JSON document on stdout with --json', async () => {
    const result = await run(['--json', 'positions', 'c', '--bogus'], fakeCore().startCore);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'validation', message: 'unknown flag --bogus', retryable: false, outcome: 'not_sent', field: '--bogus' } });
  });

  it('refuses a destructive command without --yes when there is no terminal, before reading anything', async () => {
    const core = fakeCore();
    const result = await run(['close', 'c', '--position', 'AAPL'], core.startCore);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('refusing to close a position without confirmation: pass --yes');
    expect(core.handlers['accounts:list']).not.toHaveBeenCalled();
    expect(core.handlers['position:close']).not.toHaveBeenCalled();
  });

  it('uses the only account when --account is left out', async () => {
    const core = fakeCore();
    const result = await run(['positions', 'c', '--json'], core.startCore);
    expect(result.exitCode).toBe(0);
    expect(core.handlers['positions:list']).toHaveBeenCalledWith({ connection: 'c', accountId: 'acc-1' });
    expect(JSON.parse(result.stdout)).toEqual([aPosition()]);
  });

  it('asks for --account when the connection has several accounts, saying how many', async () => {
    const core = fakeCore({ 'accounts:list': vi.fn(async () => [anAccount(), anAccount({ id: 'acc-2' })]) });
    const result = await run(['orders', 'c'], core.startCore);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--account is required: connection "c" has 2 accounts');
  });

  it("gives the core's validation error for a bad amount, naming the field and the flag", async () => {
    const core = fakeCore();
    const result = await run(['close', 'c', '--account', 'acc-1', '--position', 'AAPL', '--qty', '1e3', '--yes'], core.startCore);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('closeout: amount.quantity must be a plain decimal number such as 12 or 0.5 (--qty)\n');
    expect(core.handlers['position:close']).not.toHaveBeenCalled();
  });

  it('exits 3 and says the outcome is unknown when the core says so', async () => {
    const unknown = new AppError({ code: 'outcome_unknown', outcome: 'unknown', message: 'The broker did not answer in time.', requestId: 'req-9' });
    const core = fakeCore({ 'position:close': vi.fn(async () => { throw unknown; }) });
    const result = await run(['close', 'c', '--account', 'acc-1', '--position', 'AAPL', '--yes'], core.startCore);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('closeout: outcome unknown: The broker did not answer in time. (request id req-9)');
  });

  it('exits 1 with the broker code and request id when the broker refuses, as JSON on stdout with --json', async () => {
    const refused = new AppError({ code: 'broker_rejected', outcome: 'rejected', message: 'Refused.', brokerCode: '40310000', requestId: 'req-2' });
    const core = fakeCore({ 'position:close': vi.fn(async () => { throw refused; }) });
    const human = await run(['close', 'c', '--account', 'acc-1', '--position', 'AAPL', '--yes'], core.startCore);
    const json = await run(['close', 'c', '--account', 'acc-1', '--position', 'AAPL', '--yes', '--json'], core.startCore);
    expect(human.exitCode).toBe(1);
    expect(human.stderr).toBe('closeout: Refused. (broker code 40310000, request id req-2)\n');
    expect(json.exitCode).toBe(1);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({ error: refused.toShape() });
  });

  it('exits 1 when close-all was refused for some positions, printing the receipt', async () => {
    const receipt: CloseAllReceipt = {
      actionId: 'a', kind: 'close_all', state: 'accepted', message: 'Closing orders were accepted for 1 of 2 positions; 1 refused.', requestId: null, cancelOrdersFirst: false,
      items: [
        { symbol: 'AAPL', positionId: 'AAPL', state: 'accepted', httpStatus: 200, orderId: 'o1', message: 'ok', brokerCode: null },
        { symbol: 'TSLA', positionId: 'TSLA', state: 'rejected', httpStatus: 500, orderId: null, message: 'failed', brokerCode: null },
      ],
    };
    const core = fakeCore({ 'positions:closeAll': vi.fn(async () => receipt) });
    const result = await run(['close-all', 'c', '--yes', '--json'], core.startCore);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual(receipt);
  });

  it("exits 1 with the core's own error when the core cannot start, as JSON on stdout with --json", async () => {
    const full = new AppError({ code: 'storage_unavailable', outcome: 'not_sent', retryable: false, message: 'Closeout could not write its journal /data/closeout.db: the disk is full. Nothing was sent.' });
    const startCore: StartCore = async () => {
      throw full;
    };
    const human = await run(['close', 'c', '--account', 'acc-1', '--position', 'AAPL', '--yes'], startCore);
    const json = await run(['close', 'c', '--account', 'acc-1', '--position', 'AAPL', '--yes', '--json'], startCore);
    expect(human.exitCode).toBe(1);
    expect(human.stderr).toBe('closeout: Closeout could not write its journal /data/closeout.db: the disk is full. Nothing was sent.\n');
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ error: full.toShape() });
  });

  it('passes CLOSEOUT_BROKER_TIMEOUT_MS to the core and refuses a malformed one', async () => {
    const core = fakeCore();
    await run(['positions', 'c'], core.startCore, { env: { CLOSEOUT_BROKER_TIMEOUT_MS: '750' } });
    expect(core.started[0]).toMatchObject({ brokerTimeoutMs: 750, demo: false });
    const bad = await run(['positions', 'c'], core.startCore, { env: { CLOSEOUT_BROKER_TIMEOUT_MS: '1.5s' } });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('CLOSEOUT_BROKER_TIMEOUT_MS must be a whole number of milliseconds');
  });

  it('takes the data folder from --data-dir, then CLOSEOUT_HOME', async () => {
    const core = fakeCore();
    await run(['positions', 'c', '--data-dir', '/tmp/flag-dir'], core.startCore, { env: { CLOSEOUT_HOME: '/tmp/home-dir' } });
    await run(['positions', 'c'], core.startCore, { env: { CLOSEOUT_HOME: '/tmp/home-dir' } });
    expect(core.started.map((options) => options.dataDir)).toEqual(['/tmp/flag-dir', '/tmp/home-dir']);
  });
});

describe('runCli on a terminal', () => {
  it('shows exactly what a close will send and sends it after yes', async () => {
    const core = fakeCore();
    const keyboard = new FakeKeyboard();
    keyboard.typeSoon('yes\r');
    const result = await run(['close', 'c', '--position', 'AAPL', '--qty', '10'], core.startCore, { keyboard });
    expect(result.stderr).toContain('Close 10 of 25 shares of AAPL (long) in account 9JA74XQ2 at market on c. Type yes to confirm: ');
    expect(result.exitCode).toBe(0);
    expect(core.handlers['position:close']).toHaveBeenCalledWith({ connection: 'c', accountId: 'acc-1', positionId: 'AAPL', amount: { kind: 'quantity', quantity: '10' }, wait: false });
  });

  it('sends nothing and exits 1 when the answer is not yes', async () => {
    const core = fakeCore();
    const keyboard = new FakeKeyboard();
    keyboard.typeSoon('y\r');
    const result = await run(['close', 'c', '--position', 'AAPL'], core.startCore, { keyboard });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Not confirmed: nothing was sent.');
    expect(core.handlers['position:close']).not.toHaveBeenCalled();
  });

  it('refuses a quantity above the position before asking', async () => {
    const core = fakeCore();
    const result = await run(['close', 'c', '--position', 'AAPL', '--qty', '30'], core.startCore, { keyboard: new FakeKeyboard() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('closeout: quantity must be at most the available 25 shares (--qty)\n');
  });

  it('wants the account number, not yes, for close-all', async () => {
    const closeAll = vi.fn(async () => ({ actionId: 'a', kind: 'close_all', state: 'accepted', message: 'done', requestId: null, cancelOrdersFirst: false, items: [] }));
    const core = fakeCore({ 'positions:closeAll': closeAll } as Partial<Handlers>);
    const saidYes = new FakeKeyboard();
    saidYes.typeSoon('yes\r');
    const refused = await run(['close-all', 'c'], core.startCore, { keyboard: saidYes });
    const typedNumber = new FakeKeyboard();
    typedNumber.typeSoon('9JA74XQ2\r');
    const confirmed = await run(['close-all', 'c'], core.startCore, { keyboard: typedNumber });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('Type the account number (9JA74XQ2) to confirm: ');
    expect(confirmed.exitCode).toBe(0);
    expect(closeAll).toHaveBeenCalledTimes(1);
  });

  it('shows the close check and refuses close-account while blockers remain, naming each once, without asking', async () => {
    const closeAccount = vi.fn(async () => RECEIPT);
    const check = aCloseCheck({ positions: [aPosition()], blockers: ['1 open position remains: AAPL long 25.'] });
    const core = fakeCore({ 'account:closeCheck': vi.fn(async () => check), 'account:close': closeAccount });
    const result = await run(['close-account', 'c', '--account', 'acc-1'], core.startCore, { keyboard: new FakeKeyboard() });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Positions (1):');
    expect(result.stderr).toContain('closeout: Account 9JA74XQ2 cannot be closed yet: clear the blocker listed above first.');
    expect(result.stderr.split('1 open position remains: AAPL long 25.')).toHaveLength(2);
    expect(closeAccount).not.toHaveBeenCalled();
  });

  it('closes a clear account after the account number is typed, passing it to the core', async () => {
    const closeAccount = vi.fn(async () => ({ ...RECEIPT, kind: 'close_account' }));
    const core = fakeCore({ 'account:closeCheck': vi.fn(async () => aCloseCheck()), 'account:close': closeAccount } as Partial<Handlers>);
    const keyboard = new FakeKeyboard();
    keyboard.typeSoon('9JA74XQ2\r');
    const result = await run(['close-account', 'c', '--account', 'acc-1'], core.startCore, { keyboard });
    expect(result.exitCode).toBe(0);
    expect(closeAccount).toHaveBeenCalledWith({ connection: 'c', accountId: 'acc-1', confirmAccountNumber: '9JA74XQ2' });
  });

  it('asks for the secret with echo off and never prints it', async () => {
    const add = vi.fn(async () => ({ name: 'n', broker: 'alpaca', baseUrl: 'https://sim.example', demo: false, capabilities: BROKER_CAPABILITIES.alpaca }));
    const core = fakeCore({ 'connections:add': add } as Partial<Handlers>);
    const keyboard = new FakeKeyboard();
    keyboard.typeSoon('sup3r-s3cret\r');
    const result = await run(['connections', 'add', 'n', '--broker', 'alpaca', '--base-url', 'https://sim.example', '--key-id', 'K'], core.startCore, { keyboard });
    expect(result.exitCode).toBe(0);
    expect(add).toHaveBeenCalledWith({ name: 'n', broker: 'alpaca', baseUrl: 'https://sim.example', keyId: 'K', secret: 'sup3r-s3cret' });
    expect(result.stderr).toBe('Secret for n: \n');
    expect(result.stdout).not.toContain('sup3r');
  });

  it('reports a bad base URL before asking for the secret', async () => {
    const keyboard = new FakeKeyboard();
    const result = await run(['connections', 'add', 'n', '--broker', 'alpaca', '--base-url', 'not a url', '--key-id', 'K'], fakeCore().startCore, { keyboard });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('closeout: baseUrl must be an absolute URL (--base-url)\n');
  });
});
