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
import { generateApiKey, KeyRing } from './credentials';
import type { ApiKeyGrant } from './credentials';
import { demoData } from './demoData';
import { envelopeResponse, refused } from './envelope';
import { bodyTooLarge, internalError, methodNotAllowed, rateLimited, routeNotFound, unauthenticated } from './errors';
import type { Failure } from './errors';
import { advanceOrder, finishCancel } from './fills';
import type { ScheduleOrder } from './fills';
import { clearStreetRoutes } from './routes';
import { ClearStreetSimState } from './state';
import type { ClearStreetSimData } from './types';

export type { FaultKnobs } from '../shared/faults';
export type { RecordedRequest } from '../shared/recording';
export type { ApiKeyGrant } from './credentials';
export { ClearStreetSimState } from './state';

export interface ClearStreetSimOptions {
  host?: string;
  port?: number;
  /** The key that may act on every account; generated when absent. */
  apiKey?: string;
  /** More keys, each limited to its own accounts: any other account answers 403. */
  keys?: readonly ApiKeyGrant[];
  /** An accepted order moves on (a market order fills) this long after it is accepted; 0 does it before the next request is read. */
  fillDelayMs?: number | undefined;
  /** A PENDING_CANCEL order becomes CANCELED this long after the cancel; defaults to the fill delay. */
  cancelDelayMs?: number;
  rateLimit?: { limit: number; windowMs: number };
  data?: ClearStreetSimData;
}

export interface ClearStreetSim {
  url: string;
  /** What a Closeout connection stores as its secret: `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  state: ClearStreetSimState;
  faults: FaultKnobs;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT = { limit: 1200, windowMs: 60_000 };

/** Starts an HTTP server that answers like Clear Street's Trading API for the accounts in `data` (the demo book by default). */
export async function startClearStreetSim(options: ClearStreetSimOptions = {}): Promise<ClearStreetSim> {
  const apiKey = options.apiKey ?? generateApiKey();
  const keyRing = new KeyRing([{ apiKey, accountIds: 'all' }, ...(options.keys ?? [])]);
  const fillDelayMs = options.fillDelayMs ?? 300;
  const cancelDelayMs = options.cancelDelayMs ?? fillDelayMs;
  const state = new ClearStreetSimState(options.data ?? demoData());
  const faults = new FaultKnobs();
  const requests: RecordedRequest[] = [];
  const timers = new TimerSet();
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const later = (delayMs: number, run: (accountId: number, orderId: string) => void): ScheduleOrder => (accountId, orderId) => {
    if (delayMs <= 0) run(accountId, orderId);
    else timers.schedule(() => run(accountId, orderId), delayMs);
  };
  const router = clearStreetRoutes(state, {
    advance: later(fillDelayMs, (accountId, orderId) => advanceOrder(state, accountId, orderId)),
    finishCancel: later(cancelDelayMs, (accountId, orderId) => finishCancel(state, accountId, orderId)),
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const line = requestLine(req);
    const { url, method, path } = line;
    const send = (response: SimResponse): void =>
      writeResponse(res, faults.echoes({ method, path }) ? echoCredentials(response, [req.headers.authorization ?? '']) : response);
    const refuse = (failure: Failure): void => send(envelopeResponse(refused(failure), requestId));

    let bodyText: string;
    try {
      bodyText = await readBodyText(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return refuse(bodyTooLarge('1 MiB'));
    }
    requests.push(recordRequest(req, line, bodyValue(parseJsonBody(bodyText)), requestId));

    await timers.delay(faults.latencyMs);
    const grant = keyRing.grantFor(req.headers.authorization);
    if (grant === null) return refuse(unauthenticated());
    const rate = limiter.take(grant.apiKey);
    if (!rate.allowed) {
      const retryAfter = Math.max(1, Math.ceil((rate.resetAt * 1000 - Date.now()) / 1000));
      return refuse(rateLimited(retryAfter, rateLimitHeaders(rate)));
    }

    const lookup = router.lookup(method, path);
    if (lookup.kind === 'not-found') return refuse(routeNotFound());
    if (lookup.kind === 'method-not-allowed') return refuse(methodNotAllowed());
    const result = await applyWithFaults(faults, { method, path }, () =>
      lookup.match.handler({ params: lookup.match.params, query: url.searchParams, body: bodyText, grant }),
    );
    // A hanging request keeps its socket open until the client gives up or close() destroys it.
    if (result.kind === 'hang') return;
    send(envelopeResponse(result.kind === 'fail' ? refused(internalError()) : result.value, requestId));
  }

  const server = await listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 }, handle);
  return {
    url: server.url,
    apiKey,
    state,
    faults,
    requests,
    close: async () => {
      timers.clear();
      await server.close();
    },
  };
}
