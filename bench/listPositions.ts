import http from 'node:http';
import { largeAccountData } from '../sim/alpaca/demoData';
import { startAlpacaSim } from '../sim/alpaca/server';
import { basicAuth } from '../sim/alpaca/testSupport';
import { startBenchCore } from './benchCore';
import type { ListPositionsConfig } from './config';
import { captureAnswer, getBytes, serveCaptured } from './replayServer';
import { formatCount, formatMs, type MeasureRow, type RowHead } from './report';
import { alternatingRounds, median } from './stats';

const GOAL_RATIO = 1.3;
const CONNECTION = 'Bench replay';
// Adding a connection tests it by reading its first page of accounts.
const ACCOUNTS_PATH = '/v1/accounts';

export function listPositionsHead(config: ListPositionsConfig): RowHead {
  return {
    id: 'list-positions',
    measure: `list ${formatCount(config.positions)} positions through the core (HTTP, parse, validate, normalise)`,
    goal: `<= ${GOAL_RATIO}x`,
  };
}

/** The floor: one keep-alive GET of the same bytes and a JSON.parse, nothing else. */
async function bareGetJson(url: string, agent: http.Agent): Promise<unknown> {
  return JSON.parse((await getBytes(url, { accept: 'application/json' }, agent)).body.toString('utf8'));
}

/**
 * Captures the Alpaca simulator's answer for an account of `positions` positions once, replays those bytes from a
 * plain server, and times a bare GET + JSON.parse against the core's positions:list (Alpaca adapter: HTTP client,
 * zod, mapping to exact decimals, dispatcher validation) over the same bytes, alternating which goes first.
 */
export async function measureListPositions(config: ListPositionsConfig, log: (line: string) => void): Promise<MeasureRow> {
  const data = largeAccountData(config.positions);
  const accountId = data.accounts[0]?.account.id;
  if (accountId === undefined) throw new Error('the benchmark account is missing');
  const path = `/v1/trading/accounts/${encodeURIComponent(accountId)}/positions`;

  const sim = await startAlpacaSim({ data });
  const headers = { authorization: basicAuth(sim.keyId, sim.secret), accept: 'application/json' };
  const [captured, accounts] = await Promise.all([
    captureAnswer(`${sim.url}${path}`, headers),
    captureAnswer(`${sim.url}${ACCOUNTS_PATH}`, headers),
  ]).finally(() => sim.close());
  if (captured.status !== 200) throw new Error(`the simulator answered the positions list with HTTP ${captured.status}`);
  if (accounts.status !== 200) throw new Error(`the simulator answered the accounts list with HTTP ${accounts.status}`);
  log(`list: captured ${formatCount(captured.body.length)} bytes for ${formatCount(config.positions)} positions`);

  const replay = await serveCaptured(captured, new Map([[ACCOUNTS_PATH, accounts]]));
  const bench = await startBenchCore();
  const agent = new http.Agent({ keepAlive: true });
  try {
    await bench.call('connections:add', { name: CONNECTION, broker: 'alpaca', baseUrl: replay.url, keyId: sim.keyId, secret: sim.secret });
    const bare = () => bareGetJson(`${replay.url}${path}`, agent);
    const viaCore = async () => {
      const positions = await bench.call('positions:list', { connection: CONNECTION, accountId });
      if (positions.length !== config.positions) throw new Error(`the core listed ${positions.length} of ${config.positions} positions`);
    };
    const { floorMs: bareMs, measuredMs: coreMs } = await alternatingRounds({ warmup: config.warmupRounds, timed: config.rounds }, bare, viaCore);
    const floorMs = median(bareMs);
    const closeoutMs = median(coreMs);
    const ratio = closeoutMs / floorMs;
    return {
      ...listPositionsHead(config),
      floor: `bare GET + JSON.parse of the same ${formatCount(captured.body.length)} bytes: ${formatMs(floorMs)}`,
      closeout: formatMs(closeoutMs),
      ratio,
      holds: ratio <= GOAL_RATIO,
      values: { floorMs, closeoutMs, bytes: captured.body.length, rounds: config.rounds },
    };
  } finally {
    agent.destroy();
    await bench.close();
    await replay.close();
  }
}
