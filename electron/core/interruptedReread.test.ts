import { afterEach, describe, expect, it } from 'vitest';
import { dec, toDecimalString } from '../../shared/decimal';
import type { Position } from '../../shared/domain';
import { createActionRunner } from './actionRunner';
import type { BrokerAdapter } from './brokers/broker';
import { createMemoryAuditKeys } from './credentials/auditKeyStore';
import { settleAbandonedAtStart } from './interrupted';
import { openJournalStores, type JournalStores } from './journal';
import { tempJournal } from './journal/journal.testkit';
import { storeReconcileTarget } from './reconcile';

// Each open journal is a process: closing one is that process stopping, as a kill -9 would leave it.

const AAPL: Position = {
  id: 'AAPL', accountId: 'acct-1', symbol: 'AAPL', side: 'long', quantity: toDecimalString('10'), available: toDecimalString('10'),
  unit: { name: 'shares', step: toDecimalString('1') }, fractional: false, avgPrice: null, lastPrice: null, marketValue: null,
  unrealizedPnl: null, unrealizedPnlPct: null, assetClass: null,
};
const TARGET = 'alpaca:http://127.0.0.1:1\u001faccount\u001facct-1\u001fposition\u001fAAPL\u001f';
const READ_AT_ONCE = { delaysMs: [0] };

/** A broker whose reads fail, and one where AAPL is no longer open. */
const unreadable = { listPositions: async () => Promise.reject(new Error('connection refused')), listOrders: async () => [] } as unknown as BrokerAdapter;
const closed = { listPositions: async () => [], listOrders: async () => [] } as unknown as BrokerAdapter;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A process that sent a close of all 10 AAPL and stopped before it heard back; returns the data folder. */
async function closeLeftSent(): Promise<{ dataDir: string; actionId: string }> {
  const first = await tempJournal();
  cleanups.push(first.cleanup);
  const actionId = 'action-killed';
  await first.audit.ready();
  first.journal.write(() => {
    first.intents.prepare({ actionId, kind: 'close_position', connection: 'Demo', broker: 'alpaca', accountId: 'acct-1', target: TARGET, params: {}, clientOrderId: null, retryOf: null, summary: 'close all of AAPL' });
    first.intents.markSent(actionId, 'close of 10 shares of AAPL', storeReconcileTarget({ kind: 'close_position', accountId: 'acct-1', position: AAPL, quantityToClose: dec('10'), startedAt: new Date() }));
  });
  first.journal.close();
  return { dataDir: first.dataDir, actionId };
}

/** The next process on the folder: a journal of its own, with nothing loaded yet. */
function nextProcess(dataDir: string): JournalStores {
  const stores = openJournalStores(dataDir, createMemoryAuditKeys());
  cleanups.push(async () => stores.journal.close());
  return stores;
}

describe('settling at start what a process that stopped left unsettled', () => {
  it('settles it before anything else has loaded the audit key, with the interruption and the verdict on the trail', async () => {
    const { dataDir, actionId } = await closeLeftSent();
    const next = nextProcess(dataDir);

    const { settled: settling } = settleAbandonedAtStart({ ...next, resolveAdapter: async () => closed, readOptions: READ_AT_ONCE });
    const settled = await settling;

    expect(settled.map((one) => [one.intent.actionId, one.verdict])).toEqual([[actionId, 'happened']]);
    expect(next.intents.get(actionId)).toMatchObject({ state: 'settled', verdict: 'happened' });
    expect((await next.audit.readNewest(2, { actionId })).map((record) => record.message)).toEqual([
      expect.stringMatching(/^Settled by reading after the process stopped: The close of 10 shares of AAPL did happen/),
      expect.stringMatching(/^Interrupted: process \d+ on .+ stopped before recording how the close of 10 shares of AAPL ended/),
    ]);
  });

  it('reads again, before the next send on its target, what a process that stopped could only settle as still unknown, and sends nothing', async () => {
    const { dataDir, actionId } = await closeLeftSent();
    const blind = nextProcess(dataDir);
    await settleAbandonedAtStart({ ...blind, resolveAdapter: async () => unreadable, readOptions: READ_AT_ONCE }).settled;
    expect(blind.journal.write(() => blind.intents.takeUnreported(TARGET)).map((intent) => intent.verdict)).toEqual(['still_unknown']);
    blind.journal.close();

    const seeing = nextProcess(dataDir);
    const runAction = createActionRunner({ ...seeing, newActionId: () => 'action-next', resolveAdapter: async () => closed });
    const sent: string[] = [];
    const answer = await runAction({
      kind: 'close_position', connection: 'Demo', broker: 'alpaca', accountId: 'acct-1', params: {}, target: TARGET, description: 'close all of AAPL', adapter: closed,
      work: async () => {
        sent.push('close');
        return { answered: [] as string[][] };
      },
      answerEarlier: (earlier) => ({ answered: earlier.map((intent) => [intent.actionId, intent.verdict ?? 'none']) }),
    });

    expect(sent).toEqual([]);
    expect(answer).toEqual({ answered: [[actionId, 'happened']] });
    expect(seeing.intents.get(actionId)).toMatchObject({ state: 'settled', verdict: 'happened' });
  });
});
