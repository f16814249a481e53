import { randomUUID } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BROKER_CAPABILITIES } from '../shared/brokers';
import { dec, toDecimalString } from '../shared/decimal';
import type { Position } from '../shared/domain';
import { createActionRunner } from '../electron/core/actionRunner';
import type { BrokerAdapter } from '../electron/core/brokers/broker';
import { createMemoryAuditKeys } from '../electron/core/credentials/auditKeyStore';
import { openJournalStores, type JournalStores } from '../electron/core/journal';
import { leaseKey } from '../electron/core/journal/leaseKeys';
import type { JournalWritesConfig } from './config';
import { formatMs, type MeasureRow, type RowHead } from './report';
import { median } from './stats';

const GOAL_RATIO = 3;
const ACCOUNT = 'bench-account';

export function journalWritesHead(): RowHead {
  return {
    id: 'journal-writes',
    measure: "one close's journal writes (lease, intent and audit attempt; sent; outcome and release), each on disk before it returns",
    goal: `<= ${GOAL_RATIO}x`,
  };
}

const POSITION: Position = {
  id: 'AAPL', accountId: ACCOUNT, symbol: 'AAPL', side: 'long', quantity: toDecimalString('10'), available: toDecimalString('10'),
  unit: { name: 'shares', step: toDecimalString('1') }, fractional: false, avgPrice: null, lastPrice: null, marketValue: null,
  unrealizedPnl: null, unrealizedPnlPct: null, assetClass: null,
};

// The broker is not what is measured: the close "answers" at once, so only Closeout's own writes are left.
const instantBroker = { kind: 'alpaca', capabilities: BROKER_CAPABILITIES.alpaca } as unknown as BrokerAdapter;

/** One close through the real action runner, as the service runs it. */
function closeOnce(stores: JournalStores, runAction: ReturnType<typeof createActionRunner>, index: number) {
  const positionId = `P${index}`;
  return runAction({
    kind: 'close_position',
    connection: 'Bench',
    broker: 'alpaca',
    accountId: ACCOUNT,
    params: { positionId, amount: { kind: 'all' }, clientOrderId: randomUUID() },
    target: leaseKey.position('alpaca:http://127.0.0.1:1', ACCOUNT, positionId),
    description: `close all of ${positionId}`,
    adapter: instantBroker,
    answerEarlier: () => {
      throw new Error('nothing earlier in a fresh journal');
    },
    work: async ({ actionId, settleByReading }) => {
      settleByReading({ kind: 'close_position', accountId: ACCOUNT, position: { ...POSITION, id: positionId }, quantityToClose: dec(POSITION.quantity), startedAt: new Date() });
      return { actionId, kind: 'close_position' as const, state: 'accepted' as const, message: `Close order for ${positionId} accepted.`, requestId: `req-${index}`, order: null };
    },
  });
}

/** The bytes a close leaves in the journal, split the way it must reach the disk: before the send, the sent mark, after. */
function stepBytes(stores: JournalStores, actionId: string): [string, string, string] {
  const audit = stores.journal.db.prepare<[string], { body: string; hash: string; mac: string }>('SELECT body, hash, mac FROM audit WHERE action_id = ? ORDER BY seq').all(actionId);
  const intent = JSON.stringify(stores.intents.get(actionId));
  const [attempt, outcome] = audit.map((row) => JSON.stringify(row));
  return [`${intent}\n${attempt ?? ''}\n`, `${intent}\n`, `${outcome ?? ''}\n`];
}

/**
 * The floor: the same bytes appended to a file in the same three durable steps, each write followed by fdatasync,
 * which is the least any store can do and still have the attempt on disk before a close leaves, and the outcome after.
 */
async function fsyncedAppends(file: string, steps: readonly string[], actions: number): Promise<number> {
  const handle = await open(file, 'a', 0o600);
  try {
    const started = performance.now();
    for (let index = 0; index < actions; index += 1) {
      for (const bytes of steps) {
        await handle.write(bytes);
        await handle.datasync();
      }
    }
    return (performance.now() - started) / actions;
  } finally {
    await handle.close();
  }
}

async function journalCloses(stores: JournalStores, runAction: ReturnType<typeof createActionRunner>, first: number, actions: number): Promise<number> {
  const started = performance.now();
  for (let index = first; index < first + actions; index += 1) await closeOnce(stores, runAction, index);
  return (performance.now() - started) / actions;
}

export async function measureJournalWrites(config: JournalWritesConfig): Promise<MeasureRow> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-bench-journal-'));
  const stores = openJournalStores(dir, createMemoryAuditKeys());
  try {
    const runAction = createActionRunner({ ...stores, newActionId: randomUUID, resolveAdapter: async () => instantBroker });
    const sample = await closeOnce(stores, runAction, 0);
    const steps = stepBytes(stores, sample.actionId);
    const floorFile = path.join(dir, 'floor.log');
    const floors: number[] = [];
    const closes: number[] = [];
    let next = 1;
    for (let round = 0; round < config.rounds; round += 1) {
      // Alternating which goes first, so neither always meets a disk the other has just warmed or filled.
      if (round % 2 === 0) floors.push(await fsyncedAppends(floorFile, steps, config.actionsPerRound));
      closes.push(await journalCloses(stores, runAction, next, config.actionsPerRound));
      next += config.actionsPerRound;
      if (round % 2 === 1) floors.push(await fsyncedAppends(floorFile, steps, config.actionsPerRound));
    }
    const floorMs = median(floors);
    const closeoutMs = median(closes);
    const ratio = closeoutMs / floorMs;
    const verified = await stores.audit.verify();
    if (!verified.ok) throw new Error(`the benchmark's own audit trail does not verify: ${verified.firstBad?.reason ?? 'no reason'}`);
    const bytes = steps.reduce((sum, step) => sum + Buffer.byteLength(step), 0);
    return {
      ...journalWritesHead(),
      floor: `the same ${bytes} bytes appended in the same 3 steps, each fdatasync'd: ${formatMs(floorMs)}`,
      closeout: `${formatMs(closeoutMs)} per close (SQLite WAL, synchronous=FULL, ${verified.records} audit records verified after)`,
      ratio,
      holds: ratio <= GOAL_RATIO,
      values: { floorMs, closeoutMs, bytesPerClose: bytes, closes: next - 1 },
    };
  } finally {
    stores.journal.close();
    await rm(dir, { recursive: true, force: true });
  }
}
