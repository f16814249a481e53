import { randomUUID } from 'node:crypto';
import { dec } from '../../shared/decimal';
import { startAlpacaSim } from '../../sim/alpaca/server';
import { fixtureData as alpacaData, IDS as ALPACA_IDS } from '../../sim/alpaca/testSupport';
import { startClearStreetSim } from '../../sim/clearstreet/server';
import { fixtureData as clearStreetData, IDS as CLEAR_STREET_IDS } from '../../sim/clearstreet/testSupport';
import { startExnessSim } from '../../sim/exness/server';
import { fixtureData as exnessData } from '../../sim/exness/testSupport';
import { startScaleTradeSim } from '../../sim/scaletrade/server';
import { fixtureData as scaleTradeData } from '../../sim/scaletrade/testSupport';
import { executeClose } from '../../sim/scaletrade/trading';
import { CMD } from '../../sim/scaletrade/types';
import type { FaultKnobs, FaultMatch } from '../../sim/shared/faults';
import type { RecordedRequest } from '../../sim/shared/recording';

// The four simulators as the fault suite uses them: each hands out fresh positions per scenario (so no scenario
// depends on what an earlier one left), names the requests the core makes, and tells what the broker has executed.

export type CloseKind = 'close' | 'partial' | 'closeAll';

/** The positions one scenario acts on, and the command that acts on them. */
export interface Book {
  /** The command line after `closeout`. */
  args: string[];
  /** How many destructive requests one attempt makes (a ticket-by-ticket close all makes one per ticket). */
  sends: number;
  /** The read the core makes after it prepared the intent and before anything is sent. */
  readBeforeSend: FaultMatch;
  /** The destructive request itself. */
  send: FaultMatch;
  /** Whether the broker has executed everything this attempt asks for. */
  executed(): boolean;
  /** Whether the broker still holds the book exactly as it was given out: nothing was executed. */
  untouched(): boolean;
}

export interface FaultBroker {
  /** `connections add` arguments and the secret to pipe in. */
  add: { args: string[]; input: string };
  faults: FaultKnobs;
  requests: RecordedRequest[];
  /** Whether a request asks the broker to change something (a sign-in does not). */
  isSend(request: RecordedRequest): boolean;
  /** What a destructive request acts on, so duplicates show: a path, a ticket. */
  sendTarget(request: RecordedRequest): string;
  book(kind: CloseKind): Book;
  close(): Promise<void>;
}

/**
 * Connection secrets are kept in the keychain by connection name, and every test process shares one keychain: a name
 * of its own keeps two simulators of one broker (here or in another test file) from overwriting each other's secret.
 */
const connectionName = (broker: string) => `faults-${broker}-${randomUUID().slice(0, 8)}`;

const exactly = (path: string) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

function commandFor(kind: CloseKind, connection: string, accountId: string, positionId: string, partialQty: string): string[] {
  if (kind === 'closeAll') return ['close-all', connection, '--account', accountId, '--yes'];
  return ['close', connection, '--account', accountId, '--position', positionId, ...(kind === 'partial' ? ['--qty', partialQty] : []), '--yes'];
}

async function alpacaBroker(): Promise<FaultBroker> {
  const sim = await startAlpacaSim({ fillDelayMs: 0, data: alpacaData() });
  const template = sim.state.getAccount(ALPACA_IDS.flat);
  if (!template) throw new Error('the Alpaca fixture book has no flat account');
  const connection = connectionName('alpaca');
  let books = 0;
  return {
    add: { args: ['connections', 'add', connection, '--broker', 'alpaca', '--base-url', sim.url, '--key-id', sim.keyId], input: sim.secret },
    faults: sim.faults,
    requests: sim.requests,
    isSend: (request) => request.method !== 'GET',
    sendTarget: (request) => `${request.method} ${request.path}`,
    book(kind) {
      books += 1;
      const accountId = randomUUID();
      sim.state.addAccount({
        account: { ...template, id: accountId, account_number: `FLT${String(books).padStart(5, '0')}` },
        cash: '1000',
        positions: [
          { symbol: 'AAPL', qty: '10', avg_entry_price: '150' },
          { symbol: 'TSLA', qty: '4', avg_entry_price: '380' },
        ],
        orders: [],
      });
      const positions = `/v1/trading/accounts/${accountId}/positions`;
      const qty = (symbol: string) => sim.state.positionOf(accountId, symbol)?.qty ?? '0';
      return {
        args: commandFor(kind, connection, accountId, 'AAPL', '4'),
        sends: 1,
        readBeforeSend: { method: 'GET', path: exactly(positions) },
        send: { method: 'DELETE', path: exactly(kind === 'closeAll' ? positions : `${positions}/AAPL`) },
        executed: () => (kind === 'closeAll' ? sim.state.positionsOf(accountId).length === 0 : qty('AAPL') === (kind === 'partial' ? '6' : '0')),
        untouched: () => qty('AAPL') === '10' && qty('TSLA') === '4',
      };
    },
    close: () => sim.close(),
  };
}

async function clearStreetBroker(): Promise<FaultBroker> {
  const sim = await startClearStreetSim({ fillDelayMs: 0, data: clearStreetData() });
  const template = sim.state.getAccount(CLEAR_STREET_IDS.saver);
  if (!template) throw new Error('the Clear Street fixture book has no saver account');
  const personal = sim.state.personalDetailsOf(CLEAR_STREET_IDS.saver);
  const connection = connectionName('clearstreet');
  let nextId = 700_001;
  return {
    add: { args: ['connections', 'add', connection, '--broker', 'clearstreet', '--base-url', sim.url], input: sim.apiKey },
    faults: sim.faults,
    requests: sim.requests,
    isSend: (request) => request.method !== 'GET',
    sendTarget: (request) => `${request.method} ${request.path}`,
    book(kind) {
      const id = nextId;
      nextId += 1;
      sim.state.addAccount({
        account: { ...template, id, short_name: `FAULTS-${id}` },
        personal,
        cash: { settled: '1000', unsettled_credits: '0', unsettled_debits: '0' },
        positions: [
          { symbol: 'AAPL', quantity: '10', avg_price: '150' },
          { symbol: 'HD', quantity: '3', avg_price: '300' },
        ],
        orders: [],
      });
      const positions = `/v1/accounts/${id}/positions`;
      const qty = (symbol: string) => sim.state.positionsOf(id).find((position) => position.symbol === symbol)?.quantity ?? '0';
      const send: FaultMatch =
        kind === 'partial' ? { method: 'POST', path: exactly(`/v1/accounts/${id}/orders`) } : { method: 'DELETE', path: exactly(kind === 'closeAll' ? positions : `${positions}/AAPL`) };
      return {
        args: commandFor(kind, connection, String(id), 'AAPL', '4'),
        sends: 1,
        readBeforeSend: { method: 'GET', path: exactly(positions) },
        send,
        executed: () => (kind === 'closeAll' ? sim.state.positionsOf(id).length === 0 : dec(qty('AAPL')).eq(kind === 'partial' ? 6 : 0)),
        untouched: () => dec(qty('AAPL')).eq(10) && dec(qty('HD')).eq(3),
      };
    },
    close: () => sim.close(),
  };
}

async function exnessBroker(): Promise<FaultBroker> {
  const sim = await startExnessSim({ data: exnessData() });
  const connection = connectionName('exness');
  const open = () => sim.state.openOrdersOf(sim.userId).map((order) => order.orderId);
  return {
    add: { args: ['connections', 'add', connection, '--broker', 'exness', '--base-url', sim.url], input: sim.secret },
    faults: sim.faults,
    requests: sim.requests,
    isSend: (request) => request.method !== 'GET',
    sendTarget: (request) => `${request.path} ${String((request.body as { orderId?: unknown } | null)?.orderId)}`,
    book(kind) {
      // One account per token: a close all acts on every ticket in it, so it starts from an empty book.
      if (kind === 'closeAll') for (const orderId of open()) sim.state.closeOrder(sim.userId, orderId);
      const tickets = [
        sim.state.addOrder(sim.userId, { symbol: 'BTCUSD', type: 'buy', quantity: '0.25', leverage: 20 }).orderId,
        ...(kind === 'closeAll' ? [sim.state.addOrder(sim.userId, { symbol: 'EURUSD', type: 'sell', quantity: '1000', leverage: 20 }).orderId] : []),
      ];
      const [ticket] = tickets as [string];
      const stillOpen = () => tickets.filter((orderId) => open().includes(orderId)).length;
      return {
        args: commandFor(kind, connection, sim.userId, ticket, ''),
        sends: tickets.length,
        readBeforeSend: { method: 'GET', path: /^\/api\/v1\/trade\/(orders|open)$/ },
        send: { method: 'POST', path: exactly('/api/v1/trade/close') },
        executed: () => stillOpen() === 0,
        untouched: () => stillOpen() === tickets.length,
      };
    },
    close: () => sim.close(),
  };
}

async function scaleTradeBroker(): Promise<FaultBroker> {
  const sim = await startScaleTradeSim({ fillDelayMs: 0, data: scaleTradeData() });
  const connection = connectionName('scaletrade');
  const login = sim.login;
  const openTrades = () => sim.state.tradesOf(login);
  const volumeOf = (order: number) => openTrades().find((trade) => trade.order === order)?.volume ?? 0;
  return {
    add: { args: ['connections', 'add', connection, '--broker', 'scaletrade', '--base-url', sim.url, '--login', String(login)], input: sim.password },
    faults: sim.faults,
    requests: sim.requests,
    isSend: (request) => request.method !== 'GET' && request.path !== '/sign/in',
    sendTarget: (request) => `${request.path} ${String((request.body as { order?: unknown } | null)?.order)}`,
    book(kind) {
      // One account per login: a close all acts on every trade in it, so it starts from an empty book.
      if (kind === 'closeAll') for (const trade of openTrades()) executeClose(sim.state, { order: trade.order, volume: undefined, comment: undefined });
      const trade = (symbol: string, cmd: number) =>
        sim.state.addTrade({
          login, cmd, status: 'open', symbol, reason: 0, volume: 200, open_time: sim.state.nowSeconds(), close_time: 0,
          open_price: '1.09', close_price: '0', sl: '0', tp: '0', profit: '0', commission: '0', storage: '0', comment: '', expiration: 0,
        }).order;
      const tickets = [trade('EURUSD', CMD.buy), ...(kind === 'closeAll' ? [trade('EURUSD', CMD.sell)] : [])];
      const [ticket] = tickets as [number];
      return {
        args: commandFor(kind, connection, String(login), String(ticket), '1'),
        sends: tickets.length,
        readBeforeSend: { method: 'GET', path: exactly('/trades') },
        send: { method: 'DELETE', path: exactly('/trade/close') },
        executed: () => (kind === 'partial' ? volumeOf(ticket) === 100 : tickets.every((order) => volumeOf(order) === 0)),
        untouched: () => tickets.every((order) => volumeOf(order) === 200),
      };
    },
    close: () => sim.close(),
  };
}

const EVERY_KIND: readonly CloseKind[] = ['close', 'partial', 'closeAll'];

/** The four brokers, each with the kinds of close it has: Exness closes a ticket only in full (BROKERS.md). */
export const FAULT_BROKERS: readonly { label: string; kinds: readonly CloseKind[]; start(): Promise<FaultBroker> }[] = [
  { label: 'Alpaca', kinds: EVERY_KIND, start: alpacaBroker },
  { label: 'Clear Street', kinds: EVERY_KIND, start: clearStreetBroker },
  { label: 'Exness', kinds: ['close', 'closeAll'], start: exnessBroker },
  { label: 'ScaleTrade', kinds: EVERY_KIND, start: scaleTradeBroker },
];
