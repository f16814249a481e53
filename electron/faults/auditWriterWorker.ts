import { createInterface } from 'node:readline';
import { createKeychainAuditKeys } from '../core/credentials/auditKeyStore';
import { openJournalStores } from '../core/journal';

// One of two processes appending to the audit trail at once (concurrentAuditWriters.test.ts), on the real journal
// code and the real keychain key. Prints {ready: true} once the key is loaded; then for each {round, count, at} line
// waits until the clock reads `at`, so both writers start together, appends `count` records, each in its own
// transaction as every action does, and prints {round, written}.

export interface WriteOrder {
  round: number;
  count: number;
  at: number;
}

const [dataDir, name] = process.argv.slice(2);
if (dataDir === undefined || name === undefined) throw new Error('usage: auditWriterWorker.ts DATA_DIR NAME');
const { journal, audit } = openJournalStores(dataDir, createKeychainAuditKeys());
await audit.ready();
const answer = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
answer({ ready: true });

for await (const line of createInterface({ input: process.stdin })) {
  const { round, count, at } = JSON.parse(line) as WriteOrder;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  for (let index = 1; index <= count; index += 1) {
    await audit.append({
      actionId: `${name}:${round}:${index}`,
      phase: 'attempt',
      action: 'close_position',
      connection: name,
      broker: 'alpaca',
      accountId: name,
      params: { round, index },
      requestId: null,
      outcome: null,
      errorCode: null,
      message: null,
    });
    // A moment between appends, as between one action and the next, so the other writer's wait for the lock can end.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  answer({ round, written: count });
}
journal.close();
