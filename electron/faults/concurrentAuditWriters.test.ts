import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../shared/audit';
import { startAlpacaSim, type AlpacaSim } from '../../sim/alpaca/server';
import { fixtureData, IDS } from '../../sim/alpaca/testSupport';
import { closeoutRunner, KEYCHAIN_READY, KEYCHAIN_REASON, parseJson, printed } from '../cli/spawnCloseout.testkit';
import { createKeychainAuditKeys } from '../core/credentials/auditKeyStore';
import { openJournalStores, type JournalStores } from '../core/journal';
import type { WriteOrder } from './auditWriterWorker';
import { auditRows } from './journalProbe';
import { startLineWorker, type LineWorker } from './lineWorker';

// Any number of processes must keep one audit chain: each append reads the previous hash inside its own write
// transaction. Two worker processes append at the same moment, twenty rounds, and the chain verifies after each one
// with every record there; then the original bug report itself: two closeout commands on different accounts at once.

const WORKER = fileURLToPath(new URL('./auditWriterWorker.ts', import.meta.url));
const ROUNDS = 20;
const PER_WRITER = 25;
/** A start (tsx, the journal, the keychain) takes seconds on a busy machine; a round of appends well under one. */
const START_MS = 60_000;
const ROUND_MS = 30_000;
const LEAD_MS = 50;
const COMMAND_ROUNDS = 3;


describe.skipIf(!KEYCHAIN_READY)(`one audit chain across processes (${KEYCHAIN_REASON})`, () => {
  describe.concurrent('two processes appending at the same moment', () => {
    let dataDir: string;
    let writers: LineWorker[];
    let reader: JournalStores;
    const cli = closeoutRunner(() => dataDir);

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-faults-audit-'));
      writers = ['writer-a', 'writer-b'].map((name) => startLineWorker(WORKER, [dataDir, name]));
      // Both load (on first use, create) the keychain key at once: they must settle on the same one.
      await Promise.all(writers.map((writer) => writer.next(START_MS)));
      reader = openJournalStores(dataDir, createKeychainAuditKeys());
    }, START_MS);

    afterAll(async () => {
      await Promise.all((writers ?? []).map((writer) => writer.stop(ROUND_MS)));
      reader?.journal.close();
      await rm(dataDir, { recursive: true, force: true });
    }, ROUND_MS);

    it.sequential(`keeps one chain that verifies after each of ${ROUNDS} rounds, with every record written there`, async () => {
      let interleavings = 0;
      for (let round = 1; round <= ROUNDS; round += 1) {
        const order: WriteOrder = { round, count: PER_WRITER, at: Date.now() + LEAD_MS };
        for (const writer of writers) writer.send(order);
        expect(await Promise.all(writers.map((writer) => writer.next(ROUND_MS)))).toEqual(writers.map(() => ({ round, written: PER_WRITER })));

        const verification = await reader.audit.verify();
        expect(verification, `round ${round}`).toMatchObject({ ok: true, records: round * writers.length * PER_WRITER });
        const thisRound = auditRows(dataDir).slice(-writers.length * PER_WRITER).map((row) => row.actionId);
        expect(new Set(thisRound).size, `round ${round}`).toBe(writers.length * PER_WRITER);
        const writerOf = (actionId: string | undefined) => actionId?.split(':')[0];
        interleavings += thisRound.filter((actionId, index) => index > 0 && writerOf(actionId) !== writerOf(thisRound[index - 1])).length;
      }
      // The writers took turns within the rounds (each turn is where a head kept in memory would fork the chain),
      // not a block each: the appends really were concurrent.
      expect(interleavings).toBeGreaterThan(2 * ROUNDS);
      const verify = await cli.run(['audit', '--verify', '--json'], { timeoutMs: START_MS });
      expect(verify.code, printed(verify)).toBe(0);
      expect(parseJson<AuditVerification>(verify)).toMatchObject({ ok: true, records: ROUNDS * writers.length * PER_WRITER });
    }, START_MS + ROUNDS * ROUND_MS);
  });

  describe.concurrent('two closeout commands on different accounts at the same moment', () => {
    let dataDir: string;
    let sim: AlpacaSim;
    const cli = closeoutRunner(() => dataDir);
    // Its own name: connection secrets are kept by name in the one keychain all test files share.
    const connection = `faults-two-commands-${randomUUID().slice(0, 8)}`;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-faults-commands-'));
      sim = await startAlpacaSim({ fillDelayMs: 0, data: fixtureData() });
      const added = await cli.run(['connections', 'add', connection, '--broker', 'alpaca', '--base-url', sim.url, '--key-id', sim.keyId], { input: sim.secret, timeoutMs: START_MS });
      expect(added.code, printed(added)).toBe(0);
    }, START_MS);

    afterAll(async () => {
      await sim?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it.sequential(`keep one chain over ${COMMAND_ROUNDS} rounds: both closes recorded, audit --verify passes after each`, async () => {
      const template = sim.state.getAccount(IDS.flat);
      if (!template) throw new Error('the fixture book has no flat account');
      let records = auditRows(dataDir).length;
      for (let round = 1; round <= COMMAND_ROUNDS; round += 1) {
        const accounts = [1, 2].map((index) => {
          const id = randomUUID();
          sim.state.addAccount({ account: { ...template, id, account_number: `RACE${round}${index}` }, cash: '100', positions: [{ symbol: 'AAPL', qty: '3', avg_entry_price: '150' }], orders: [] });
          return id;
        });
        const runs = await Promise.all(accounts.map((accountId) => cli.run(['close', connection, '--account', accountId, '--position', 'AAPL', '--yes'], { timeoutMs: START_MS })));
        for (const run of runs) expect(run.code, printed(run)).toBe(0);
        for (const accountId of accounts) expect(sim.state.positionOf(accountId, 'AAPL')).toBeUndefined();

        records += 2 * accounts.length;
        const verify = await cli.run(['audit', '--verify', '--json'], { timeoutMs: START_MS });
        expect(verify.code, printed(verify)).toBe(0);
        expect(parseJson<AuditVerification>(verify), `round ${round}`).toMatchObject({ ok: true, records });
      }
    }, COMMAND_ROUNDS * 3 * START_MS);
  });
});
