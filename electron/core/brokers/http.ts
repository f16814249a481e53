import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string | undefined>;
  /** JSON-encoded when present, whatever the method: some broker APIs take a body on GET. */
  body?: unknown;
  /** Covers the whole exchange: connect, send, and the complete answer. */
  timeoutMs: number;
  signal?: AbortSignal;
  /**
   * Opens a new connection instead of reusing an idle keep-alive one. Destructive calls ask for it: a pooled socket the
   * server has just closed fails only after the request was written, which would turn "never arrived" into "outcome unknown".
   */
  freshConnection?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body as UTF-8, decoded on first use: a poll that finds the body unchanged never decodes it. */
  readonly text: string;
  /** Parses the body; throws a plain-worded error when the body is not JSON. */
  json(): unknown;
  /**
   * A SHA-256 of the body's bytes as they arrived: equal digests mean byte-identical answers, so a poll can tell
   * "nothing changed" before decoding, parsing or checking anything.
   */
  digest(): string;
}

export type TransportPhase = 'not_sent' | 'sent';
export type TransportReason = 'timeout' | 'connection_refused' | 'reset' | 'aborted' | 'other';

/** The request got no complete answer. `phase` says whether any of it may have reached the server. */
export class HttpTransportError extends Error {
  readonly phase: TransportPhase;
  readonly reason: TransportReason;

  constructor(phase: TransportPhase, reason: TransportReason, message: string) {
    super(message);
    this.name = 'HttpTransportError';
    this.phase = phase;
    this.reason = reason;
  }
}

// Idle sockets are dropped before common server keep-alive windows (Node's own default is 5 s) close them under us.
const IDLE_SOCKET_MS = 4_000;
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

export function buildUrl(base: string, query: Record<string, string | undefined> | undefined): URL {
  const url = new URL(base);
  const pairs = Object.entries(query ?? {}).filter((pair): pair is [string, string] => pair[1] !== undefined);
  if (pairs.length === 0) return url;
  // encodeURIComponent, not URLSearchParams: a space must travel as %20, which every server reads as a space, never as "+".
  const encoded = pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  url.search = url.search ? `${url.search}&${encoded}` : `?${encoded}`;
  return url;
}

export function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const url = buildUrl(req.url, req.query);
  const protocol = url.protocol;
  if (protocol !== 'http:' && protocol !== 'https:') {
    return Promise.reject(new HttpTransportError('not_sent', 'other', `Only http and https addresses are supported, not ${protocol}`));
  }
  const host = url.host;
  if (req.signal?.aborted) return Promise.reject(new HttpTransportError('not_sent', 'aborted', `The request to ${host} was cancelled`));
  const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body), 'utf8');
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }

  return new Promise<HttpResponse>((resolve, reject) => {
    // Nothing can have been written before the socket is connected (and, for https, the TLS handshake is done).
    let connected = false;
    let settled = false;
    const phase = (): TransportPhase => (connected ? 'sent' : 'not_sent');

    const fail = (reason: TransportReason, message: string) => {
      if (settled) return;
      settled = true;
      cleanup();
      const error = new HttpTransportError(phase(), reason, message);
      request.destroy();
      reject(error);
    };

    const module = protocol === 'https:' ? https : http;
    const request = module.request(url, {
      method: req.method,
      headers,
      agent: req.freshConnection ? false : agents[protocol],
    });

    const timer = setTimeout(() => {
      fail('timeout', `No complete answer from ${host} within ${req.timeoutMs} ms`);
    }, req.timeoutMs);
    const onAbort = () => fail('aborted', `The request to ${host} was cancelled`);
    const cleanup = () => {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });

    request.on('socket', (socket: Socket) => {
      // A socket reused from the pool is already connected (and past its TLS handshake) and emits no ready event again.
      if (!socket.connecting) connected = true;
      else socket.once(protocol === 'https:' ? 'secureConnect' : 'connect', () => { connected = true; });
    });

    request.on('error', (error: NodeJS.ErrnoException) => {
      fail(reasonOf(error), describeSocketError(host, error));
    });

    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) fail('other', `The answer from ${host} is larger than ${MAX_RESPONSE_BYTES} bytes`);
        else chunks.push(chunk);
      });
      response.on('aborted', () => fail('reset', `The connection to ${host} was closed in the middle of the answer`));
      response.on('error', (error: NodeJS.ErrnoException) => fail(reasonOf(error), describeSocketError(host, error)));
      response.on('end', () => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve(answerOf(response.statusCode ?? 0, flattenHeaders(response.headers), Buffer.concat(chunks), host));
      });
    });

    request.end(payload);
  });
}

function answerOf(status: number, headers: Record<string, string>, body: Buffer, host: string): HttpResponse {
  let decoded: string | undefined;
  const text = (): string => (decoded ??= body.toString('utf8'));
  return {
    status,
    headers,
    get text() {
      return text();
    },
    json: () => parseJson(text(), status, host),
    digest: () => createHash('sha256').update(body).digest('base64url'),
  };
}

function reasonOf(error: NodeJS.ErrnoException): TransportReason {
  if (error.code === 'ECONNREFUSED') return 'connection_refused';
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return 'reset';
  if (error.code === 'ETIMEDOUT') return 'timeout';
  return 'other';
}

function describeSocketError(host: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `${host} refused the connection`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `The connection to ${host} was closed before the answer was complete`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The address ${host} could not be found`;
    case 'ETIMEDOUT':
      return `The connection to ${host} timed out`;
    default:
      return `The request to ${host} failed: ${error.code ?? error.message}`;
  }
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseJson(text: string, status: number, host: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const excerpt = text.length > 80 ? `${text.slice(0, 80)}...` : text;
    throw new Error(`The answer from ${host} (HTTP ${status}) is not JSON: ${JSON.stringify(excerpt)}`);
  }
}
