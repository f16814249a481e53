import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../shared/audit';
import { faultMatches, type HangFault } from '../../sim/shared/faults';
import type { RecordedRequest } from '../../sim/shared/recording';
import { closeoutRunner, KEYCHAIN_READY, KEYCHAIN_REASON, parseJson, printed, type CloseoutRunner } from '../cli/spawnCloseout.testkit';
import { FAULT_BROKERS, type Book, type CloseKind, type FaultBroker } from './faultBrokers';
import { attemptsWithoutOutcome, auditRows, intent, newestIntent } from './journalProbe';
import { until } from './until';

// kill -9 at each step of a close, a partial close and a close all, then the same command again, for all four
// brokers: the real bin/closeout.mjs against each simulator. The rerun must answer with the earlier attempt's verdict
// and send nothing; the journal must hold the attempt, its interruption and its settlement; the chain must verify.
// Then the same after a kill whose rerun cannot read the broker: it must say so and send nothing, and the run after
// it must read again. Each broker has its own simulator and data folder; the brokers run side by side, each one's
// scenarios in turn (they share the simulator's fault knobs).

/** A command start alone takes seconds on a busy machine; a rerun also reads the broker three times over 3 s. */
const RUN_MS = 60_000;
const SCENARIO_MS = 3 * RUN_MS;
/** The killed command must never give up on the hanging request by itself before the kill. */
const NEVER_TIMES_OUT = { CLOSEOUT_BROKER_TIMEOUT_MS: String(10 * RUN_MS) };

type Verdict = 'happened' | 'not_happened';

interface Step {
  name: string;
  hang(book: Book): HangFault;
  /** Whether the command has got as far as this step, judged from what the broker received since the scenario began. */
  reached(book: Book, received: readonly RecordedRequest[]): boolean;
  /** The intent's state while the command hangs there. */
  intentState: 'prepared' | 'sent';
  verdict: Verdict;
}

const sendsIn = (book: Book, received: readonly RecordedRequest[]) => received.filter((request) => faultMatches(book.send, request)).length;

const STEPS: readonly Step[] = [
  {
    name: 'before the send (the read after the intent committed)',
    hang: (book) => ({ when: 'before-apply', match: book.readBeforeSend }),
    reached: (book, received) => received.some((request) => faultMatches(book.readBeforeSend, request)),
    intentState: 'prepared',
    verdict: 'not_happened',
  },
  {
    name: 'after the send, before the broker acted',
    hang: (book) => ({ when: 'before-apply', match: book.send }),
    reached: (book, received) => sendsIn(book, received) >= book.sends,
    intentState: 'sent',
    verdict: 'not_happened',
  },
  {
    name: 'after the broker executed, before it answered',
    hang: (book) => ({ when: 'after-apply', match: book.send }),
    reached: (book, received) => sendsIn(book, received) >= book.sends && book.executed(),
    intentState: 'sent',
    verdict: 'happened',
  },
];

const KIND_WORDS: Record<CloseKind, string> = { close: 'a close', partial: 'a partial close', closeAll: 'a close all' };
const EXIT_OF: Record<Verdict, number> = { happened: 0, not_happened: 1 };
const WORDS_OF: Record<Verdict, string> = { happened: 'did happen', not_happened: 'did not happen' };


/** Each destructive request's target, and how often it was sent. */
function sendCounts(broker: FaultBroker, received: readonly RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of received.filter(broker.isSend)) counts.set(broker.sendTarget(request), (counts.get(broker.sendTarget(request)) ?? 0) + 1);
  return counts;
}

/** A simulator, a data folder and a connection to it, for one describe's scenarios in turn. */
function useBroker(start: () => Promise<FaultBroker>) {
  const setup = { broker: undefined as unknown as FaultBroker, dataDir: '' };
  const cli = closeoutRunner(() => setup.dataDir);
  beforeAll(async () => {
    setup.dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-faults-kill-'));
    setup.broker = await start();
    const added = await cli.run(setup.broker.add.args, { input: setup.broker.add.input, timeoutMs: RUN_MS });
    expect(added.code, printed(added)).toBe(0);
  }, RUN_MS);
  afterAll(async () => {
    await setup.broker?.close();
    await rm(setup.dataDir, { recursive: true, force: true });
  });
  return { setup, cli };
}

/**
 * Runs the book's command until it hangs at `step`, checks the intent is where the step says, kills it with SIGKILL
 * and resets the faults. Returns the killed attempt's action id and the destructive requests it made.
 */
async function killAt(cli: CloseoutRunner, broker: FaultBroker, dataDir: string, book: Book, step: Step, mark: number) {
  const received = () => broker.requests.slice(mark);
  broker.faults.hang = step.hang(book);
  const killed = cli.start(book.args, { env: NEVER_TIMES_OUT, timeoutMs: RUN_MS });
  let actionId: string;
  try {
    await until(`the command to reach ${step.name}`, () => step.reached(book, received()), { timeoutMs: RUN_MS, running: killed });
    const hanging = newestIntent(dataDir);
    expect(hanging, 'the intent is committed before the step').toMatchObject({ state: step.intentState, verdict: null });
    actionId = hanging?.action_id ?? '';
  } finally {
    killed.kill('SIGKILL');
    broker.faults.reset();
  }
  expect((await killed.finished).signal).toBe('SIGKILL');
  return { actionId, sent: received().filter(broker.isSend) };
}

describe.skipIf(!KEYCHAIN_READY)(`a command killed at any step, run again (${KEYCHAIN_REASON})`, () => {
  for (const { label, kinds, start } of FAULT_BROKERS) {
    describe.concurrent(label, () => {
      const { setup, cli } = useBroker(start);

      for (const kind of kinds) {
        for (const step of STEPS) {
          const then = step.verdict === 'happened' ? 'reports that it happened' : 'reports that it did not happen, and a third run sends it once';
          it.sequential(`${KIND_WORDS[kind]} killed ${step.name}: the same command ${then}, nothing sent twice, the audit verifies`, async () => {
            const { broker, dataDir } = setup;
            const book = broker.book(kind);
            const mark = broker.requests.length;
            const received = () => broker.requests.slice(mark);
            const recordsBefore = auditRows(dataDir).length;

            // 1. Run it until it hangs at the step and kill -9.
            const { actionId, sent: sentByKilled } = await killAt(cli, broker, dataDir, book, step, mark);
            expect(sentByKilled).toHaveLength(step.intentState === 'prepared' ? 0 : book.sends);
            expect(book.untouched()).toBe(step.verdict === 'not_happened');
            expect(book.executed()).toBe(step.verdict === 'happened');
            // 2. The same command again: the earlier attempt's verdict, nothing new sent.
            const rerun = await cli.run(book.args, { timeoutMs: RUN_MS });
            expect(rerun.code, printed(rerun)).toBe(EXIT_OF[step.verdict]);
            expect(rerun.stdout).toMatch(new RegExp(`An earlier .+, started \\d\\d:\\d\\d by a process that stopped, ${WORDS_OF[step.verdict]}; nothing new was sent`));
            expect(rerun.stdout).toContain(`action id: ${actionId}`);
            expect(received().filter(broker.isSend)).toEqual(sentByKilled);
            expect([...sendCounts(broker, received()).values()].every((count) => count === 1)).toBe(true);

            // 3. The journal: the intent settled and reported, and the attempt, its interruption and its settlement on the trail.
            expect(intent(dataDir, actionId)).toMatchObject({ state: 'settled', verdict: step.verdict, interrupted_at: expect.any(String), reported_at: expect.any(String) });
            const trail = auditRows(dataDir);
            expect(trail.filter((row) => row.actionId === actionId).map((row) => [row.phase, row.outcome, row.message])).toEqual([
              ['attempt', null, null],
              ['outcome', 'unknown', expect.stringMatching(/^Interrupted: process \d+ on .+ stopped before recording how/)],
              ['outcome', step.verdict === 'happened' ? 'filled' : 'rejected', expect.stringMatching(`^Settled by reading after the process stopped: The .+ ${WORDS_OF[step.verdict]}`)],
            ]);
            expect(trail).toHaveLength(recordsBefore + 3);
            let expectedRecords = trail.length;

            // 4. Where it did not happen, a third run sends it exactly once.
            if (step.verdict === 'not_happened') {
              const before = broker.requests.length;
              const third = await cli.run(book.args, { timeoutMs: RUN_MS });
              expect(third.code, printed(third)).toBe(0);
              const sent = sendCounts(broker, broker.requests.slice(before));
              expect([...sent.values()]).toEqual(Array.from({ length: book.sends }, () => 1));
              await until("the broker to execute the third run's close", book.executed, { timeoutMs: RUN_MS });
              // Its attempt and outcome; a broker whose answer gives the fill (Exness) has it recorded at once, as a
              // second outcome, where the others are followed only by a command that waits.
              const thirdRun = auditRows(dataDir).slice(expectedRecords);
              const followed = thirdRun.filter((row) => row.message?.startsWith('Followed: '));
              expect(thirdRun.map((row) => row.phase)).toEqual(['attempt', 'outcome', ...followed.map(() => 'outcome')]);
              expect(followed.length).toBeLessThanOrEqual(1);
              expectedRecords += thirdRun.length;
            }
            expect(attemptsWithoutOutcome(auditRows(dataDir))).toEqual([]);

            // 5. The chain verifies, with no record lost or added.
            const verify = await cli.run(['audit', '--verify', '--json'], { timeoutMs: RUN_MS });
            expect(verify.code, printed(verify)).toBe(0);
            expect(parseJson<AuditVerification>(verify)).toMatchObject({ ok: true, records: expectedRecords });
          }, SCENARIO_MS);
        }
      }
    });
  }

  describe.concurrent('Alpaca, when the broker cannot be read as the command runs again', () => {
    const alpaca = FAULT_BROKERS.find((broker) => broker.label === 'Alpaca');
    if (!alpaca) throw new Error('no Alpaca in the fault brokers');
    const { setup, cli } = useBroker(alpaca.start);
    const executed = STEPS.find((step) => step.verdict === 'happened') as Step;

    it.sequential('a partial close killed after the broker executed: the rerun exits 3 and sends nothing; the next run reads again, reports it happened and sends nothing', async () => {
      const { broker, dataDir } = setup;
      const book = broker.book('partial');
      const mark = broker.requests.length;
      const { actionId, sent } = await killAt(cli, broker, dataDir, book, executed, mark);

      broker.faults.errorRate = 1;
      const blind = await cli.run(book.args, { timeoutMs: RUN_MS }).finally(() => broker.faults.reset());
      expect(blind.code, printed(blind)).toBe(3);
      expect(blind.stdout).toMatch(/by a process that stopped, could not be settled by reading the broker; nothing new was sent/);

      const seeing = await cli.run(book.args, { timeoutMs: RUN_MS });
      expect(seeing.code, printed(seeing)).toBe(0);
      expect(seeing.stdout).toMatch(/by a process that stopped, did happen; nothing new was sent/);
      expect(seeing.stdout).toContain(`action id: ${actionId}`);
      expect(broker.requests.slice(mark).filter(broker.isSend)).toEqual(sent);
      expect(book.executed()).toBe(true);

      expect(auditRows(dataDir).filter((row) => row.actionId === actionId).map((row) => [row.phase, row.outcome, row.message])).toEqual([
        ['attempt', null, null],
        ['outcome', 'unknown', expect.stringMatching(/^Interrupted: /)],
        ['outcome', 'unknown', expect.stringMatching(/^Settled by reading after the process stopped: The .+ could not be settled by reading the broker/)],
        // Read again, not interrupted again: the trail says so once.
        ['outcome', 'filled', expect.stringMatching(/^Settled by reading after the process stopped: The .+ did happen/)],
      ]);
      const verify = await cli.run(['audit', '--verify', '--json'], { timeoutMs: RUN_MS });
      expect(verify.code, printed(verify)).toBe(0);
      expect(parseJson<AuditVerification>(verify)).toMatchObject({ ok: true, records: auditRows(dataDir).length });
    }, SCENARIO_MS);
  });
});
