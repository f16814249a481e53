import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlattenAccountPlan, FlattenReport } from '../../shared/flatten';
import { startAppCore } from '../bootstrap';
import { ALPACA, IDS, SCALETRADE, startDesk, type Desk } from '../core/flatten/desk.testkit';
import { CapturedOutput, FakeKeyboard } from './fakeStreams.testkit';
import { runCli, type StartCore } from './run';

// closeout flatten in this process against the real core, journal and adapters, over HTTP to an Alpaca and a ScaleTrade
// simulator, as a script or a person at a terminal runs it.

const desks: Desk[] = [];
afterEach(async () => {
  for (const desk of desks.splice(0)) await desk.close();
});

async function desk(options: Parameters<typeof startDesk>[0] = {}): Promise<Desk> {
  const started = await startDesk(options);
  desks.push(started);
  return started;
}

async function closeout(on: Desk, argv: string[], options: { keyboard?: FakeKeyboard; env?: NodeJS.ProcessEnv } = {}) {
  const stdout = new CapturedOutput();
  const stderr = new CapturedOutput();
  const startCore: StartCore = (coreOptions) => startAppCore({ ...coreOptions, vault: on.vault, auditKeys: on.auditKeys, reconcileDelaysMs: [0] });
  const stdin = options.keyboard ?? Readable.from([]);
  const exitCode = await runCli({ argv: ['--data-dir', on.dataDir, ...argv], env: options.env ?? {}, stdin, stdout, stderr }, startCore);
  return { exitCode, stdout: stdout.text, stderr: stderr.text };
}

const alpacaSends = (on: Desk) => on.alpaca.requests.filter((request) => request.method !== 'GET');
const scaleTradeCloses = (on: Desk) => on.scaletrade.requests.filter((request) => request.method !== 'GET' && request.path !== '/sign/in');

describe('closeout flatten', () => {
  it('flattens every account of two connections with --yes, printing the plan and progress on stderr and a result per item as JSON', async () => {
    const on = await desk();
    const result = await closeout(on, ['--json', 'flatten', '--connections', `${ALPACA},${SCALETRADE}`, '--yes']);

    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as FlattenReport & { accounts: FlattenAccountPlan[] };
    expect(report.summary).toEqual({ done: 29, refused: 0, unknown: 0 });
    expect(report.items).toHaveLength(29);
    expect(report.accounts.find((account) => account.connection === SCALETRADE)?.cannotDo.join(' ')).toMatch(/4 open orders stay/);
    expect(result.stderr).toContain('29 positions to close and 0 orders to cancel');
    expect(result.stderr).toContain('[29/29]');
    expect(alpacaSends(on)).toHaveLength(4);
    expect(scaleTradeCloses(on)).toHaveLength(25);
  });

  it('flattens only the accounts --accounts names, by number or as CONNECTION:ID', async () => {
    const on = await desk();
    const result = await closeout(on, ['flatten', '--connections', `${ALPACA},${SCALETRADE}`, '--accounts', `9JA74XQ2, ${ALPACA}:${IDS.flat}`, '--yes']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('4 done, 0 refused, 0 outcome unknown.');
    expect(result.stdout).toMatch(/close\s+AAPL/);
    expect(scaleTradeCloses(on)).toHaveLength(0);
  });

  it('refuses an account no connection has, naming --accounts, and sends nothing (exit 2)', async () => {
    const on = await desk();
    const result = await closeout(on, ['--json', 'flatten', '--connections', ALPACA, '--accounts', 'NOPE123', '--yes']);

    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'validation', field: '--accounts' } });
    expect(alpacaSends(on)).toEqual([]);
  });

  it('refuses to run without --yes when there is no terminal, and without --connections, sending nothing (exit 2)', async () => {
    const on = await desk();
    const noYes = await closeout(on, ['flatten', '--connections', ALPACA]);
    const noConnections = await closeout(on, ['flatten', '--yes']);

    expect(noYes.exitCode).toBe(2);
    expect(noYes.stderr).toContain('refusing to flatten accounts without confirmation: pass --yes');
    expect(noConnections.exitCode).toBe(2);
    expect(noConnections.stderr).toContain('--connections is required');
    expect(alpacaSends(on)).toEqual([]);
  });

  it('exits 3 when a close got no answer, and the result says outcome unknown', async () => {
    const on = await desk();
    on.alpaca.faults.hang = { match: { method: 'DELETE', path: /\/positions\/TSLA$/ }, when: 'after-apply' };
    const result = await closeout(on, ['--json', 'flatten', '--connections', ALPACA, '--accounts', '9JA74XQ2', '--yes'], { env: { CLOSEOUT_BROKER_TIMEOUT_MS: '600' } });

    expect(result.exitCode).toBe(3);
    const report = JSON.parse(result.stdout) as FlattenReport;
    expect(report.items.find((item) => item.targetId === 'TSLA')?.state).toBe('unknown');
    expect(on.alpaca.requests.filter((request) => request.method === 'DELETE' && request.path.endsWith('/positions/TSLA'))).toHaveLength(1);
  });

  it('on a terminal sends only once the number of positions is typed', async () => {
    const on = await desk();
    const wrong = new FakeKeyboard();
    wrong.typeSoon('yes\r');
    const refused = await closeout(on, ['flatten', '--connections', ALPACA, '--accounts', '9JA74XQ2'], { keyboard: wrong });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('Type the number of positions (4) to confirm: ');
    expect(alpacaSends(on)).toEqual([]);

    const right = new FakeKeyboard();
    right.typeSoon('4\r');
    const confirmed = await closeout(on, ['flatten', '--connections', ALPACA, '--accounts', '9JA74XQ2'], { keyboard: right });
    expect(confirmed.exitCode).toBe(0);
    expect(alpacaSends(on)).toHaveLength(4);
  });
});
