import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { revisionOf } from '../electron/core/listRevision';
import { largeAccountData } from '../sim/alpaca/demoData';
import { startAlpacaSim } from '../sim/alpaca/server';
import { basicAuth } from '../sim/alpaca/testSupport';
import { startBenchCore, type BenchCore } from './benchCore';
import type { CorePollCpuConfig } from './config';
import { captureAnswer, type CapturedAnswer } from './replayServer';
import { formatCount, formatMs, type MeasureId, type MeasureRow, type RowHead } from './report';
import { median } from './stats';

/**
 * An unchanged answer must cost at most half of what every poll cost before (list, parse, check, hash the list): the
 * issue's complaint is that nothing changing still costs a whole listing. A changed answer still has to be read in full,
 * so it may cost what a poll cost before and a tenth more (the raw body's digest), never more.
 */
const UNCHANGED_GOAL = 0.5;
const CHANGED_GOAL = 1.1;
const ACCOUNTS_PATH = '/v1/accounts';

type Case = 'unchanged' | 'changed';

const IDS: Record<'base' | 'large', Record<Case, MeasureId>> = {
  base: { unchanged: 'core-poll-unchanged', changed: 'core-poll-changed' },
  large: { unchanged: 'core-poll-unchanged-large', changed: 'core-poll-changed-large' },
};

function sizes(config: CorePollCpuConfig): Array<{ size: 'base' | 'large'; positions: number }> {
  return [
    { size: 'base', positions: config.positions },
    { size: 'large', positions: config.largePositions },
  ];
}

export function corePollCpuHeads(config: CorePollCpuConfig): RowHead[] {
  return sizes(config).flatMap(({ size, positions }) => [
    {
      id: IDS[size].unchanged,
      measure: `main-process CPU per poll of ${formatCount(positions)} positions when nothing changed (core, Alpaca answer over HTTP)`,
      goal: `<= ${UNCHANGED_GOAL}x`,
    },
    {
      id: IDS[size].changed,
      measure: `main-process CPU per poll of ${formatCount(positions)} positions when one price moved`,
      goal: `<= ${CHANGED_GOAL}x`,
    },
  ]);
}

// The replay runs in its own process, so the CPU it spends sending 5-25 MB a poll is not counted as the core's. Each
// connection has its own path prefix ("lane"); a changing lane answers its two captures in turn.
const REPLAY_SCRIPT = `
const http = require('node:http');
const fs = require('node:fs');
const dir = process.argv[1];
const headers = JSON.parse(fs.readFileSync(dir + '/headers.json', 'utf8'));
const a = fs.readFileSync(dir + '/a.json');
const b = fs.readFileSync(dir + '/b.json');
const accounts = fs.readFileSync(dir + '/accounts.json');
const turns = new Map();
const server = http.createServer((request, response) => {
  request.resume();
  const pathname = new URL(request.url, 'http://replay').pathname;
  const lane = pathname.split('/')[1];
  const turn = (turns.get(lane) ?? 0) + 1;
  turns.set(lane, turn);
  const body = pathname.endsWith('/v1/accounts') ? accounts : lane.startsWith('changing') && turn % 2 === 0 ? b : a;
  response.writeHead(200, { ...headers, 'content-length': String(body.length) });
  response.end(body);
});
// Not console.log: under FORCE_COLOR (Playwright sets it) a logged number comes wrapped in colour codes.
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

async function startReplay(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', REPLAY_SCRIPT, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the replay server stopped with code ${code}`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  return { url: `http://127.0.0.1:${port.trim()}`, child };
}

/** CPU time (user + system) this process spent on `work`, in ms: the main process's cost, whatever it waited on. */
async function cpuMs(work: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

/** Alternates the poll as it was (list + hash of the list) with the poll as it is, `rounds` of each, after one of each. */
async function cpuRounds(rounds: number, before: () => Promise<unknown>, now: () => Promise<unknown>): Promise<{ beforeMs: number; nowMs: number }> {
  await before();
  await now();
  const beforeMs: number[] = [];
  const nowMs: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      beforeMs.push(await cpuMs(before));
      nowMs.push(await cpuMs(now));
    } else {
      nowMs.push(await cpuMs(now));
      beforeMs.push(await cpuMs(before));
    }
  }
  return { beforeMs: median(beforeMs), nowMs: median(nowMs) };
}

async function measureSize(bench: BenchCore, replayUrl: string, accountId: string, positions: number, keys: { keyId: string; secret: string }, rounds: number) {
  const rows: Record<Case, { beforeMs: number; nowMs: number }> = { unchanged: { beforeMs: 0, nowMs: 0 }, changed: { beforeMs: 0, nowMs: 0 } };
  for (const which of ['unchanged', 'changed'] as const) {
    const lane = (side: string) => `${replayUrl}/${which === 'changed' ? 'changing' : 'same'}-${side}`;
    const connection = `Bench poll ${which} ${positions}`;
    const before = `${connection} as before`;
    await bench.call('connections:add', { name: connection, broker: 'alpaca', baseUrl: lane('now'), ...keys });
    await bench.call('connections:add', { name: before, broker: 'alpaca', baseUrl: lane('before'), ...keys });
    let knownRevision: string | undefined;
    const pollAsBefore = async () => {
      const listed = await bench.call('positions:list', { connection: before, accountId });
      if (listed.length !== positions) throw new Error(`the core listed ${listed.length} of ${positions} positions`);
      return revisionOf(listed);
    };
    const pollNow = async () => {
      const answer = await bench.call('positions:poll', { connection, accountId, ...(knownRevision ? { knownRevision } : {}) });
      if (which === 'unchanged' && knownRevision !== undefined && !answer.unchanged) throw new Error('an unchanged answer was read as changed');
      if (which === 'changed' && answer.unchanged) throw new Error('a changed answer was read as unchanged');
      knownRevision = answer.revision;
    };
    rows[which] = await cpuRounds(rounds, pollAsBefore, pollNow);
  }
  return rows;
}

async function capture(positions: number): Promise<{ accountId: string; a: CapturedAnswer; b: CapturedAnswer; accounts: CapturedAnswer; keyId: string; secret: string }> {
  const data = largeAccountData(positions);
  const accountId = data.accounts[0]?.account.id;
  const moved = data.assets[0];
  if (accountId === undefined || moved === undefined) throw new Error('the benchmark account is missing');
  const sim = await startAlpacaSim({ data });
  try {
    const headers = { authorization: basicAuth(sim.keyId, sim.secret), accept: 'application/json' };
    const url = `${sim.url}/v1/trading/accounts/${encodeURIComponent(accountId)}/positions`;
    const a = await captureAnswer(url, headers);
    sim.state.setPrice(moved.symbol, (Number(moved.price) + 0.01).toFixed(2));
    const b = await captureAnswer(url, headers);
    const accounts = await captureAnswer(`${sim.url}${ACCOUNTS_PATH}`, headers);
    if (a.status !== 200 || b.status !== 200 || accounts.status !== 200) throw new Error('the simulator refused a capture');
    if (a.body.equals(b.body)) throw new Error('moving a price left the answer unchanged');
    return { accountId, a, b, accounts, keyId: sim.keyId, secret: sim.secret };
  } finally {
    await sim.close();
  }
}

/**
 * Main-process CPU of one `positions:poll` through the real core (dispatcher, Alpaca adapter over HTTP) against the
 * Alpaca simulator's own answer, replayed byte for byte from another process, beside the poll as it was before the raw
 * answer was digested: `positions:list` and a hash of the listed rows. Unchanged: the same bytes every poll; changed:
 * two answers one price apart, in turn.
 */
export async function measureCorePollCpu(config: CorePollCpuConfig, log: (line: string) => void): Promise<MeasureRow[]> {
  const heads = corePollCpuHeads(config);
  const rows: MeasureRow[] = [];
  for (const { size, positions } of sizes(config)) {
    const captured = await capture(positions);
    log(`poll cpu: ${formatCount(positions)} positions, ${formatCount(captured.a.body.length)} bytes an answer`);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-bench-poll-'));
    await writeFile(path.join(dir, 'a.json'), captured.a.body);
    await writeFile(path.join(dir, 'b.json'), captured.b.body);
    await writeFile(path.join(dir, 'accounts.json'), captured.accounts.body);
    await writeFile(path.join(dir, 'headers.json'), JSON.stringify(captured.a.headers));
    const replay = await startReplay(dir);
    const bench = await startBenchCore();
    try {
      const measured = await measureSize(bench, replay.url, captured.accountId, positions, { keyId: captured.keyId, secret: captured.secret }, config.rounds);
      for (const which of ['unchanged', 'changed'] as const) {
        const head = heads.find((candidate) => candidate.id === IDS[size][which]);
        if (!head) throw new Error(`no row for ${IDS[size][which]}`);
        const { beforeMs, nowMs } = measured[which];
        const ratio = nowMs / beforeMs;
        rows.push({
          ...head,
          floor: `the poll as it was (list, parse, check, hash the rows): ${formatMs(beforeMs)} CPU`,
          closeout: `${formatMs(nowMs)} CPU`,
          ratio,
          holds: ratio <= (which === 'unchanged' ? UNCHANGED_GOAL : CHANGED_GOAL),
          values: { beforeMs, nowMs, bytes: captured.a.body.length, positions, rounds: config.rounds },
        });
      }
    } finally {
      await bench.close();
      replay.child.kill();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
