import diagnosticsChannel from 'node:diagnostics_channel';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoData } from '../sim/alpaca/demoData';
import { withManyAccounts } from '../sim/alpaca/manyAccounts';
import { startAlpacaSim } from '../sim/alpaca/server';
import { startBenchCore } from './benchCore';
import type { CloseoutAccountsConfig } from './config';
import { formatCount, formatMs, type MeasureRow, type RowHead } from './report';
import { median } from './stats';

const GOAL_RATIO = 1.1;
const CONNECTION = 'Bench Alpaca';
const RESPONSE_FINISHED = 'http.server.response.finish';

function requestsPerSecond(config: CloseoutAccountsConfig): number {
  return (config.limit * 1000) / config.windowMs;
}

export function closeoutAccountsHead(config: CloseoutAccountsConfig): RowHead {
  return {
    id: 'closeout-accounts',
    measure: `close out ${formatCount(config.accounts)} Alpaca accounts in one wind-down, preflight included (simulator, ${formatCount(requestsPerSecond(config))} requests/s limit)`,
    goal: `<= ${GOAL_RATIO}x, every account closed`,
  };
}

interface CloseoutRun {
  ms: number;
  closed: number;
  /** Requests the simulator answered other than with 429: what the limit had to let through. */
  answered: number;
  tooManyRequests: number;
}

/** Counts the simulator's answers as Node's HTTP server finishes them, 429s apart, without touching the simulator. */
function countAnswers(port: number): { answered(): number; tooMany(): number; stop(): void } {
  let answered = 0;
  let tooMany = 0;
  const onFinish = (message: unknown) => {
    const { server, response } = message as { server: Server; response: ServerResponse };
    if ((server.address() as AddressInfo | null)?.port !== port) return;
    if (response.statusCode === 429) tooMany += 1;
    else answered += 1;
  };
  diagnosticsChannel.subscribe(RESPONSE_FINISHED, onFinish);
  return { answered: () => answered, tooMany: () => tooMany, stop: () => diagnosticsChannel.unsubscribe(RESPONSE_FINISHED, onFinish) };
}

async function closeoutOnce(config: CloseoutAccountsConfig, log: (line: string) => void): Promise<CloseoutRun> {
  // The generated accounts after the demo book's eight: empty, and some closed or not yet approved, so taken by status.
  const sim = await startAlpacaSim({ fillDelayMs: 0, data: withManyAccounts(demoData(), 8 + config.accounts * 2), rateLimit: { limit: config.limit, windowMs: config.windowMs } });
  const numbers = sim.state
    .listAccounts()
    .filter((account) => account.status === 'ACTIVE' && Number(account.account_number) > 900_000_008)
    .slice(0, config.accounts)
    .map((account) => account.account_number);
  if (numbers.length !== config.accounts) throw new Error(`the simulator has ${numbers.length} of ${config.accounts} active generated accounts`);
  const bench = await startBenchCore();
  const counter = countAnswers(Number(new URL(sim.url).port));
  try {
    await bench.call('connections:add', { name: CONNECTION, broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
    // Start on a fresh rate-limit window, as a closeout after a quiet minute would.
    await new Promise((resolve) => setTimeout(resolve, config.windowMs + 20));
    const answeredBefore = counter.answered();
    const limitedBefore = counter.tooMany();
    const started = performance.now();
    const plan = await bench.call('windDown:prepare', { connection: CONNECTION, accounts: numbers, sweepTo: null });
    const toRun = plan.accounts.filter((account) => account.disposition === 'run' && !account.alreadyDone).length;
    log(`closeout: preflight of ${formatCount(numbers.length)} accounts took ${formatMs(performance.now() - started)}; ${formatCount(toRun)} to run`);
    const report = await bench.call('windDown:run', { runId: plan.runId, confirmCount: toRun });
    const ms = performance.now() - started;
    return {
      ms,
      closed: report.accounts.filter((account) => account.closed).length,
      answered: counter.answered() - answeredBefore,
      tooManyRequests: counter.tooMany() - limitedBefore,
    };
  } finally {
    counter.stop();
    await bench.close();
    await sim.close();
  }
}

/**
 * The real core's wind-down (windDown:prepare, then windDown:run) of empty Alpaca accounts against a rate-limited
 * simulator. The floor is what the limit alone allows for the requests the run needed: answered requests / (limit
 * per second); the row says how many that was per account, so a run that asks more than it needs shows there.
 */
export async function measureCloseoutAccounts(config: CloseoutAccountsConfig, log: (line: string) => void): Promise<MeasureRow> {
  const runs: CloseoutRun[] = [];
  for (let run = 0; run < config.runs; run += 1) {
    const result = await closeoutOnce(config, log);
    log(`closeout: run ${run + 1}: ${formatMs(result.ms)}, ${result.closed} closed, ${result.answered} requests, ${result.tooManyRequests} answered 429`);
    runs.push(result);
  }
  const answered = median(runs.map((run) => run.answered));
  const floorMs = (answered / config.limit) * config.windowMs;
  const closeoutMs = median(runs.map((run) => run.ms));
  const ratio = closeoutMs / floorMs;
  const notClosed = Math.max(...runs.map((run) => config.accounts - run.closed));
  return {
    ...closeoutAccountsHead(config),
    floor: `${formatMs(floorMs)} (${formatCount(answered)} requests, ${(answered / config.accounts).toFixed(1)} per account, / ${formatCount(requestsPerSecond(config))} per s)`,
    closeout: `${formatMs(closeoutMs)}; ${formatCount(median(runs.map((run) => run.tooManyRequests)))} answers were 429, ${notClosed === 0 ? 'every account closed' : `${formatCount(notClosed)} accounts not closed`}`,
    ratio,
    holds: ratio <= GOAL_RATIO && notClosed === 0,
    values: { floorMs, closeoutMs, requests: answered, notClosed, runs: runs.length },
  };
}
