import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PushEvent, PushEvents } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { EVENTS_PATH, INVOKE_PATH, REFUSALS, SESSION_HEADER, TOKEN_FRAGMENT_KEY, type RefusalStatus } from '../../shared/webBridge';
import type { Dispatch } from '../core/handlers';
import { createInvokeHandler, type InvokeHandler } from '../ipcHandler';
import { ClientSessions } from './clientSessions';
import { requestPath, SECURITY_HEADERS, sendRendererFile } from './rendererFiles';
import { refuseCall, sameOrigin, type Served } from './requestGuard';
import { createToken } from './token';

// Large enough for a closeout of thousands of accounts; the CLI's --file stops at 5 MB too.
const MAX_BODY_BYTES = 8 * 1024 * 1024;
// A blank line now and then: a client that went away without closing is found when the write fails.
const KEEPALIVE_MS = 15_000;

export interface WebServerOptions {
  /** The production renderer build (dist/renderer). */
  rendererDir: string;
  /** The core's dispatcher, through which every call goes as it does from the Electron window. */
  dispatch: Dispatch;
  /** Let several browser tabs or windows hold sessions at once. */
  multiClient?: boolean;
  /** A port to listen on; 0 (the default) takes a free one. */
  port?: number;
}

export interface WebServer extends Served {
  /** The address to open: the origin with the token in the fragment, where the page reads it. */
  url: string;
  /** Sends one of the core's pushes to every client session, as main.ts sends them to the window. */
  push<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
  close(): Promise<void>;
}

/**
 * The built renderer and the real core for a browser, on 127.0.0.1 only. Every call is held to the same rules as the
 * Electron window's IPC: the same sender check (the page's own origin, in place of its file:// URL) and the same
 * dispatcher with its contract validation, reached through the IPC handler itself; on top, the token and the session.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = createToken();
  const sessions = new ClientSessions(options.multiClient ?? false);
  // Known once the server listens: the origin carries the port it was given.
  const bound: { served?: Served; invoke?: InvokeHandler } = {};

  const server = createServer((request, response) => {
    if (!bound.served || !bound.invoke) return void refuse(response, 403);
    handle(request, response, bound.served, bound.invoke, sessions, options.rendererDir).catch(() => {
      if (!response.headersSent) response.writeHead(500, SECURITY_HEADERS);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bound.served = { origin, token };
  bound.invoke = createInvokeHandler(options.dispatch, `${origin}/`);

  let closing: Promise<void> | undefined;
  return {
    origin,
    token,
    url: `${origin}/#${TOKEN_FRAGMENT_KEY}=${token}`,
    push: (event, payload) => sessions.broadcast(`${JSON.stringify({ event, payload })}\n`),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  served: Served,
  invoke: InvokeHandler,
  sessions: ClientSessions,
  rendererDir: string,
): Promise<void> {
  if (!sameOrigin(request.headers, served)) return refuse(response, 403);
  const pathname = requestPath(request.url);
  if (pathname === EVENTS_PATH || pathname === INVOKE_PATH) {
    // POST only: browsers name the Origin of every POST, and nothing here answers a preflight.
    if (request.method !== 'POST') return refuse(response, 405);
    const refusal = refuseCall(request.headers, served);
    if (refusal !== null) return refuse(response, refusal);
    return pathname === EVENTS_PATH ? openEvents(request, response, sessions) : answerCall(request, response, served, invoke, sessions);
  }
  if (pathname === undefined) return refuse(response, 400);
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405);
  return sendRendererFile(rendererDir, pathname, response);
}

function openEvents(request: IncomingMessage, response: ServerResponse, sessions: ClientSessions): void {
  const session = sessions.begin({ write: (line) => response.write(line) });
  if (session === null) return refuse(response, 409);
  response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/x-ndjson; charset=utf-8' });
  response.write(`${JSON.stringify({ session })}\n`);
  const keepalive = setInterval(() => response.write('\n'), KEEPALIVE_MS);
  const end = () => {
    clearInterval(keepalive);
    sessions.end(session);
  };
  request.on('close', end);
  response.on('close', end);
}

async function answerCall(
  request: IncomingMessage,
  response: ServerResponse,
  served: Served,
  invoke: InvokeHandler,
  sessions: ClientSessions,
): Promise<void> {
  if (!sessions.isLive(headerValue(request.headers[SESSION_HEADER]))) return refuse(response, 409);
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return refuse(response, 415);
  const body = await readBody(request);
  if (body === null) return refuse(response, 413);
  let call: { channel?: unknown; request?: unknown };
  try {
    const parsed: unknown = JSON.parse(body);
    call = typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    const error = new AppError({ code: 'validation', field: 'body', outcome: 'not_sent', message: 'body is not JSON' });
    return sendJson(response, 400, { ok: false, error: error.toShape() });
  }
  // The origin stands where Electron puts the sending frame's URL; the IPC handler checks it and dispatches.
  const envelope = await invoke({ senderFrame: { url: `${served.origin}/` } }, call.channel, call.request);
  sendJson(response, 200, envelope);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
}

function refuse(response: ServerResponse, status: number): void {
  const words = status in REFUSALS ? REFUSALS[status as RefusalStatus] : '';
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(words);
}
