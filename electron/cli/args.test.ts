import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args';

function usageErrorOf(argv: string[]): UsageError {
  try {
    parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('reads a close with the account, position and quantity', () => {
    expect(parseArgs(['close', 'Alpaca sim', '--account', 'A1', '--position', 'AAPL', '--qty', '10'])).toEqual({
      json: false,
      yes: false,
      settle: false,
      command: { name: 'close', connection: 'Alpaca sim', accountId: 'A1', positionId: 'AAPL', amount: { kind: 'quantity', quantity: '10' }, wait: false },
    });
  });

  it('reads --wait on a close, to follow the closing order to its fill', () => {
    expect(parseArgs(['close', 'c', '--position', 'P', '--wait']).command).toMatchObject({ name: 'close', wait: true });
    expect(parseArgs(['close-all', 'c', '--wait']).command).toMatchObject({ name: 'close-all', wait: true });
    expect(parseArgs(['close-all', 'c']).command).toMatchObject({ name: 'close-all', wait: false });
  });

  it('turns --percent into a percent amount and no amount into closing it all', () => {
    const percent = parseArgs(['close', 'c', '--position', 'P', '--percent', '12.5']).command;
    const all = parseArgs(['close', 'c', '--position', 'P']).command;
    expect(percent).toMatchObject({ amount: { kind: 'percent', percent: '12.5' } });
    expect(all).toMatchObject({ amount: { kind: 'all' } });
  });

  it('keeps amounts exactly as typed so the core validates the digits', () => {
    expect(parseArgs(['close', 'c', '--position', 'P', '--qty', '0.000000001']).command).toMatchObject({
      amount: { kind: 'quantity', quantity: '0.000000001' },
    });
  });

  it('accepts global flags before or after the command and --flag=value spelling', () => {
    const invocation = parseArgs(['--data-dir', '/tmp/x', 'positions', 'c', '--json', '--account=A1']);
    expect(invocation).toEqual({ dataDir: '/tmp/x', json: true, yes: false, settle: false, command: { name: 'positions', connection: 'c', accountId: 'A1' } });
  });

  it('leaves --account out when it is not given, for the single-account rule to decide', () => {
    expect(parseArgs(['orders', 'c']).command).toEqual({ name: 'orders', connection: 'c' });
  });

  it('reads connections add with its broker, base URL, key id and login', () => {
    expect(parseArgs(['connections', 'add', 'n', '--broker', 'scaletrade', '--base-url', 'http://x', '--login', '1234']).command).toEqual({
      name: 'connections add', connection: 'n', broker: 'scaletrade', baseUrl: 'http://x', login: 1234,
    });
    expect(parseArgs(['connections', 'add', 'n', '--broker', 'alpaca', '--base-url', 'http://x', '--key-id', 'K']).command).toMatchObject({ keyId: 'K' });
  });

  it('reads --yes, --cancel-orders and --verify as switches', () => {
    expect(parseArgs(['close-all', 'c', '--cancel-orders', '--yes'])).toMatchObject({ yes: true, command: { cancelOrders: true } });
    expect(parseArgs(['audit', '--verify']).command).toEqual({ name: 'audit', show: { kind: 'verify' } });
  });

  it('reads what audit shows: the list, the head, a verify against a noted head, or an export', () => {
    const hash = 'ab'.repeat(32);
    expect(parseArgs(['audit']).command).toEqual({ name: 'audit', show: { kind: 'list' } });
    expect(parseArgs(['audit', '--head']).command).toEqual({ name: 'audit', show: { kind: 'head' } });
    expect(parseArgs(['audit', '--verify', '--expect-head', `12:${hash}`]).command).toEqual({ name: 'audit', show: { kind: 'verify', expectHead: { seq: 12, hash } } });
    expect(parseArgs(['audit', '--export', 'trail.jsonl']).command).toEqual({ name: 'audit', show: { kind: 'export', file: 'trail.jsonl' } });
  });

  it('reads ui: demo, one client and the browser opened unless --real, --multi-client or --no-open say otherwise', () => {
    expect(parseArgs(['ui']).command).toEqual({ name: 'ui', real: false, multiClient: false, open: true });
    expect(parseArgs(['--data-dir', 'd', 'ui', '--real', '--multi-client', '--no-open']).command).toEqual({ name: 'ui', real: true, multiClient: true, open: false });
    expect(usageErrorOf(['ui', 'extra']).message).toContain('unexpected argument "extra" after ui');
    expect(usageErrorOf(['positions', 'c', '--real']).message).toContain('positions does not take --real');
  });

  it('reads a deliberate retry of an earlier close', () => {
    expect(parseArgs(['close', 'c', '--position', 'P', '--retry-of', 'a1b2']).command).toMatchObject({ name: 'close', retryOf: 'a1b2' });
  });

  it('reads wind-down with its list from a file or from --accounts, and the report file and run id', () => {
    expect(parseArgs(['wind-down', 'c', '--file', 'a.csv', '--yes', '--report', 'r.csv', '--run-id', 'R1'])).toEqual({
      json: false,
      yes: true,
      settle: false,
      command: { name: 'wind-down', connection: 'c', list: { kind: 'file', path: 'a.csv' }, reportFile: 'r.csv', runId: 'R1' },
    });
    expect(parseArgs(['wind-down', 'c', '--accounts', 'A1,A2']).command).toEqual({ name: 'wind-down', connection: 'c', list: { kind: 'text', text: 'A1,A2' } });
  });

  it('takes --settle on the commands that act on one target, and refuses it elsewhere', () => {
    for (const argv of [['close', 'c', '--position', 'P'], ['close-all', 'c'], ['cancel', 'c', '--order', 'O'], ['close-account', 'c', '--account', 'A']]) {
      expect(parseArgs([...argv, '--settle']).settle).toBe(true);
    }
    expect(usageErrorOf(['positions', 'c', '--settle']).message).toContain('--settle');
    expect(usageErrorOf(['wind-down', 'c', '--accounts', 'A1', '--settle']).message).toContain('--settle');
  });

  it('answers help in every spelling', () => {
    expect(parseArgs(['--help']).command).toEqual({ name: 'help', topic: null });
    expect(parseArgs(['-h']).command).toEqual({ name: 'help', topic: null });
    expect(parseArgs(['help', 'close-all']).command).toEqual({ name: 'help', topic: 'close-all' });
    expect(parseArgs(['close', '--help']).command).toEqual({ name: 'help', topic: 'close' });
  });

  it('takes everything after -- as arguments', () => {
    expect(parseArgs(['accounts', '--', '-odd']).command).toEqual({ name: 'accounts', connection: '-odd' });
  });

  it.each([
    [['close', 'c', '--position', 'P', '--qty', '1', '--percent', '5'], '--qty cannot be combined with --percent', '--qty'],
    [['positions', 'c', '--bogus'], 'unknown flag --bogus', '--bogus'],
    [['positions', 'c', '--position', 'P'], 'positions does not take --position', '--position'],
    [['positions', 'c', '--json', '--yes'], 'positions does not take --yes', '--yes'],
    [['positions'], 'positions needs the connection NAME', 'NAME'],
    [['positions', 'c', '--account'], '--account needs a value', '--account'],
    [['positions', 'c', '--account='], '--account must not be empty', '--account'],
    [['positions', 'c', '--account', 'A', '--account', 'B'], '--account is given more than once', '--account'],
    [['close', 'c'], '--position is required', '--position'],
    [['cancel', 'c'], '--order is required', '--order'],
    [['close-account', 'c'], '--account is required', '--account'],
    [['connections', 'add', 'n', '--base-url', 'http://x'], '--broker is required', '--broker'],
    [['connections', 'add', 'n', '--broker', 'ibkr', '--base-url', 'http://x'], '--broker must be one of alpaca, clearstreet, exness, scaletrade', '--broker'],
    [['connections', 'add', 'n', '--broker', 'alpaca'], '--base-url is required', '--base-url'],
    [['connections', 'add', 'n', '--broker', 'scaletrade', '--base-url', 'http://x', '--login', '12a'], '--login must be a whole number', '--login'],
    [['audit', '--json=yes'], '--json takes no value', '--json'],
    [['wind-down', 'c'], '--file or --accounts is required', '--file'],
    [['wind-down', 'c', '--file', 'f', '--accounts', 'A'], '--file cannot be combined with --accounts', '--file'],
    [['positions', 'c', '--file', 'f'], 'positions does not take --file', '--file'],
    [['audit', '--expect-head', `1:${'ab'.repeat(32)}`], '--expect-head needs --verify', '--expect-head'],
    [['audit', '--verify', '--expect-head', '12:abc'], '--expect-head must be SEQ:HASH', '--expect-head'],
    [['audit', '--verify', '--head'], '--verify cannot be combined with --head', '--head'],
    [['audit', '--head', '--export', 'x.jsonl'], '--head cannot be combined with --export', '--export'],
    [['cancel', 'c', '--order', 'O', '--retry-of', 'a1'], 'cancel does not take --retry-of', '--retry-of'],
    [['connections', 'edit', 'c'], '--base-url, --firm-account or --no-firm-account is required', '--base-url'],
    [['connections', 'edit', 'c', '--firm-account', 'F1', '--no-firm-account'], '--firm-account cannot be combined with --no-firm-account', '--no-firm-account'],
    [['wind-down', 'c', '--accounts', 'A1', '--sweep-to', 'F1', '--no-sweep'], '--sweep-to cannot be combined with --no-sweep', '--no-sweep'],
  ])('refuses %j naming the flag and the rule', (argv, message, field) => {
    const error = usageErrorOf(argv);
    expect(error.message).toContain(message);
    expect(error.field).toBe(field);
  });

  it.each([
    [[], 'missing command'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['connections'], 'connections takes add, list, remove, test, rotate or edit, not nothing'],
    [['connections', 'rename', 'x'], 'connections takes add, list, remove, test, rotate or edit, not "rename"'],
    [['connections', 'list', 'extra'], 'unexpected argument "extra" after connections list'],
    [['positions', 'a', 'b'], 'unexpected argument "b" after positions'],
    [['help', 'nonsense'], 'unknown command "nonsense"'],
    [['-x'], 'unknown option -x'],
  ])('refuses %j as bad usage', (argv, message) => {
    expect(usageErrorOf(argv).message).toContain(message);
  });

  it('reads the firm account of connections edit, and --no-sweep as no sweep where --sweep-to is absent', () => {
    expect(parseArgs(['connections', 'edit', 'c', '--firm-account', 'F1']).command).toEqual({ name: 'connections edit', connection: 'c', firmAccount: 'F1' });
    expect(parseArgs(['connections', 'edit', 'c', '--base-url', 'https://b', '--no-firm-account']).command).toEqual({ name: 'connections edit', connection: 'c', baseUrl: 'https://b', firmAccount: null });
    expect(parseArgs(['wind-down', 'c', '--accounts', 'A1', '--no-sweep']).command).toMatchObject({ sweepTo: null });
    expect(parseArgs(['wind-down', '--resume', 'run-1', '--no-sweep']).command).toMatchObject({ resume: 'run-1', sweepTo: null });
    expect(parseArgs(['wind-down', 'c', '--accounts', 'A1']).command).not.toHaveProperty('sweepTo');
  });

  it('points the hint at the command the mistake was made in', () => {
    expect(usageErrorOf(['close', 'c', '--position', 'P', '--qty', '1', '--percent', '5']).topic).toBe('close');
    expect(usageErrorOf(['connections', 'add', 'n']).topic).toBe('connections');
  });
});
