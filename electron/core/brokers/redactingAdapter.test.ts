import { afterEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulators
import { startAlpacaSim, type AlpacaSim } from '../../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulators
import { fixtureData as alpacaBook, IDS as ALPACA_IDS } from '../../../sim/alpaca/testSupport';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulators
import { startClearStreetSim, type ClearStreetSim } from '../../../sim/clearstreet/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulators
import { fixtureData as clearStreetBook, IDS as CLEAR_STREET_IDS } from '../../../sim/clearstreet/testSupport';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulators
import { startExnessSim, type ExnessSim } from '../../../sim/exness/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulators
import { fixtureData as exnessBook, TICKETS, USERS } from '../../../sim/exness/testSupport';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulators
import { startScaleTradeSim, type ScaleTradeSim } from '../../../sim/scaletrade/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulators
import { fixtureData as scaleTradeBook, TRADER } from '../../../sim/scaletrade/testSupport';
import type { BrokerKind } from '../../../shared/brokers';
import { toDecimalString } from '../../../shared/decimal';
import type { Position } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { ConnectionRegistry } from '../connectionRegistry';
import { createMemoryProfileStore } from '../connections/profileStore';
import { createMemoryVault } from '../credentials/memoryVault';
import type { BrokerAdapter, BrokerCredentials } from './broker';
import { redactValue } from './redactingAdapter';
import { adapterFactories } from './registry';
import { createRedactor } from './secretRedactor';

// Each simulator is told to quote the credentials it received back in its answers (its echoCredentials fault), raw
// and percent-encoded; the adapter comes from the connection registry, as the service gets it.

const sims: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

async function connect(broker: BrokerKind, baseUrl: string, credentials: BrokerCredentials): Promise<BrokerAdapter> {
  const { secret, ...identity } = credentials;
  const vault = createMemoryVault();
  await vault.set('Desk', secret);
  const profiles = createMemoryProfileStore([{ name: 'Desk', broker, baseUrl, ...identity, createdAt: '2026-01-01T00:00:00Z' }]);
  const registry = new ConnectionRegistry({ profiles, vault, adapterFactories, timeoutMs: 2_000 });
  return (await registry.resolve('Desk')).adapter;
}

async function failure(promise: Promise<unknown> | undefined): Promise<AppError> {
  const error = await Promise.resolve(promise).then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function textOf(value: unknown): string {
  return value instanceof AppError ? `${JSON.stringify(value.toShape())} ${value.message} ${value.stack ?? ''}` : JSON.stringify(value);
}

/** The echo reached the value (so the check means something) and none of the secret's spellings survived it. */
function expectScrubbed(value: unknown, spellings: string[]): void {
  const text = textOf(value);
  expect(text).toContain('[redacted]');
  for (const spelling of spellings) expect(text).not.toContain(spelling);
}

const encodedToo = (...forms: string[]): string[] => forms.flatMap((form) => [form, encodeURIComponent(form)]);

async function positionOf(adapter: BrokerAdapter, accountId: string, id: string): Promise<Position> {
  const position = (await adapter.listPositions(accountId)).find((candidate) => candidate.id === id || candidate.symbol === id);
  if (!position) throw new Error(`${id} is not open`);
  return position;
}

describe('an Alpaca adapter from the registry', () => {
  const SECRET = 'Alp/aca+secret=with space&more';
  let sim: AlpacaSim;
  let adapter: BrokerAdapter;
  let spellings: string[];
  const ACCOUNT = ALPACA_IDS.trader;

  async function start(): Promise<void> {
    sim = await startAlpacaSim({ fillDelayMs: 0, secret: SECRET, data: alpacaBook() });
    sims.push(sim);
    adapter = await connect('alpaca', sim.url, { keyId: sim.keyId, secret: SECRET });
    spellings = encodedToo(SECRET, Buffer.from(`${sim.keyId}:${SECRET}`).toString('base64'));
    sim.faults.echoCredentials = { match: { method: 'DELETE' } };
  }

  it('scrubs the Basic credentials from every per-position item of a 207, its broker codes and the request id', async () => {
    await start();
    sim.state.addOrder(ACCOUNT, { symbol: 'AAPL', side: 'sell', qty: '10', type: 'limit', limit_price: '999' });
    const result = await adapter.closeAllPositions?.(ACCOUNT, { cancelOrders: false });
    const refused = result?.items.find((item) => item.symbol === 'AAPL');
    expect(refused).toMatchObject({ ok: false, httpStatus: 403 });
    expectScrubbed(refused?.message, spellings);
    expectScrubbed(refused?.brokerCode, spellings);
    expectScrubbed(result?.requestId, spellings);
    expectScrubbed(result, spellings);
  });

  it('scrubs them from a refusal, its broker code and request id, and from an accepted close', async () => {
    await start();
    const aapl = await positionOf(adapter, ACCOUNT, 'AAPL');
    const error = await failure(adapter.closePosition(ACCOUNT, aapl, { kind: 'quantity', quantity: toDecimalString('11') }));
    expect(error.code).toBe('broker_rejected');
    for (const field of [error.message, error.brokerCode, error.requestId]) expectScrubbed(field, spellings);
    expectScrubbed(error, spellings);
    expectScrubbed(await adapter.closePosition(ACCOUNT, aapl, { kind: 'all' }), spellings);
  });
});

describe('a Clear Street adapter from the registry', () => {
  const API_KEY = 'cs+key/with=special%chars';
  const ACCOUNT = String(CLEAR_STREET_IDS.trader);
  let sim: ClearStreetSim;
  let adapter: BrokerAdapter;

  it('scrubs the Bearer key from a refusal, its details, code and request id, and from an accepted close', async () => {
    sim = await startClearStreetSim({ fillDelayMs: 0, cancelDelayMs: 0, apiKey: API_KEY, data: clearStreetBook() });
    sims.push(sim);
    adapter = await connect('clearstreet', sim.url, { secret: API_KEY });
    sim.faults.echoCredentials = {};
    const aapl = await positionOf(adapter, ACCOUNT, 'AAPL');
    const error = await failure(adapter.closePosition(ACCOUNT, aapl, { kind: 'quantity', quantity: toDecimalString('11') }));
    expect(error.code).toBe('broker_rejected');
    for (const field of [error.message, error.brokerCode, error.requestId]) expectScrubbed(field, encodedToo(API_KEY));
    expectScrubbed(await adapter.closePosition(ACCOUNT, aapl, { kind: 'all' }), encodedToo(API_KEY));
  });
});

describe('an Exness adapter from the registry', () => {
  it('scrubs the token, stored with the "Bearer " a person pasted, from a refusal and its request id', async () => {
    const sim: ExnessSim = await startExnessSim({ data: exnessBook(), sendRequestIds: true });
    sims.push(sim);
    const adapter = await connect('exness', sim.url, { secret: `Bearer ${sim.secret}` });
    sim.faults.echoCredentials = { match: { method: 'POST' } };
    const btc = await positionOf(adapter, USERS.maya.userId, TICKETS.btcLong);
    const error = await failure(adapter.closePosition(USERS.maya.userId, { ...btc, id: TICKETS.noorBtc }, { kind: 'all' }));
    expect(error.code).toBe('broker_rejected');
    for (const field of [error.message, error.requestId]) expectScrubbed(field, encodedToo(sim.secret, `Bearer ${sim.secret}`));
    expect(textOf(error)).not.toContain('eyJ');
  });
});

describe('a ScaleTrade adapter from the registry', () => {
  const PASSWORD = 'pa55 w/rd+x=';
  let sim: ScaleTradeSim;

  async function start(): Promise<void> {
    sim = await startScaleTradeSim({ data: scaleTradeBook(), fillDelayMs: 0, password: PASSWORD });
    sims.push(sim);
    sim.faults.echoCredentials = {};
  }

  it('scrubs the password and the session token from a refusal and its code', async () => {
    await start();
    const adapter = await connect('scaletrade', sim.url, { login: TRADER, secret: PASSWORD });
    const stale = { ...(await positionOf(adapter, String(TRADER), '1001')), quantity: toDecimalString('5'), available: toDecimalString('5') };
    const error = await failure(adapter.closePosition(String(TRADER), stale, { kind: 'quantity', quantity: toDecimalString('2') }));
    expect(error.code).toBe('broker_rejected');
    for (const field of [error.message, error.brokerCode]) expectScrubbed(field, encodedToo(PASSWORD));
    expect(textOf(error)).not.toContain('eyJ');
  });

  it('scrubs a wrong password from the refused sign-in', async () => {
    await start();
    const typo = `${PASSWORD}-typo`;
    const adapter = await connect('scaletrade', sim.url, { login: TRADER, secret: typo });
    const error = await failure(adapter.listAccounts());
    expect(error.code).toBe('credentials_refused');
    expectScrubbed(error.brokerCode, encodedToo(typo, PASSWORD));
  });
});

describe('the redacting adapter', () => {
  it('leaves a method the adapter lacks absent, so the service still sees what the broker cannot do', async () => {
    const sim = await startClearStreetSim({ data: clearStreetBook() });
    sims.push(sim);
    const adapter = await connect('clearstreet', sim.url, { secret: sim.apiKey });
    expect(adapter.closeAccount).toBeUndefined();
    expect(adapter.closeAllPositions).toBeTypeOf('function');
    expect(adapter.kind).toBe('clearstreet');
  });

  it('leaves plain numbers alone, so a numeric password cannot change a quantity or a ticket', () => {
    const redact = createRedactor(['123456']);
    expect(redactValue({ ticket: '123456', quantity: '1234567.5', message: 'password 123456 refused' }, redact)).toEqual({
      ticket: '123456', quantity: '1234567.5', message: 'password [redacted] refused',
    });
  });
});
