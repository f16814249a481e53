import http from 'node:http';
import { demoData } from '../sim/alpaca/demoData';
import { withManyAccounts } from '../sim/alpaca/manyAccounts';
import { startAlpacaSim } from '../sim/alpaca/server';
import { basicAuth } from '../sim/alpaca/testSupport';
import { listen, type RunningServer } from '../sim/shared/listen';
import { startBenchCore } from './benchCore';
import type { ListAccountsConfig } from './config';
import { captureAnswer, getBytes, type CapturedAnswer } from './replayServer';
import { formatCount, formatMegabytes, formatMs, type MeasureRow, type RowHead } from './report';
import { alternatingRounds, median } from './stats';

const GOAL_RATIO = 1.3;
const RECORDING = 'Bench recording';
const REPLAY = 'Bench replay';

export function listAccountsHead(config: ListAccountsConfig): RowHead {
  return {
    id: 'list-accounts',
    measure: `list ${formatCount(config.accounts)} accounts through the core, page by page (accounts:stream)`,
    goal: `<= ${GOAL_RATIO}x`,
  };
}

/** A proxy to the simulator that keeps every answer by its URL, in the order they were asked for. */
function recordingProxy(target: string, recorded: Map<string, CapturedAnswer>): Promise<RunningServer> {
  return listen({ host: '127.0.0.1', port: 0 }, async (request, response) => {
    request.resume();
    const url = request.url ?? '/';
    const authorization = request.headers.authorization ?? '';
    const answer = await captureAnswer(`${target}${url}`, { authorization, accept: 'application/json' });
    recorded.set(url, answer);
    response.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
    response.end(answer.body);
  });
}

/** Answers each recorded URL with its recorded bytes: both sides then read the same pages from the same server. */
function replayByUrl(recorded: ReadonlyMap<string, CapturedAnswer>): Promise<RunningServer> {
  return listen({ host: '127.0.0.1', port: 0 }, async (request, response) => {
    request.resume();
    const answer = recorded.get(request.url ?? '/');
    if (!answer) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end(`not recorded: ${request.url ?? ''}`);
      return;
    }
    response.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
    response.end(answer.body);
  });
}

/**
 * Lists the simulator's accounts once through the core behind a recording proxy, then times the core's accounts:stream
 * (Alpaca adapter: created_after paging, zod, mapping, de-duplication by id) against a bare keep-alive GET +
 * JSON.parse of the very pages it asked for, both from a server that replays those bytes, alternating which goes first.
 */
export async function measureListAccounts(config: ListAccountsConfig, log: (line: string) => void): Promise<MeasureRow> {
  log(`accounts: building ${formatCount(config.accounts)} simulator accounts`);
  const sim = await startAlpacaSim({ data: withManyAccounts(demoData(), config.accounts) });
  const recorded = new Map<string, CapturedAnswer>();
  const bench = await startBenchCore();
  const agent = new http.Agent({ keepAlive: true });
  const servers: RunningServer[] = [];
  try {
    const proxy = await recordingProxy(sim.url, recorded);
    servers.push(proxy);
    await bench.call('connections:add', { name: RECORDING, broker: 'alpaca', baseUrl: proxy.url, keyId: sim.keyId, secret: sim.secret });
    recorded.clear();
    const listed = await bench.call('accounts:stream', { connection: RECORDING, streamId: 'bench-recording' });
    if (listed.count !== config.accounts) throw new Error(`the core listed ${listed.count} of ${config.accounts} accounts`);
    const pages = [...recorded.keys()];
    const bytes = [...recorded.values()].reduce((sum, answer) => sum + answer.body.length, 0);
    for (const [url, answer] of recorded) if (answer.status !== 200) throw new Error(`the simulator answered ${url} with HTTP ${answer.status}`);
    log(`accounts: recorded ${pages.length} pages, ${formatMegabytes(bytes)}`);

    const replay = await replayByUrl(new Map(recorded));
    servers.push(replay);
    await bench.call('connections:add', { name: REPLAY, broker: 'alpaca', baseUrl: replay.url, keyId: sim.keyId, secret: sim.secret });
    const headers = { authorization: basicAuth(sim.keyId, sim.secret), accept: 'application/json' };
    const bare = async () => {
      let count = 0;
      for (const page of pages) count += (JSON.parse((await getBytes(`${replay.url}${page}`, headers, agent)).body.toString('utf8')) as unknown[]).length;
      if (count === 0) throw new Error('the replayed pages hold no accounts');
    };
    let streams = 0;
    const viaCore = async () => {
      streams += 1;
      const { count } = await bench.call('accounts:stream', { connection: REPLAY, streamId: `bench-${streams}` });
      if (count !== config.accounts) throw new Error(`the core listed ${count} of ${config.accounts} accounts from the replay`);
    };
    const { floorMs: bareMs, measuredMs: coreMs } = await alternatingRounds({ warmup: config.warmupRounds, timed: config.rounds }, bare, viaCore, (round, bareTime, coreTime) =>
      log(`accounts: round ${round + 1}: bare ${formatMs(bareTime)}, core ${formatMs(coreTime)}`),
    );
    const floorMs = median(bareMs);
    const closeoutMs = median(coreMs);
    const ratio = closeoutMs / floorMs;
    return {
      ...listAccountsHead(config),
      floor: `bare paged GET + JSON.parse of the same ${pages.length} pages (${formatMegabytes(bytes)}): ${formatMs(floorMs)}`,
      closeout: formatMs(closeoutMs),
      ratio,
      holds: ratio <= GOAL_RATIO,
      values: { floorMs, closeoutMs, pages: pages.length, bytes, rounds: config.rounds },
    };
  } finally {
    agent.destroy();
    await bench.close();
    for (const server of servers) await server.close();
    await sim.close();
  }
}
