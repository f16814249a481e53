import { createInterface } from 'node:readline';
import { AppError } from '../../shared/errors';
import { openJournal } from '../core/journal/journal';
import { openLeases } from '../core/journal/leases';

// One of the processes racing for a dead holder's lease (leaseTakeoverRace.test.ts), on the real journal code.
// Prints {token} once its journal is open; then for each {round, key, at} line waits until the clock reads `at`, so
// every racer tries at the same moment, tries the lease once and prints {round, won} or {round, won, code, message}.
// The lease it wins stays held: the test checks the journal names it as the one holder.

export interface RaceOrder {
  round: number;
  key: string;
  at: number;
}

export interface RaceAnswer {
  round: number;
  won: boolean;
  code?: string;
  message?: string;
}

const [dataDir, name] = process.argv.slice(2);
if (dataDir === undefined || name === undefined) throw new Error('usage: leaseRaceWorker.ts DATA_DIR NAME');
const journal = openJournal(dataDir);
const leases = openLeases(journal);
const answer = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
answer({ token: journal.me });

for await (const line of createInterface({ input: process.stdin })) {
  const { round, key, at } = JSON.parse(line) as RaceOrder;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  try {
    leases.acquire(key, { actionId: `${name}-round-${round}`, description: `race round ${round}` });
    answer({ round, won: true } satisfies RaceAnswer);
  } catch (error) {
    const { code, message } = error instanceof AppError ? error : { code: 'not an AppError', message: String(error) };
    answer({ round, won: false, code, message } satisfies RaceAnswer);
  }
}
journal.close();
