import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDecimalString } from '../../../../shared/decimal';
import type { Position } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { createScaleTradeAdapter } from './adapter';

// Answers the simulator does not give (other editions of the platform, broken ones), served verbatim by a stub.

interface Reply {
  status: number;
  body: string;
}

const LOGIN = 3001;
const TOKEN = 'header.eyJsb2dpbiI6MzAwMX0.signature';
let replies: Record<string, Reply>;
let seen: string[];
let server: http.Server;
let url: string;

beforeEach(async () => {
  seen = [];
  replies = { 'POST /sign/in': { status: 200, body: `{"login":${LOGIN},"__token":"${TOKEN}"}` } };
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
      const reply = replies[`${req.method} ${req.url}`] ?? { status: 404, body: '{"error":"NOT_FOUND"}' };
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function adapter() {
  return createScaleTradeAdapter({ baseUrl: url, credentials: { login: LOGIN, secret: 'stub-password' }, timeoutMs: 2_000 });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const POSITION: Position = {
  id: '55', accountId: String(LOGIN), symbol: 'EURUSD', side: 'long', quantity: toDecimalString('2'), available: toDecimalString('2'),
  unit: { name: 'lots', step: toDecimalString('0.01') }, fractional: false, avgPrice: null, lastPrice: null, marketValue: null,
  unrealizedPnl: null, unrealizedPnlPct: null, assetClass: null,
};

describe('ScaleTrade answers in other shapes', () => {
  it('reads a trade table with reordered and extra columns, numbers kept beyond float precision', async () => {
    replies['GET /trades'] = {
      status: 200,
      body: '{"count":1,"rows":[[0.30000000000000004441,"EURUSD",1,150,55,1.0841234567890123,0]],"structure":["profit","symbol","cmd","volume","order","open_price","close_price"],"total_profit":0.3}',
    };
    const [position] = await adapter().listPositions(String(LOGIN));
    expect(position).toMatchObject({ id: '55', side: 'short', quantity: '1.5', avgPrice: '1.0841234567890123', lastPrice: null, unrealizedPnl: '0.30000000000000004441' });
  });

  it('reports a trade table missing a required column as an answer it cannot read', async () => {
    replies['GET /trades'] = { status: 200, body: '{"structure":["order","cmd","symbol","open_price"],"rows":[],"count":0}' };
    const error = await failure(adapter().listPositions(String(LOGIN)));
    expect(error.code).toBe('internal');
    expect(error.message).toBe('ScaleTrade sent an answer Closeout could not read (the trade table has no "volume" column).');
  });

  it('takes the lots from an accepted answer that names its volume `volume`', async () => {
    replies['DELETE /trade/close'] = { status: 200, body: '{"accepted":true,"order":55,"login":3001,"symbol":"EURUSD","cmd":0,"volume":50,"state":14}' };
    const result = await adapter().closePosition(String(LOGIN), POSITION, { kind: 'quantity', quantity: toDecimalString('0.5') });
    expect(result.order).toMatchObject({ quantity: '0.5', status: 'accepted' });
    expect(result.message).toContain('accepted the close of 0.5 of 2 lots of EURUSD long (ticket 55) into processing, not yet executed');
  });

  it('reports a close answer it cannot read as outcome unknown: the close may have happened', async () => {
    replies['DELETE /trade/close'] = { status: 200, body: '{"data":"QUEUED"}' };
    const error = await failure(adapter().closePosition(String(LOGIN), POSITION, { kind: 'all' }));
    expect(error.code).toBe('outcome_unknown');
    expect(error.outcome).toBe('unknown');
    expect(error.message).toMatch(/^ScaleTrade sent an answer Closeout could not read .*the close may or may not have happened/);
  });

  it('reports a sign-in answer without a token as unreadable, and the close as not sent', async () => {
    replies['POST /sign/in'] = { status: 200, body: `{"login":${LOGIN}}` };
    const error = await failure(adapter().closePosition(String(LOGIN), POSITION, { kind: 'all' }));
    expect(error.outcome).toBe('not_sent');
    expect(error.message).toBe('ScaleTrade sent an answer Closeout could not read (the sign-in answer has no token). The close was not sent.');
  });

  it('keeps using a token without an expiry until the broker refuses it', async () => {
    replies['GET /account/me'] = { status: 200, body: '{"login":3001,"currency":"EUR","balance":10,"equity":12.5}' };
    const client = adapter();
    await client.getBalances(String(LOGIN));
    const balances = await client.getBalances(String(LOGIN));
    expect(balances).toEqual({ accountId: '3001', cash: '10', equity: '12.5', buyingPower: null, buyingPowerKind: 'free_margin', dayPnl: null, currency: 'EUR' });
    expect((await client.listAccounts())[0]).toMatchObject({ name: 'ScaleTrade 3001', status: 'ACTIVE' });
    expect(seen).toEqual(['POST /sign/in -', ...Array.from({ length: 3 }, () => `GET /account/me ${TOKEN}`)]);
  });
});
