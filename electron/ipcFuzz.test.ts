import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKER_KINDS } from '../shared/brokers';
import { CHANNELS, CONNECTION_NAME_PATTERN, contract, RUN_ID_PATTERN, SWEEP_REFERENCE_PATTERN, type Channel, type Envelope, type RequestOf } from '../shared/contract';
import { startAlpacaSim, type AlpacaSim } from '../sim/alpaca/server';
import { startAppCore, type AppCore } from './bootstrap';
import { createMemoryVault } from './core/credentials/memoryVault';
import { createMemoryAuditKeys } from './core/credentials/auditKeyStore';
import { JOURNAL_FILE_NAME } from './core/journal/database';

// Every channel of the contract, fed payloads that are invalid by construction, through the real core with a real
// Alpaca simulator behind a registered connection: each must come back as a validation envelope naming a field,
// with no request at the simulator and no change in the data folder.

const RUNS_PER_CHANNEL = 1_500;
const RUNS_PER_FIELD = 150;
const CONNECTION = 'Fuzz sim';

// --- valid payloads -------------------------------------------------------------------------------------------------

const connectionName = fc.stringMatching(CONNECTION_NAME_PATTERN);
const identifier = fc.stringMatching(/^[A-Za-z0-9._:/-]{1,128}$/).filter((id) => id !== '.' && id !== '..');
const digits = (max: number) => fc.stringMatching(new RegExp(`^[0-9]{1,${max}}$`));
const positiveDecimal = fc
  .tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.option(digits(8), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? String(whole) : `${whole}.${fraction}`))
  .filter((value) => /[1-9]/.test(value));
const percent = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.option(digits(6), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? String(whole) : `${whole}.${fraction}`))
  .filter((value) => /[1-9]/.test(value));
const closeAmount = fc.oneof(
  fc.constant({ kind: 'all' as const }),
  positiveDecimal.map((quantity) => ({ kind: 'quantity' as const, quantity })),
  percent.map((value) => ({ kind: 'percent' as const, percent: value })),
);
const boundedText = (maxLength: number) => fc.string({ maxLength });
const runId = fc.stringMatching(RUN_ID_PATTERN);

/** Real names and ids at the simulator: a mutated payload built on them would reach it if the schema let it through. */
interface Live {
  connection: string;
  accountId: string;
  positionId: string;
  orderId: string;
}

type ValidPayloads = { [C in Channel]: fc.Arbitrary<RequestOf<C>> };

function validPayloads(live: Live): ValidPayloads {
  const often = <T>(real: T, any: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(real) }, { weight: 1, arbitrary: any });
  const connection = often(live.connection, connectionName);
  const accountTarget = { connection, accountId: often(live.accountId, identifier) };
  const revision = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
  const orderIds = (real: string) => fc.uniqueArray(often(real, identifier), { minLength: 1, maxLength: 5 });
  return {
    'app:info': fc.constant({}),
    'connections:list': fc.constant({}),
    'connections:add': fc.record(
      {
        name: connectionName,
        broker: fc.constantFrom(...BROKER_KINDS),
        baseUrl: fc.oneof(
          fc.webUrl({ validSchemes: ['https'] }).filter((url) => url.length <= 2048),
          fc.tuple(fc.constantFrom('localhost', '127.0.0.1', '127.8.9.10', '[::1]'), fc.integer({ min: 1, max: 65_535 })).map(([host, port]) => `http://${host}:${port}`),
        ),
        keyId: fc.string({ minLength: 1, maxLength: 256 }),
        login: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        secret: fc.string({ minLength: 1, maxLength: 4096 }),
      },
      { requiredKeys: ['name', 'broker', 'baseUrl', 'secret'] },
    ),
    'connections:remove': fc.record({ name: connection }),
    'connections:test': fc.record({ name: connection }),
    'connections:rotate': fc.record({ name: connection, secret: fc.string({ minLength: 1, maxLength: 4096 }) }),
    'connections:edit': fc.record(
      {
        name: connection,
        baseUrl: fc.tuple(fc.constantFrom('localhost', '127.0.0.1'), fc.integer({ min: 1, max: 65_535 })).map(([host, port]) => `http://${host}:${port}`),
        firmAccount: fc.oneof(identifier, fc.constant(null)),
      },
      { requiredKeys: ['name', 'baseUrl'] },
    ),
    'accounts:list': fc.record({ connection, search: boundedText(200), maxAccounts: fc.integer({ min: 1, max: 10_000_000 }) }, { requiredKeys: ['connection'] }),
    'accounts:stream': fc.record({ connection, search: boundedText(200), streamId: fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/) }, { requiredKeys: ['connection', 'streamId'] }),
    'positions:list': fc.record(accountTarget),
    'orders:list': fc.record(accountTarget),
    'positions:poll': fc.record({ ...accountTarget, knownRevision: revision }, { requiredKeys: ['connection', 'accountId'] }),
    'orders:poll': fc.record({ ...accountTarget, knownRevision: revision }, { requiredKeys: ['connection', 'accountId'] }),
    'positions:history': fc.record(accountTarget),
    'account:closeCheck': fc.record(accountTarget),
    'account:balances': fc.record(accountTarget),
    'position:close': fc.record(
      { ...accountTarget, positionId: often(live.positionId, identifier), amount: closeAmount, comment: boundedText(64), retryOf: fc.uuid(), wait: fc.constant(false) },
      { requiredKeys: ['connection', 'accountId', 'positionId', 'amount'] },
    ),
    'positions:closeAll': fc.record({ ...accountTarget, cancelOrders: fc.boolean() }),
    'order:cancel': fc.record({ ...accountTarget, orderId: often(live.orderId, identifier) }),
    'orders:cancelAll': fc.record({ ...accountTarget, orderIds: orderIds(live.orderId) }),
    'position:cancelThenClose': fc.record({ ...accountTarget, positionId: often(live.positionId, identifier), orderIds: orderIds(live.orderId) }),
    'account:close': fc.record({ ...accountTarget, confirmAccountNumber: fc.string({ minLength: 1, maxLength: 128 }) }),
    'account:sweepCash': fc.record({
      ...accountTarget,
      toAccountId: identifier,
      amount: fc.tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.option(digits(2), { nil: undefined })).map(([whole, cents]) => (cents === undefined ? String(whole) : `${whole}.${cents}`)),
      reference: fc.stringMatching(SWEEP_REFERENCE_PATTERN),
    }),
    'cash:journals': fc.record(
      { ...accountTarget, toAccountId: identifier, since: fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 0, 1), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)) },
      { requiredKeys: ['connection', 'accountId'] },
    ),
    'audit:list': fc.record(
      { accountId: often(live.accountId, identifier), action: boundedText(64), outcome: boundedText(64), limit: fc.integer({ min: 1, max: 10_000 }) },
      { requiredKeys: [] },
    ),
    'audit:verify': fc.record({ expectHead: fc.record({ seq: fc.integer({ min: 1, max: 2 ** 40 }), hash: fc.stringMatching(/^[0-9a-f]{64}$/) }) }, { requiredKeys: [] }),
    'actions:interrupted': fc.constant({}),
    'windDown:prepare': fc.record(
      { connection, accounts: fc.array(often(live.accountId, identifier), { minLength: 1, maxLength: 5 }), runId, sweepTo: identifier },
      { requiredKeys: ['connection', 'accounts'] },
    ),
    'windDown:resume': fc.record({ runId }),
    'windDown:runs': fc.constant({}),
    'windDown:run': fc.record({ runId, confirmCount: fc.integer({ min: 1, max: 1000 }) }),
    'windDown:cancel': fc.record({ runId }),
    'actions:runMany': fc.record({
      runId,
      items: fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('close' as const), ...accountTarget, positionId: often(live.positionId, identifier) }),
          fc.record({ kind: fc.constant('cancel' as const), ...accountTarget, orderId: often(live.orderId, identifier) }),
        ),
        { minLength: 1, maxLength: 5 },
      ),
    }),
    'flatten:prepare': fc.record(
      { connections: fc.array(connection, { minLength: 1, maxLength: 3 }), accounts: fc.array(fc.record(accountTarget), { minLength: 1, maxLength: 3 }) },
      { requiredKeys: ['connections'] },
    ),
    'flatten:run': fc.record({ runId, confirmPositions: fc.integer({ min: 0, max: 1_000_000 }) }),
  };
}

// --- invalid payloads -----------------------------------------------------------------------------------------------

/** Values no field should accept, per field name wherever it appears; written by hand, not derived from the schemas. */
const exponentForm = fc
  .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('e', 'E', 'e+', 'e-', 'E-'), fc.integer({ min: 0, max: 400 }))
  .map(([mantissa, marker, exponent]) => `${mantissa}${marker}${exponent}`);
const badDecimal = fc.oneof(
  exponentForm,
  positiveDecimal.map((value) => `-${value}`),
  fc.integer({ min: 41, max: 400 }).map((length) => '9'.repeat(length)),
  fc.constantFrom('0', '0.0', '-0', '0.000000', 'NaN', 'Infinity', '-Infinity', '+1', '0x10', ' 1', '1 ', '1,5', '1_000', '.5', '5.', '١', ''),
  fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 1e21)),
);
const badPercent = fc.oneof(badDecimal, fc.integer({ min: 101, max: 10 ** 9 }).map(String), fc.constantFrom('100.0000001', '1000', '100.5'));
const badConnectionName = fc.constantFrom('', ' Desk', '-desk', '_desk', 'a'.repeat(65), 'desk/../x', 'desk\n', 'désk', 'a\u0000b', '..', '../etc/passwd', 'desk\u202e');
const badIdentifier = fc.constantFrom('', '.', '..', 'a b', 'a?b', 'a#b', '%2e%2e', 'a\\b', 'x'.repeat(129), 'ü', 'a\nb', 'a&b=c');
const pollutedAmount = () => JSON.parse('{"kind":"all","__proto__":{"polluted":true}}') as unknown;
const badAmount = fc.oneof(
  badDecimal.map((quantity) => ({ kind: 'quantity', quantity })),
  badPercent.map((value) => ({ kind: 'percent', percent: value })),
  fc.constantFrom<unknown>(
    [{ kind: 'all' }],
    { kind: 'everything' },
    { kind: 'QUANTITY', quantity: '1' },
    { kind: 'quantity' },
    { kind: 'percent' },
    { kind: 'quantity', quantity: '1', percent: '1' },
    { kind: 'all', quantity: '1' },
    { kind: ['all'] },
    {},
  ),
  fc.constant(null).map(pollutedAmount),
);
const tooLong = (max: number) => fc.constant('x'.repeat(max + 1));

const BAD_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  name: badConnectionName,
  connection: badConnectionName,
  accountId: badIdentifier,
  positionId: badIdentifier,
  orderId: badIdentifier,
  orderIds: fc.oneof(fc.constant([]), fc.constant(['o-1', 'o-1']), fc.constant(Array.from({ length: 10_001 }, (_, i) => `o${i}`)), badIdentifier.map((id) => [id]), fc.constant('o-1')),
  amount: badAmount,
  broker: fc.constantFrom('ALPACA', 'alpaca ', '', 'ib', '__proto__', 'constructor', 'toString'),
  baseUrl: fc.constantFrom('', 'http://broker.example', 'http://10.0.0.5:8080', 'http://127.0.0.1.nip.io', 'ftp://broker.example', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', '//broker.example', 'data:text/html,x', `https://${'a'.repeat(2048)}.example`),
  keyId: fc.oneof(fc.constant(''), tooLong(256)),
  login: fc.constantFrom<unknown>(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 31, 2 ** 53, 1e21, '7', -0),
  secret: fc.oneof(fc.constant(''), tooLong(4096)),
  search: tooLong(200),
  comment: tooLong(64),
  retryOf: fc.constantFrom('', 'not-a-uuid', '00000000-0000-0000-0000-00000000000g', '{6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b}', '6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2bx'),
  cancelOrders: fc.constantFrom<unknown>('true', 1, 0, 'false'),
  wait: fc.constantFrom<unknown>('true', 1, 0, 'false', null),
  knownRevision: fc.constantFrom<unknown>('', 'x'.repeat(65), 'a b', 'abc=', 'a/b', '../x', 42, null),
  confirmAccountNumber: fc.oneof(fc.constant(''), tooLong(128)),
  toAccountId: badIdentifier,
  sweepTo: badIdentifier,
  firmAccount: badIdentifier,
  reference: fc.constantFrom('', 'a b', 'x'.repeat(201), 'a?b', 'a\nb', 'ü'),
  since: fc.constantFrom<unknown>('', '2026-1-1', 'yesterday', '2026-01-01T00:00:00Z', 20260101, null),
  action: tooLong(64),
  outcome: tooLong(64),
  limit: fc.constantFrom<unknown>(0, -1, 1.5, 10_001, Number.NaN, Number.POSITIVE_INFINITY, '5'),
  maxAccounts: fc.constantFrom<unknown>(0, -1, 1.5, 10_000_001, Number.NaN, Number.POSITIVE_INFINITY, '5'),
  streamId: fc.constantFrom<unknown>('', 'a b', 'x'.repeat(65), '../x', 'a/b', 7, null),
  accounts: fc.oneof(fc.constant([]), fc.constant(Array.from({ length: 1001 }, (_, i) => `a${i}`)), badIdentifier.map((id) => [id]), fc.constant('a1')),
  runId: fc.constantFrom('', '.', '..', '.hidden', '../x', 'a/b', 'a\\b', 'x'.repeat(65), 'a b'),
  confirmCount: fc.constantFrom<unknown>(0, -1, 1.5, 1001, Number.NaN, '3'),
  confirmPositions: fc.constantFrom<unknown>(-1, 1.5, 1_000_001, Number.NaN, '3', null),
  connections: fc.oneof(fc.constant([]), fc.constant(Array.from({ length: 65 }, (_, i) => `c${i}`)), badConnectionName.map((name) => [name]), fc.constant('Desk')),
  items: fc.oneof(
    fc.constant([]),
    fc.constant(Array.from({ length: 10_001 }, (_, i) => ({ kind: 'cancel', connection: 'c', accountId: 'a', orderId: `o${i}` }))),
    badIdentifier.map((positionId) => [{ kind: 'close', connection: 'c', accountId: 'a', positionId }]),
    fc.constantFrom<unknown>([{ kind: 'close', connection: 'c', accountId: 'a', orderId: 'o' }], [{ kind: 'flatten', connection: 'c', accountId: 'a' }], [{ kind: 'close', connection: 'c', accountId: 'a', positionId: 'p', amount: { kind: 'all' } }], 'close'),
  ),
  expectHead: fc.constantFrom<unknown>('', '3:abc', { seq: 0, hash: 'a'.repeat(64) }, { seq: 1, hash: 'A'.repeat(64) }, { seq: 1 }, { seq: 1, hash: 'a'.repeat(64), extra: 1 }, null),
};

// Past every bound in the contract (the longest is a secret's 4096): a new unbounded string field fails the fuzz.
const HUGE_STRINGS = ['a'.repeat(4_097), '9'.repeat(65_537), 'Ω'.repeat(1_048_577)];
const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'];

function deeplyNested(depth: number, asArray: boolean): unknown {
  let value: unknown = asArray ? [] : {};
  for (let level = 0; level < depth; level += 1) value = asArray ? [value] : { nested: value };
  return value;
}

const anyValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.bigInt(),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.object({ maxDepth: 2 }),
  fc.tuple(fc.integer({ min: 100, max: 1_000 }), fc.boolean()).map(([depth, asArray]) => deeplyNested(depth, asArray)),
);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function withOwn(payload: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...payload };
  // defineProperty, because assigning to "__proto__" would set the prototype instead of adding a key.
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

interface Invalid {
  payload: unknown;
  /** The field the refusal must name. */
  field: string | RegExp;
  how: string;
}

function shapeOf(channel: Channel): Record<string, { safeParse(value: unknown): { success: boolean } }> {
  return contract[channel].request.shape;
}

const fieldOf = (key: string) => new RegExp(`^${key}(\\.|$)`);

/** One field of a valid payload replaced by one of its hand-written bad values. */
function badField(valid: fc.Arbitrary<Record<string, unknown>>, key: string): fc.Arbitrary<Invalid> {
  return fc
    .tuple(valid, BAD_VALUES[key]!)
    .map(([payload, value]): Invalid => ({ payload: withOwn(payload, key, value), field: fieldOf(key), how: `bad ${key}` }));
}

function invalidPayloads(channel: Channel, valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Invalid> {
  const shape = shapeOf(channel);
  const keys = Object.keys(shape);
  const required = keys.filter((key) => !shape[key]!.safeParse(undefined).success);

  const notAnObject = fc
    .oneof(anyValue.filter((value) => kindOf(value) !== 'object'), fc.constant(undefined), fc.array(valid, { minLength: 1, maxLength: 2 }))
    .map((payload): Invalid => ({ payload, field: 'request', how: 'not an object' }));
  const extraKey = fc
    .tuple(valid, fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string({ minLength: 1, maxLength: 20 })), fc.oneof(anyValue, fc.constant({ polluted: true })))
    .filter(([, key]) => !keys.includes(key))
    .map(([payload, key, value]): Invalid => ({ payload: withOwn(payload, key, value), field: 'request', how: `extra key ${JSON.stringify(key)}` }));
  const variants: fc.WeightedArbitrary<Invalid>[] = [
    { weight: 1, arbitrary: notAnObject },
    { weight: 2, arbitrary: extraKey },
  ];
  if (required.length > 0) {
    const missing = fc.tuple(valid, fc.constantFrom(...required)).map(([payload, key]): Invalid => {
      const { [key]: _dropped, ...rest } = payload;
      return { payload: rest, field: key, how: `missing ${key}` };
    });
    variants.push({ weight: 1, arbitrary: missing });
  }
  if (keys.length > 0) {
    const present = valid.filter((payload) => Object.keys(payload).length > 0);
    const wrongType = present
      .chain((payload) => fc.tuple(fc.constant(payload), fc.constantFrom(...Object.keys(payload)), anyValue))
      // Null where a field takes it (a firm account cleared, no sweep) is another type, but not a wrong one.
      .filter(([payload, key, value]) => kindOf(value) !== kindOf(payload[key]) && !shape[key]!.safeParse(value).success)
      .map(([payload, key, value]): Invalid => ({ payload: withOwn(payload, key, value), field: fieldOf(key), how: `${key} of type ${kindOf(value)}` }));
    const huge = present
      .chain((payload) => fc.tuple(fc.constant(payload), fc.constantFrom(...Object.keys(payload)), fc.constantFrom(...HUGE_STRINGS)))
      .map(([payload, key, value]): Invalid => ({ payload: withOwn(payload, key, value), field: fieldOf(key), how: `huge ${key}` }));
    variants.push(
      { weight: 2, arbitrary: wrongType },
      { weight: 1, arbitrary: huge },
      { weight: 4, arbitrary: fc.oneof(...keys.map((key) => badField(valid, key))) },
    );
  }
  return fc.oneof(...variants);
}

// --- the run --------------------------------------------------------------------------------------------------------

/**
 * Every file but the journal's, and the journal's content: its files change with each heartbeat (a process saying it
 * still runs), which is not an effect of a request.
 */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const { db } = core.stores.journal;
  const journal = ['audit', 'intents', 'leases', 'closeout_runs'].map((table) => [`journal:${table}`, JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all())] as const);
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && !entry.name.startsWith(JOURNAL_FILE_NAME));
  const entries = await Promise.all(
    files.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, file), await readFile(file, 'utf8')] as const;
    }),
  );
  return Object.fromEntries([...entries, ...journal]);
}

function expectValidationRefusal(answer: Envelope<unknown>, invalid: Invalid): void {
  expect(answer.ok, invalid.how).toBe(false);
  if (answer.ok) return;
  expect(answer.error, invalid.how).toMatchObject({ code: 'validation', outcome: 'not_sent', field: expect.any(String) });
  if (typeof invalid.field === 'string') expect(answer.error.field, invalid.how).toBe(invalid.field);
  else expect(answer.error.field, invalid.how).toMatch(invalid.field);
}

async function refusedWithoutEffect(channel: unknown, invalid: Invalid): Promise<void> {
  const before = sim.requests.length;
  expectValidationRefusal(await core.dispatch(channel, invalid.payload), invalid);
  expect(sim.requests.length, invalid.how).toBe(before);
}

let sim: AlpacaSim;
let core: AppCore;
let dataDir: string;
let dataBefore: Record<string, string>;
let valid: ValidPayloads;

beforeAll(async () => {
  sim = await startAlpacaSim({ fillDelayMs: 0 });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-fuzz-'));
  core = await startAppCore({ dataDir, version: 'fuzz', demo: false, vault: createMemoryVault(), auditKeys: createMemoryAuditKeys() });
  const added = await core.dispatch('connections:add', { name: CONNECTION, broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
  if (!added.ok) throw new Error(`could not add the simulator connection: ${added.error.message}`);
  const accounts = await core.handlers['accounts:list']({ connection: CONNECTION });
  const live = await Promise.all(
    accounts.map(async (account) => {
      const target = { connection: CONNECTION, accountId: account.id };
      const [positions, orders] = await Promise.all([core.handlers['positions:list'](target), core.handlers['orders:list'](target)]);
      const order = orders.find((o) => o.open);
      return positions[0] && order ? { ...target, positionId: positions[0].id, orderId: order.id } : undefined;
    }),
  );
  const target = live.find((candidate) => candidate !== undefined);
  if (!target) throw new Error('the simulator has no account with both a position and an open order');
  valid = validPayloads(target);
  dataBefore = await snapshot(dataDir);
});

afterAll(async () => {
  await core?.close();
  await sim?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const validOf = (channel: Channel) => valid[channel] as fc.Arbitrary<Record<string, unknown>>;
const FIELDS = CHANNELS.flatMap((channel) => Object.keys(shapeOf(channel)).map((key) => [channel, key] as const));

describe('fuzzing the IPC contract', () => {
  it('has hand-written bad values for every field of every channel', () => {
    expect(FIELDS.filter(([, key]) => !BAD_VALUES[key]).map(([channel, key]) => `${channel}.${key}`)).toEqual([]);
  });

  it.each(CHANNELS)('accepts generated valid %s payloads, so the invalid ones differ only where they mean to', (channel) => {
    fc.assert(
      fc.property(validOf(channel), (payload) => {
        expect(contract[channel].request.safeParse(payload).error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('counts requests at the simulator: a valid read of the same connection reaches it', async () => {
    const before = sim.requests.length;
    expect(await core.dispatch('accounts:list', { connection: CONNECTION })).toMatchObject({ ok: true });
    expect(sim.requests.length).toBeGreaterThan(before);
  });

  it.each(CHANNELS)('refuses invalid %s payloads with a validation envelope naming the field, before any broker request', async (channel) => {
    await fc.assert(
      fc.asyncProperty(invalidPayloads(channel, validOf(channel)), (invalid) => refusedWithoutEffect(channel, invalid)),
      { numRuns: RUNS_PER_CHANNEL },
    );
  });

  it.each(FIELDS)('refuses every kind of bad %s.%s, on the live connection, account and position', async (channel, key) => {
    await fc.assert(
      fc.asyncProperty(badField(validOf(channel), key), (invalid) => refusedWithoutEffect(channel, invalid)),
      { numRuns: RUNS_PER_FIELD },
    );
  });

  it('refuses channels outside the contract, including inherited property names', async () => {
    const channel = fc.oneof(fc.constantFrom(...POLLUTING_KEYS, 'fs:readFile', 'shell:openExternal', ''), fc.string(), anyValue);
    await fc.assert(
      fc.asyncProperty(channel.filter((name) => !(CHANNELS as unknown[]).includes(name)), anyValue, (name, payload) =>
        refusedWithoutEffect(name, { payload, field: 'channel', how: `channel of type ${kindOf(name)}` }),
      ),
      { numRuns: 500 },
    );
  });

  it('leaves the data folder exactly as it was', async () => {
    expect(await snapshot(dataDir)).toEqual(dataBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
