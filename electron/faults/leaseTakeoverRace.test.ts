import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../core/journal/journal';
import { plantHolder, plantLease } from '../core/journal/journal.testkit';
import { brokerIdentity, leaseKey } from '../core/journal/leaseKeys';
import { processStartId } from '../core/journal/processIdentity';
import type { RaceAnswer } from './leaseRaceWorker';
import { startLineWorker, type LineWorker } from './lineWorker';

// Six real Node processes race for one lease whose holder was killed, fifty times: taking over a dead holder's lease
// happens inside one write transaction, so exactly one of them may win each round, and the losers must be refused
// by the winner (not by the dead holder, which would mean they saw it as alive).

const WORKER = fileURLToPath(new URL('./leaseRaceWorker.ts', import.meta.url));
const RACERS = 6;
const ROUNDS = 50;
/** A worker's start (tsx and the journal) takes seconds on a busy machine; an answer within a round takes milliseconds. */
const START_MS = 60_000;
const ANSWER_MS = 30_000;
/** Far enough ahead that every racer has the order before the moment comes. */
const LEAD_MS = 50;
const IDENTITY = brokerIdentity({ broker: 'alpaca', baseUrl: 'https://race.example' });

/** A process that held leases and was killed: its pid and kernel start time, as its journal row would name them. */
async function killedProcess(): Promise<{ pid: number; startId: string | null }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the stand-in holder did not start');
  const startId = processStartId(pid);
  const gone = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await gone;
  return { pid, startId };
}

describe('six processes racing for a dead holder\'s lease', () => {
  let dataDir: string;
  let journal: Journal;
  let racers: { worker: LineWorker; token: string }[];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-faults-race-'));
    journal = openJournal(dataDir);
    racers = await Promise.all(
      Array.from({ length: RACERS }, async (_, index) => {
        const worker = startLineWorker(WORKER, [dataDir, `racer-${index + 1}`]);
        return { worker, token: (await worker.next<{ token: string }>(START_MS)).token };
      }),
    );
  }, START_MS);

  afterAll(async () => {
    await Promise.all((racers ?? []).map(({ worker }) => worker.stop(ANSWER_MS)));
    journal?.close();
    await rm(dataDir, { recursive: true, force: true });
  }, ANSWER_MS);

  it(`gives the lease to exactly one of ${RACERS} in each of ${ROUNDS} rounds, and the others are refused naming the winner`, async () => {
    const dead = await killedProcess();
    const wins = new Map<string, number>();
    for (let round = 1; round <= ROUNDS; round += 1) {
      const key = leaseKey.account(IDENTITY, `race-${round}`);
      plantLease(journal, key, plantHolder(journal, dead.pid, dead.startId));
      const at = Date.now() + LEAD_MS;
      for (const { worker } of racers) worker.send({ round, key, at });
      const answers = await Promise.all(racers.map(async ({ worker, token }) => ({ token, ...(await worker.next<RaceAnswer>(ANSWER_MS)) })));

      const winners = answers.filter((answer) => answer.won);
      expect(winners, `round ${round}`).toHaveLength(1);
      const winner = winners[0]!;
      const winnerName = `racer-${racers.findIndex((racer) => racer.token === winner.token) + 1}`;
      for (const loser of answers.filter((answer) => !answer.won)) {
        expect(loser, `round ${round}`).toMatchObject({ round, code: 'in_flight', message: expect.stringContaining(`(action ${winnerName}-round-${round})`) });
      }
      expect(journal.db.prepare<[string], { owner: string }>('SELECT owner FROM leases WHERE key = ?').all(key), `round ${round}`).toEqual([{ owner: winner.token }]);
      wins.set(winnerName, (wins.get(winnerName) ?? 0) + 1);
    }
    expect([...wins.values()].reduce((sum, count) => sum + count, 0)).toBe(ROUNDS);
    // Different racers won: they really started together, rather than one always getting there first.
    expect(wins.size, JSON.stringify(Object.fromEntries(wins))).toBeGreaterThan(1);
  }, START_MS + ROUNDS * ANSWER_MS);
});
