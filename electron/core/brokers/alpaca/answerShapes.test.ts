import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { createAlpacaAdapter } from './adapter';

// Answers the simulator never gives (a broken or changed API), served verbatim by a stub.

const ACCOUNT = 'a1b2c3d4-0000-4000-8000-000000000001';
const REQUEST_ID = 'req-7f3a';
let positionsBody: string;
let server: http.Server;
let url: string;

beforeEach(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': REQUEST_ID });
    res.end(positionsBody);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function listFailure(): Promise<AppError> {
  const adapter = createAlpacaAdapter({ baseUrl: url, credentials: { keyId: 'k', secret: 'stub-secret' }, timeoutMs: 2_000 });
  const error = await adapter.listPositions(ACCOUNT).then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const row = (qty: unknown) => ({ symbol: 'AAPL', side: 'long', qty, qty_available: '1', unrealized_plpc: '0.1' });

describe('Alpaca positions answers Closeout cannot read', () => {
  it('names the row and the field of a quantity sent as a JSON number, with the request id', async () => {
    positionsBody = JSON.stringify([row('1'), row('2'), row(3)]);
    const error = await listFailure();
    expect(error.code).toBe('internal');
    expect(error.message).toBe('Alpaca sent an answer Closeout could not read (2.qty must be a decimal number as text, got number).');
    expect(error.requestId).toBe(REQUEST_ID);
  });

  it('says so when the positions answer is not a list', async () => {
    positionsBody = '{"positions":[]}';
    expect((await listFailure()).message).toBe('Alpaca sent an answer Closeout could not read (the body must be a list, got object).');
  });

  it('says so when the positions answer is not JSON', async () => {
    positionsBody = '[{"symbol":';
    expect((await listFailure()).message).toBe('Alpaca sent an answer Closeout could not read (the body is not JSON).');
  });
});
