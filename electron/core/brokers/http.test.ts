import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransportError, buildUrl, httpRequest } from './http';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startServer(handler: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A TCP server that accepts connections and never says a word: TLS handshakes and HTTP answers both stall. */
async function startSilentTcpServer(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  }));
  return (server.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function transportFailure(promise: Promise<unknown>): Promise<HttpTransportError> {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(HttpTransportError);
  return error as HttpTransportError;
}

describe('httpRequest', () => {
  it('returns the status, lower-case headers and body of an answer, including an error status', async () => {
    const url = await startServer((_req, res) => {
      res.writeHead(422, { 'Content-Type': 'application/json', 'X-Request-Id': 'req-1' });
      res.end('{"code":42210000,"message":"no"}');
    });
    const response = await httpRequest({ method: 'GET', url: `${url}/thing`, timeoutMs: 2_000 });
    expect(response.status).toBe(422);
    expect(response.headers['x-request-id']).toBe('req-1');
    expect(response.json()).toEqual({ code: 42210000, message: 'no' });
  });

  it('sends a JSON body on a GET, which fetch would refuse', async () => {
    const url = await startServer((req, res, body) => {
      res.end(JSON.stringify({ method: req.method, contentType: req.headers['content-type'], body: JSON.parse(body) as unknown }));
    });
    const response = await httpRequest({ method: 'GET', url, body: { login: 7, amount: '0.1' }, timeoutMs: 2_000 });
    expect(response.json()).toEqual({ method: 'GET', contentType: 'application/json', body: { login: 7, amount: '0.1' } });
  });

  it('encodes query values so spaces and reserved characters arrive intact, and leaves out undefined ones', async () => {
    const url = await startServer((req, res) => res.end(JSON.stringify({ url: req.url })));
    const response = await httpRequest({
      method: 'GET',
      url: `${url}/v1/accounts`,
      query: { query: 'jane doe', symbol: 'BTC/USD&x=1', skipped: undefined },
      timeoutMs: 2_000,
    });
    const received = new URL((response.json() as { url: string }).url, url);
    expect((response.json() as { url: string }).url).toContain('query=jane%20doe');
    expect(received.searchParams.get('symbol')).toBe('BTC/USD&x=1');
    expect(received.searchParams.has('skipped')).toBe(false);
  });

  it('explains a body that is not JSON in plain words when json() is asked for', async () => {
    const url = await startServer((_req, res) => {
      res.writeHead(502);
      res.end('<html>Bad gateway</html>');
    });
    const response = await httpRequest({ method: 'GET', url, timeoutMs: 2_000 });
    expect(response.text).toBe('<html>Bad gateway</html>');
    expect(() => response.json()).toThrow(/HTTP 502\) is not JSON/);
  });

  it('digests the body\'s bytes as they arrived: the same for the same bytes, different when one byte differs', async () => {
    const bodies = ['[{"qty":"1.5","symbol":"ÄPL"}]', '[{"qty":"1.5","symbol":"ÄPL"}]', '[{"qty":"1.6","symbol":"ÄPL"}]'];
    const url = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(bodies.shift());
    });
    const [first, second, third] = [await httpRequest({ method: 'GET', url, timeoutMs: 2_000 }), await httpRequest({ method: 'GET', url, timeoutMs: 2_000 }), await httpRequest({ method: 'GET', url, timeoutMs: 2_000 })];
    expect(first.digest()).toBe(createHash('sha256').update(Buffer.from('[{"qty":"1.5","symbol":"ÄPL"}]', 'utf8')).digest('base64url'));
    expect(second.digest()).toBe(first.digest());
    expect(third.digest()).not.toBe(first.digest());
    expect(third.json()).toEqual([{ qty: '1.6', symbol: 'ÄPL' }]);
  });

  it('reports a refused connection as never sent', async () => {
    const port = await closedPort();
    const error = await transportFailure(httpRequest({ method: 'DELETE', url: `http://127.0.0.1:${port}/x`, timeoutMs: 2_000 }));
    expect(error.phase).toBe('not_sent');
    expect(error.reason).toBe('connection_refused');
  });

  it('reports a server that never answers as a timeout after the request was sent', async () => {
    // The server never answers: only the request's own timeout can end this call before the test's.
    const url = await startServer(() => {});
    const error = await transportFailure(httpRequest({ method: 'DELETE', url, timeoutMs: 150 }));
    expect(error.phase).toBe('sent');
    expect(error.reason).toBe('timeout');
  });

  it('reports a TLS handshake that never completes as a timeout before anything was sent', async () => {
    const port = await startSilentTcpServer();
    const error = await transportFailure(httpRequest({ method: 'DELETE', url: `https://127.0.0.1:${port}/x`, timeoutMs: 150 }));
    expect(error.phase).toBe('not_sent');
    expect(error.reason).toBe('timeout');
  });

  it('reports a server that drops the connection without answering as a reset after sending', async () => {
    const url = await startServer((req) => req.socket.destroy());
    const error = await transportFailure(httpRequest({ method: 'DELETE', url, timeoutMs: 2_000 }));
    expect(error.phase).toBe('sent');
    expect(error.reason).toBe('reset');
  });

  it('reports an answer cut off in the middle as a reset after sending', async () => {
    const url = await startServer((req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const error = await transportFailure(httpRequest({ method: 'GET', url, timeoutMs: 2_000 }));
    expect(error.phase).toBe('sent');
    expect(error.reason).toBe('reset');
  });

  it('reuses a kept-alive connection and treats a request on it as sent from the start', async () => {
    const ports: number[] = [];
    let answer = true;
    const url = await startServer((req, res) => {
      ports.push(req.socket.remotePort ?? -1);
      if (answer) res.end('{}');
    });
    await httpRequest({ method: 'GET', url, timeoutMs: 2_000 });
    answer = false;
    const error = await transportFailure(httpRequest({ method: 'DELETE', url, timeoutMs: 150 }));
    expect(ports).toHaveLength(2);
    expect(ports[1]).toBe(ports[0]);
    expect(error.phase).toBe('sent');
  });

  it('opens a new connection when a fresh one is asked for', async () => {
    const ports: number[] = [];
    const url = await startServer((req, res) => {
      ports.push(req.socket.remotePort ?? -1);
      res.end('{}');
    });
    await httpRequest({ method: 'GET', url, timeoutMs: 2_000 });
    await httpRequest({ method: 'DELETE', url, timeoutMs: 2_000, freshConnection: true });
    expect(ports).toHaveLength(2);
    expect(ports[1]).not.toBe(ports[0]);
  });

  it('stops when its signal aborts, saying whether the request had gone out', async () => {
    const url = await startServer(() => {});
    const controller = new AbortController();
    const pending = httpRequest({ method: 'GET', url, timeoutMs: 2_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await transportFailure(pending);
    expect(error.reason).toBe('aborted');
    expect(error.phase).toBe('sent');

    const early = await transportFailure(httpRequest({ method: 'GET', url, timeoutMs: 2_000, signal: AbortSignal.abort() }));
    expect(early.phase).toBe('not_sent');
  });
});

describe('buildUrl', () => {
  it('appends to a query string the address already has', () => {
    expect(buildUrl('http://h/p?a=1', { b: 'x y' }).toString()).toBe('http://h/p?a=1&b=x%20y');
  });
});
