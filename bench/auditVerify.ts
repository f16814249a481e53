import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AuditEntry } from '../shared/audit';
import { createMemoryAuditKeys } from '../electron/core/credentials/auditKeyStore';
import { openJournalStores } from '../electron/core/journal';
import type { AuditVerifyConfig } from './config';
import { formatCount, formatMs, type Log, type MeasureRow, type RowHead } from './report';
import { median } from './stats';

const GOAL_MS = 10_000;
const BATCH = 10_000;

export function auditVerifyHead(config: AuditVerifyConfig): RowHead {
  return {
    id: 'audit-verify',
    measure: `verify an audit trail of ${formatCount(config.records)} records (chain, HMAC of each, recorded head)`,
    goal: `<= ${formatMs(GOAL_MS)}`,
  };
}

/** A close's attempt and outcome, alternating: the size and shape of the records a desk's trail is made of. */
function entry(index: number): AuditEntry {
  const attempt = index % 2 === 0;
  return {
    actionId: `00000000-0000-4000-8000-${String(Math.floor(index / 2)).padStart(12, '0')}`,
    phase: attempt ? 'attempt' : 'outcome',
    action: 'close_position',
    connection: 'Alpaca desk',
    broker: 'alpaca',
    accountId: `acct-${index % 500}`,
    params: { positionId: `SYM${index % 3000}`, amount: { kind: 'quantity', quantity: '12.5' }, clientOrderId: '6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b' },
    requestId: attempt ? null : `req-${index}`,
    outcome: attempt ? null : 'accepted',
    errorCode: null,
    message: attempt ? null : `Close order for SYM${index % 3000} accepted.`,
  };
}

/** Builds the trail through the journal's own append (many records per transaction, so building takes seconds), then times verify. */
export async function measureAuditVerify(config: AuditVerifyConfig, log: Log): Promise<MeasureRow> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-bench-audit-'));
  const stores = openJournalStores(dir, createMemoryAuditKeys());
  try {
    await stores.audit.ready();
    const built = performance.now();
    for (let first = 0; first < config.records; first += BATCH) {
      stores.journal.write(() => {
        for (let index = first; index < Math.min(first + BATCH, config.records); index += 1) stores.audit.appendInTransaction(entry(index));
      });
    }
    log(`audit verify: ${formatCount(config.records)} records written in ${formatMs(performance.now() - built)}`);
    const runs: number[] = [];
    for (let run = 0; run < config.runs; run += 1) {
      const started = performance.now();
      const result = await stores.audit.verify();
      runs.push(performance.now() - started);
      if (!result.ok || result.records !== config.records) throw new Error(`verify did not pass the trail it was given: ${JSON.stringify(result.firstBad)}`);
    }
    const closeoutMs = median(runs);
    return {
      ...auditVerifyHead(config),
      floor: '-',
      closeout: `${formatMs(closeoutMs)} (${formatMs(closeoutMs / config.records)} a record), median of ${config.runs}`,
      ratio: null,
      holds: closeoutMs <= GOAL_MS,
      values: { verifyMs: closeoutMs, records: config.records },
    };
  } finally {
    stores.journal.close();
    await rm(dir, { recursive: true, force: true });
  }
}
