import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBridge } from '../shared/bridge';
import { BROKER_CAPABILITIES } from '../shared/brokers';
import { toDecimalString } from '../shared/decimal';
import type { Position } from '../shared/domain';
import { createMemoryAuditKeys } from '../electron/core/credentials/auditKeyStore';
import { openJournalStores } from '../electron/core/journal';
import { createMemoryProgressStore } from '../electron/core/windDown/progressStore';
import type { BrokerAdapter } from '../electron/core/brokers/broker';
import { createJsonProfileStore } from '../electron/core/connections/profileStore';
import { createMemoryVault } from '../electron/core/credentials/memoryVault';
import { createDispatcher } from '../electron/core/dispatcher';
import { createService } from '../electron/core/service';
import { createInvokeHandler } from '../electron/ipcHandler';
import type { IpcBridgeConfig } from './config';
import { formatMs, type MeasureRow, type RowHead } from './report';
import { median } from './stats';

const GOAL_ADDED_MS = 0.2;
const CONNECTION = 'In memory';
const ACCOUNT_ID = 'bench-account';
const RENDERER_URL = 'file:///closeout/renderer/index.html';

export function ipcBridgeHead(): RowHead {
  return { id: 'ipc-bridge', measure: 'IPC bridge + validation per call', goal: `<= ${GOAL_ADDED_MS} ms added` };
}

function positionsOf(count: number): Position[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `SYM${i}`,
    accountId: ACCOUNT_ID,
    symbol: `SYM${i}`,
    side: i % 3 === 0 ? 'short' : 'long',
    quantity: toDecimalString(String(10 + i)),
    available: toDecimalString(String(10 + i)),
    unit: { name: 'shares', step: toDecimalString('1') },
    fractional: false,
    avgPrice: toDecimalString('101.25'),
    lastPrice: toDecimalString('102.5'),
    marketValue: toDecimalString(String(1025 * (10 + i))),
    unrealizedPnl: toDecimalString('12.5'),
    unrealizedPnlPct: toDecimalString('1.23'),
    assetClass: 'us_equity',
  }));
}

function inMemoryAdapter(positions: Position[]): BrokerAdapter {
  const unused = () => Promise.reject(new Error('not part of the benchmark'));
  return {
    kind: 'alpaca',
    capabilities: BROKER_CAPABILITIES.alpaca,
    listAccounts: unused,
    getAccount: unused,
    getBalances: unused,
    listPositions: async () => positions,
    listOrders: async () => [],
    closePosition: unused,
    cancelOrder: unused,
  };
}

async function perCallMs(calls: number, call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i += 1) await call();
  return (performance.now() - started) / calls;
}

/**
 * positions:list through Closeout's code between the renderer's window.closeout and the service handler (the shared
 * bridge, the trusted-sender check, the dispatcher's channel check and zod validation, the envelope) against the same
 * service handler called directly, with a tiny in-memory adapter. Electron's own hop between processes cannot run here
 * (no Electron binary); the structured-clone copy it makes of the request and answer is timed beside, for scale.
 */
export async function measureIpcBridge(config: IpcBridgeConfig): Promise<MeasureRow> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-bench-ipc-'));
  const stores = openJournalStores(dataDir, createMemoryAuditKeys());
  try {
    const positions = positionsOf(config.positions);
    const handlers = createService({
      profiles: createJsonProfileStore(path.join(dataDir, 'connections.json')),
      vault: createMemoryVault(),
      adapterFactories: { alpaca: () => inMemoryAdapter(positions) },
      stores,
      windDownProgress: createMemoryProgressStore(),
      demoConnections: [{ profile: { name: CONNECTION, broker: 'alpaca', baseUrl: 'http://127.0.0.1:1', createdAt: new Date().toISOString() }, secret: 'unused' }],
      demo: true,
      version: 'bench',
    });
    const invoke = createInvokeHandler(createDispatcher(handlers), RENDERER_URL);
    const bridge = createBridge(
      (channel, request) => invoke({ senderFrame: { url: RENDERER_URL } }, channel, request),
      () => () => undefined,
    );
    const request = { connection: CONNECTION, accountId: ACCOUNT_ID };
    const direct = () => handlers['positions:list'](request);
    const bridged = async () => {
      const envelope = await bridge.invoke('positions:list', request);
      if (!envelope.ok || envelope.data.length !== config.positions) throw new Error('the bridged call did not answer the positions');
    };

    await perCallMs(config.callsPerBatch, direct);
    await perCallMs(config.callsPerBatch, bridged);
    const directMs: number[] = [];
    const bridgedMs: number[] = [];
    for (let batch = 0; batch < config.batches; batch += 1) {
      const order = batch % 2 === 0 ? [direct, bridged] : [bridged, direct];
      for (const call of order) (call === direct ? directMs : bridgedMs).push(await perCallMs(config.callsPerBatch, call));
    }
    const floorMs = median(directMs);
    const closeoutMs = median(bridgedMs);
    const addedMs = closeoutMs - floorMs;
    const answer = { ok: true, data: await direct() };
    const cloneMs = await perCallMs(config.callsPerBatch, async () => [structuredClone(request), structuredClone(answer)]);
    return {
      ...ipcBridgeHead(),
      floor: `direct call of the handler: ${formatMs(floorMs)}`,
      closeout: `${formatMs(closeoutMs)}: ${formatMs(addedMs)} added (Electron's structured-clone copy of request and answer, not included: ${formatMs(cloneMs)})`,
      ratio: closeoutMs / floorMs,
      holds: addedMs <= GOAL_ADDED_MS,
      values: { floorMs, closeoutMs, addedMs, structuredCloneMs: cloneMs, positions: config.positions, calls: config.callsPerBatch * config.batches },
    };
  } finally {
    stores.journal.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
