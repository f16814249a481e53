import diagnosticsChannel from 'node:diagnostics_channel';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { largeDemoData, startScaleTradeSim } from '../sim/scaletrade/server';
import { TRADE_TYPE } from '../sim/scaletrade/types';
import { startBenchCore } from './benchCore';
import type { CloseTicketsConfig } from './config';
import { formatCount, formatMs, type MeasureRow, type RowHead } from './report';
import { median } from './stats';

const GOAL_RATIO = 1.1;
const CONNECTION = 'Bench ScaleTrade';
const RESPONSE_FINISHED = 'http.server.response.finish';

function requestsPerSecond(config: CloseTicketsConfig): number {
  return (config.limit * 1000) / config.windowMs;
}

export function closeTicketsHead(config: CloseTicketsConfig): RowHead {
  const perSecond = requestsPerSecond(config);
  return {
    id: 'close-tickets',
    measure: `close ${formatCount(config.tickets)} tickets one by one (ScaleTrade simulator, ${config.latencyMs} ms latency, ${formatCount(perSecond)} requests/s limit)`,
    goal: `<= ${GOAL_RATIO}x, none lost to 429`,
  };
}

interface CloseRun {
  ms: number;
  closed: number;
  refused: number;
  unknown: number;
  /** Trades the simulator still holds open afterwards. */
  leftOpen: number;
  tooManyRequests: number;
  requests: number;
}

/** Counts the simulator's 429 answers as Node's HTTP server finishes them, without touching the simulator. */
function count429s(port: number): { count(): number; stop(): void } {
  let count = 0;
  const onFinish = (message: unknown) => {
    const { server, response } = message as { server: Server; response: ServerResponse };
    if ((server.address() as AddressInfo | null)?.port === port && response.statusCode === 429) count += 1;
  };
  diagnosticsChannel.subscribe(RESPONSE_FINISHED, onFinish);
  return { count: () => count, stop: () => diagnosticsChannel.unsubscribe(RESPONSE_FINISHED, onFinish) };
}

async function closeAllOnce(config: CloseTicketsConfig): Promise<CloseRun> {
  const sim = await startScaleTradeSim({ data: largeDemoData(config.tickets), rateLimit: { limit: config.limit, windowMs: config.windowMs } });
  sim.faults.latencyMs = config.latencyMs;
  const bench = await startBenchCore();
  const counter = count429s(Number(new URL(sim.url).port));
  try {
    await bench.call('connections:add', { name: CONNECTION, broker: 'scaletrade', baseUrl: sim.url, login: sim.login, secret: sim.password });
    const [account] = await bench.call('accounts:list', { connection: CONNECTION });
    if (!account) throw new Error('the ScaleTrade simulator listed no account');
    // Start on a fresh rate-limit window, as a close all after a quiet minute would.
    await new Promise((resolve) => setTimeout(resolve, config.windowMs + 20));
    const limitedBefore = counter.count();
    const requestsBefore = sim.requests.length;
    const started = performance.now();
    const receipt = await bench.call('positions:closeAll', { connection: CONNECTION, accountId: account.id, cancelOrders: false });
    const ms = performance.now() - started;
    const states = receipt.items.map((item) => item.state);
    return {
      ms,
      closed: states.filter((state) => state === 'filled' || state === 'accepted').length,
      refused: states.filter((state) => state === 'rejected').length,
      unknown: states.filter((state) => state === 'unknown').length,
      leftOpen: sim.state.tradesOf(sim.login, TRADE_TYPE.open).length,
      tooManyRequests: counter.count() - limitedBefore,
      requests: sim.requests.length - requestsBefore,
    };
  } finally {
    counter.stop();
    await bench.close();
    await sim.close();
  }
}

/**
 * The real core's positions:closeAll on a ScaleTrade connection (no bulk endpoint, so ticket by ticket) against a
 * rate-limited, slow simulator. The floor is what the limit alone allows: tickets / (limit per second).
 */
export async function measureCloseTickets(config: CloseTicketsConfig, log: (line: string) => void): Promise<MeasureRow> {
  const runs: CloseRun[] = [];
  for (let run = 0; run < config.runs; run += 1) {
    const result = await closeAllOnce(config);
    log(`close: run ${run + 1}: ${formatMs(result.ms)}, ${result.closed} closed, ${result.tooManyRequests} answered 429, ${result.leftOpen} left open`);
    runs.push(result);
  }
  const floorMs = (config.tickets / config.limit) * config.windowMs;
  const closeoutMs = median(runs.map((run) => run.ms));
  const ratio = closeoutMs / floorMs;
  const lost = Math.max(...runs.map((run) => config.tickets - run.closed + run.leftOpen));
  const tooManyRequests = median(runs.map((run) => run.tooManyRequests));
  return {
    ...closeTicketsHead(config),
    floor: `${formatMs(floorMs)} (${formatCount(config.tickets)} / ${formatCount(requestsPerSecond(config))} per s)`,
    closeout: `${formatMs(closeoutMs)}; ${formatCount(tooManyRequests)} answers were 429, ${lost === 0 ? 'every ticket closed' : `${formatCount(lost)} tickets not closed`}`,
    ratio,
    holds: ratio <= GOAL_RATIO && lost === 0,
    values: {
      floorMs,
      closeoutMs,
      tooManyRequests,
      ticketsNotClosed: lost,
      refused: Math.max(...runs.map((run) => run.refused)),
      unknown: Math.max(...runs.map((run) => run.unknown)),
      requests: median(runs.map((run) => run.requests)),
      runs: runs.length,
    },
  };
}
