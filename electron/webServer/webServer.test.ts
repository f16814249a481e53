import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { EVENTS_PATH, INVOKE_PATH, SESSION_HEADER } from '../../shared/webBridge';
import { createDispatcher } from '../core/dispatcher';
import type { Handlers } from '../core/handlers';
import { CONTENT_SECURITY_POLICY } from '../windowSecurity';
import { startWebServer, type WebServer } from './webServer';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so Host and Origin can be anything a hostile page or local process could send. */
function send(server: WebServer, method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path: pathname, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        // An events stream stays open: its first line is all a test needs.
        if (pathname === EVENTS_PATH && text.includes('\n')) response.destroy();
      });
      const done = () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text });
      response.on('end', done);
      response.on('close', done);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The headers the page itself sends: its own Host and Origin, and the token. */
function pageHeaders(server: WebServer, extra: Record<string, string> = {}): Record<string, string> {
  return { host: new URL(server.origin).host, origin: server.origin, authorization: `Bearer ${server.token}`, ...extra };
}

/** Opens the one session as the page does and keeps its stream, returning the session id and what it received. */
function openSession(server: WebServer): Promise<{ session: string; lines: string[]; close(): void }> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: EVENTS_PATH, headers: pageHeaders(server) }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`events answered ${response.statusCode}`));
      let buffered = '';
      response.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        lines.push(...parts.filter((line) => line !== ''));
        const first = lines[0];
        if (first) resolve({ session: (JSON.parse(first) as { session: string }).session, lines, close: () => request.destroy() });
      });
    });
    request.on('error', () => undefined);
    request.end();
  });
}

const calls: unknown[] = [];
const handlers = {
  'app:info': async () => {
    calls.push('app:info');
    return { demo: true, version: 'test' };
  },
} as unknown as Handlers;

let rendererDir: string;
let server: WebServer | undefined;

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-webserver-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Closeout</title>');
});
afterAll(() => rm(rendererDir, { recursive: true, force: true }));
afterEach(async () => {
  await server?.close();
  server = undefined;
  calls.length = 0;
});

async function start(multiClient = false): Promise<WebServer> {
  server = await startWebServer({ rendererDir, dispatch: createDispatcher(handlers), multiClient });
  return server;
}

function invoke(s: WebServer, session: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(s, 'POST', INVOKE_PATH, pageHeaders(s, { [SESSION_HEADER]: session, 'content-type': 'application/json', ...headers }), JSON.stringify(body));
}

describe('the web server', () => {
  it('listens on 127.0.0.1 and gives an address with the token in its fragment only', async () => {
    const s = await start();
    expect(s.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.url).toBe(`${s.origin}/#token=${s.token}`);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await start()).token).not.toBe(s.token);
  });

  it("serves the page with the Electron window's CSP and no CORS header", async () => {
    const s = await start();
    const page = await send(s, 'GET', '/', { host: new URL(s.origin).host });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Closeout</title>');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(Object.keys(page.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('refuses a Host other than its own address, as a DNS rebinding would send, even for the page', async () => {
    const s = await start();
    const { port } = new URL(s.origin);
    for (const host of [`evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:${Number(port) + 1}`]) {
      expect((await send(s, 'GET', '/', { host })).status).toBe(403);
    }
  });

  it('refuses every call without the token, with a wrong one, or from another origin, and dispatches nothing', async () => {
    const s = await start();
    const { session } = await openSession(s);
    const body = { channel: 'app:info', request: {} };
    const wrongToken = `${s.token.slice(0, -1)}${s.token.endsWith('A') ? 'B' : 'A'}`;
    const refused: Array<[string, Record<string, string>, number]> = [
      ['no token', { authorization: '' }, 401],
      ['a wrong token', { authorization: `Bearer ${wrongToken}` }, 401],
      ['a token of another scheme', { authorization: `Basic ${s.token}` }, 401],
      ['another origin', { origin: 'http://evil.example' }, 403],
      ['another port on this machine', { origin: `http://127.0.0.1:${Number(new URL(s.origin).port) + 1}` }, 403],
      ['the null origin of a sandboxed frame', { origin: 'null' }, 403],
    ];
    for (const [, headers, status] of refused) {
      const answer = await invoke(s, session, body, headers);
      expect(answer.status).toBe(status);
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    const withoutOrigin = pageHeaders(s, { [SESSION_HEADER]: session, 'content-type': 'application/json' });
    delete withoutOrigin.origin;
    expect((await send(s, 'POST', INVOKE_PATH, withoutOrigin, JSON.stringify(body))).status).toBe(403);
    expect((await send(s, 'OPTIONS', INVOKE_PATH, { host: new URL(s.origin).host, origin: 'http://evil.example' })).status).toBe(403);
    expect((await send(s, 'GET', INVOKE_PATH, pageHeaders(s))).status).toBe(405);
    expect(calls).toEqual([]);
  });

  it('answers a call from the live session through the dispatcher, with its contract validation', async () => {
    const s = await start();
    const { session } = await openSession(s);
    expect(JSON.parse((await invoke(s, session, { channel: 'app:info', request: {} })).body)).toEqual({ ok: true, data: { demo: true, version: 'test' } });
    const invalid = JSON.parse((await invoke(s, session, { channel: 'app:info', request: { extra: 1 } })).body) as { ok: boolean; error: { code: string; field: string } };
    expect(invalid).toMatchObject({ ok: false, error: { code: 'validation', field: 'request' } });
    const unknown = JSON.parse((await invoke(s, session, { channel: 'shell:exec', request: {} })).body) as { error: { field: string } };
    expect(unknown.error.field).toBe('channel');
    const notJson = await send(s, 'POST', INVOKE_PATH, pageHeaders(s, { [SESSION_HEADER]: session, 'content-type': 'application/json' }), '{');
    expect(notJson.status).toBe(400);
    expect(calls).toEqual(['app:info']);
  });

  it('holds one client session at a time: a second client is refused until the first goes', async () => {
    const s = await start();
    const first = await openSession(s);
    const second = await send(s, 'POST', EVENTS_PATH, pageHeaders(s));
    expect(second.status).toBe(409);
    expect(second.body).toContain('already open in another browser tab or window');
    expect((await invoke(s, 'not-a-session', { channel: 'app:info', request: {} })).status).toBe(409);
    expect(calls).toEqual([]);

    first.close();
    await expect.poll(async () => (await send(s, 'POST', EVENTS_PATH, pageHeaders(s))).status).toBe(200);
    expect((await invoke(s, first.session, { channel: 'app:info', request: {} })).status).toBe(409);
  });

  it('lets several clients in when asked to', async () => {
    const s = await start(true);
    const [a, b] = await Promise.all([openSession(s), openSession(s)]);
    expect(a.session).not.toBe(b.session);
  });

  it("sends the core's pushes down every session's events stream", async () => {
    const s = await start();
    const client = await openSession(s);
    const payload = { actionId: 'a-1', connection: 'Desk', accountId: 'acc', done: 1, total: 2 };
    s.push('action:progress', payload);
    await expect.poll(() => client.lines.slice(1)).toEqual([JSON.stringify({ event: 'action:progress', payload })]);
  });

  it('stops listening when closed, ending the sessions it held', async () => {
    const s = await start();
    await openSession(s);
    await s.close();
    await expect(send(s, 'GET', '/', { host: new URL(s.origin).host })).rejects.toThrow(/ECONNREFUSED/);
  });
});
