import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { echoCredentials } from '../shared/echo';
import { applyWithFaults, FaultKnobs } from '../shared/faults';
import { bodyValue, BodyTooLargeError, parseJsonBody, readBodyText, writeResponse } from '../shared/http';
import type { SimResponse } from '../shared/http';
import { listen } from '../shared/listen';
import { createRateLimiter, rateLimitHeaders } from '../shared/rateLimiter';
import { recordRequest, requestLine, type RecordedRequest } from '../shared/recording';
import { TimerSet } from '../shared/timers';
import { d } from '../shared/decimal';
import { clockControl, CONTROL_PREFIX } from './clockControl';
import { basicAuthMatches, generateKeyId, generateSecret } from './credentials';
import { demoData } from './demoData';
import { internalError, methodNotAllowed, rateLimited, routeNotFound, unauthorized } from './errors';
import type { Failure } from './errors';
import { alpacaRoutes } from './routes';
import { AlpacaSimState } from './state';
import { fillOrder } from './trading';
import type { AlpacaSimData } from './types';

export type { FaultKnobs } from '../shared/faults';
export type { RecordedRequest } from '../shared/recording';
export { AlpacaSimState } from './state';

export interface AlpacaSimOptions {
  host?: string;
  port?: number;
  keyId?: string;
  secret?: string;
  /** A closing order fills this long after it is accepted; 0 fills it before the next request is read. */
  fillDelayMs?: number | undefined;
  rateLimit?: { limit: number; windowMs: number };
  data?: AlpacaSimData;
  /** Cash journals up to this many dollars execute at once; larger ones stay pending until the simulated day ends. */
  journalLimit?: string;
}

export interface AlpacaSim {
  url: string;
  keyId: string;
  secret: string;
  state: AlpacaSimState;
  faults: FaultKnobs;
  requests: RecordedRequest[];
  /**
   * Keeps every closing order accepted from now on working, unfilled, until `releaseFills`: how a test sees an order
   * the market has not filled yet, for as long as it needs, without racing a timer.
   */
  holdFills(): void;
  /** Fills the orders held since `holdFills` and fills later ones as usual again. */
  releaseFills(): void;
  close(): Promise<void>;
}

/** Server-sent trade events (Alpaca's Events API): streamed, so answered here rather than by a route's one answer. */
const TRADE_EVENTS_PATH = '/v1/events/trades';
const DEFAULT_RATE_LIMIT = { limit: 1000, windowMs: 60_000 };
const DEFAULT_JOURNAL_LIMIT = '50000';

function failureResponse(failure: Failure): SimResponse {
  return { status: failure.status, body: failure.body };
}

/** Starts an HTTP server that answers like Alpaca's Broker API for the accounts in `data` (the demo book by default). */
export async function startAlpacaSim(options: AlpacaSimOptions = {}): Promise<AlpacaSim> {
  const keyId = options.keyId ?? generateKeyId();
  const secret = options.secret ?? generateSecret();
  const fillDelayMs = options.fillDelayMs ?? 300;
  const state = new AlpacaSimState(options.data ?? demoData());
  const faults = new FaultKnobs();
  const requests: RecordedRequest[] = [];
  const timers = new TimerSet();
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  let held: Array<() => void> | null = null;
  const scheduleFill = (accountId: string, orderId: string): void => {
    if (held !== null) held.push(() => fillOrder(state, accountId, orderId));
    else if (fillDelayMs <= 0) fillOrder(state, accountId, orderId);
    else timers.schedule(() => fillOrder(state, accountId, orderId), fillDelayMs);
  };
  const router = alpacaRoutes(state, scheduleFill, { journalLimit: d(options.journalLimit ?? DEFAULT_JOURNAL_LIMIT) });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const line = requestLine(req);
    const { url, method, path } = line;
    const headers: Record<string, string> = { 'x-request-id': requestId };
    const send = (response: SimResponse): void => {
      const answer = { ...response, headers: { ...response.headers, ...headers } };
      writeResponse(res, faults.echoes({ method, path }) ? echoCredentials(answer, [req.headers.authorization ?? '']) : answer);
    };

    let bodyText: string;
    try {
      bodyText = await readBodyText(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      send({ status: 413, body: { code: 41310000, message: error.message } });
      return;
    }
    const body = bodyValue(parseJsonBody(bodyText));
    if (path.startsWith(CONTROL_PREFIX)) {
      if (!basicAuthMatches(req.headers.authorization, keyId, secret)) return send(failureResponse(unauthorized()));
      return send(clockControl(state, method, path, body));
    }
    requests.push(recordRequest(req, line, body, requestId));

    await timers.delay(faults.latencyMs);
    if (!basicAuthMatches(req.headers.authorization, keyId, secret)) return send(failureResponse(unauthorized()));
    const rate = limiter.take(keyId);
    Object.assign(headers, rateLimitHeaders(rate));
    if (!rate.allowed) return send(failureResponse(rateLimited()));

    if (method === 'GET' && path === TRADE_EVENTS_PATH) {
      const sinceId = url.searchParams.get('since_id');
      if (sinceId !== null && !/^\d+$/.test(sinceId)) return send({ status: 422, body: { code: 42210000, message: 'since_id must be an integer' } });
      state.tradeEvents.stream(res, sinceId === null ? null : Number(sinceId), headers);
      return;
    }
    const lookup = router.lookup(method, path);
    if (lookup.kind === 'not-found') return send(failureResponse(routeNotFound()));
    if (lookup.kind === 'method-not-allowed') return send(failureResponse(methodNotAllowed()));
    const result = await applyWithFaults(faults, { method, path }, () =>
      lookup.match.handler({ params: lookup.match.params, query: url.searchParams, body }),
    );
    // A hanging request keeps its socket open until the client gives up or close() destroys it.
    if (result.kind === 'hang') return;
    send(result.kind === 'fail' ? failureResponse(internalError()) : result.value);
  }

  const server = await listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 }, handle);
  return {
    url: server.url,
    keyId,
    secret,
    state,
    faults,
    requests,
    holdFills: () => {
      held ??= [];
    },
    releaseFills: () => {
      const release = held ?? [];
      held = null;
      for (const fill of release) fill();
    },
    close: async () => {
      timers.clear();
      await server.close();
    },
  };
}
