import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'lossless-json';
import { echoCredentials } from '../shared/echo';
import { applyWithFaults, FaultKnobs } from '../shared/faults';
import { BodyTooLargeError, bodyValue, parseJsonBody, readBodyText, writeResponse } from '../shared/http';
import type { ParsedBody, SimResponse } from '../shared/http';
import { listen } from '../shared/listen';
import { createRateLimiter, rateLimitHeaders } from '../shared/rateLimiter';
import { recordRequest, requestLine, type RecordedRequest } from '../shared/recording';
import { TimerSet } from '../shared/timers';
import { sessionTypeOf } from './account';
import { generatePassword, passwordMatches } from './credentials';
import { demoData } from './demoData';
import { bodyTooLarge, invalidUser, methodNotAllowed, permissionDenied, routeNotFound, tooManyRequests } from './errors';
import type { Failure } from './errors';
import { newSigningKey, signToken, verifyToken } from './jwt';
import { scaleTradeRoutes } from './routes';
import type { CloseAnswer, ScaleTradeRoute, Session } from './routes';
import { ScaleTradeSimState } from './state';
import type { ScaleTradeSimData } from './types';

export type { FaultKnobs } from '../shared/faults';
export type { RecordedRequest } from '../shared/recording';
export type { CloseAnswer } from './routes';
export { ScaleTradeSimState } from './state';
export { demoData, largeDemoData } from './demoData';
export type { ScaleTradeSimData, SessionType, SimInstrument, SimTrade, SimUser } from './types';

export interface ScaleTradeSimOptions {
  host?: string;
  port?: number;
  /** The first user's password; by default a fresh one is generated for each start unless the data gives one. */
  password?: string;
  /** An accepted close (closeAnswer 'accepted') executes this long after it is answered; 0 executes it before answering. */
  fillDelayMs?: number | undefined;
  /** 'ok' answers a close with {"data":"OK"} once executed; 'accepted' with the newer {accepted:true, ...} before executing. */
  closeAnswer?: CloseAnswer;
  /** How long a token from /sign/in stays valid on the simulator's clock. */
  tokenTtlMs?: number;
  /** The simulator's clock in milliseconds (Date.now by default); advance() moves it further. */
  clock?: () => number;
  rateLimit?: { limit: number; windowMs: number };
  data?: ScaleTradeSimData;
  /**
   * Routes ("DELETE /trade/close") this server lacks, answered as any unknown route is (404 NOT_FOUND): a platform
   * deployed without them, or one reached under the wrong base path by a proxy that forwards only some paths.
   */
  withoutRoutes?: readonly string[];
}

export interface ScaleTradeSim {
  url: string;
  /** The first user's login and password: what a Closeout connection needs besides the URL. */
  login: number;
  password: string;
  state: ScaleTradeSimState;
  faults: FaultKnobs;
  requests: RecordedRequest[];
  /** Changes the close answer shape for the requests that follow. */
  closeAnswer: CloseAnswer;
  /** Moves the simulator's clock forward, so tests expire tokens without sleeping. */
  advance(ms: number): void;
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT = { limit: 1000, windowMs: 60_000 };
const DEFAULT_TOKEN_TTL_MS = 15 * 60_000;
const SIGN_IN_PATH = '/sign/in';

function failureResponse(failure: Failure): SimResponse {
  return { status: failure.status, body: failure.body };
}

/** The body as recorded: a sign-in's password never reaches the request log. */
function recordedBody(path: string, body: ParsedBody): unknown {
  const value = bodyValue(body);
  if (path === SIGN_IN_PATH) {
    if (typeof value === 'object' && value !== null && 'password' in value) return { ...value, password: 'REDACTED' };
    if (typeof value === 'string') return 'REDACTED';
  }
  return value;
}

/** What the client authenticated with: the sign-in's password, or the token it sent and the password behind its session. */
function credentialsSent(req: IncomingMessage, body: ParsedBody, session: Session | null): string[] {
  const value = bodyValue(body);
  const signInPassword = typeof value === 'object' && value !== null && 'password' in value ? String(value.password) : undefined;
  return [req.headers.authorization, signInPassword, session?.user.password].filter((text): text is string => text !== undefined && text !== '');
}

/** Starts an HTTP server that answers like ScaleTrade's client REST API for the users and trades in `data` (the demo book by default). */
export async function startScaleTradeSim(options: ScaleTradeSimOptions = {}): Promise<ScaleTradeSim> {
  const data = options.data ?? demoData();
  const first = data.users[0];
  if (first === undefined) throw new Error('the simulator needs at least one user');
  let offsetMs = 0;
  const baseClock = options.clock ?? Date.now;
  const now = (): number => baseClock() + offsetMs;
  const state = new ScaleTradeSimState(data, now);
  for (const user of data.users) {
    const password = user.login === first.login ? (options.password ?? user.password) : user.password;
    state.setPassword(user.login, password ?? generatePassword());
  }
  const signingKey = newSigningKey();
  const tokenTtlMs = options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
  const fillDelayMs = options.fillDelayMs ?? 300;
  const faults = new FaultKnobs();
  const requests: RecordedRequest[] = [];
  const timers = new TimerSet();
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);

  const sim: ScaleTradeSim = {
    url: '',
    login: first.login,
    password: state.user(first.login)?.password ?? '',
    state,
    faults,
    requests,
    closeAnswer: options.closeAnswer ?? 'ok',
    advance: (ms) => {
      offsetMs += ms;
    },
    close: async () => undefined,
  };

  const router = scaleTradeRoutes({
    state,
    issueToken: (user) => {
      const issuedAt = now();
      return signToken(signingKey, {
        login: user.login,
        type: sessionTypeOf(user),
        iat: Math.floor(issuedAt / 1000),
        exp: Math.floor((issuedAt + tokenTtlMs) / 1000),
      });
    },
    passwordMatches: (user, given) => user.password !== undefined && passwordMatches(given, user.password),
    closeAnswer: () => sim.closeAnswer,
    scheduleClose: (run) => {
      if (fillDelayMs <= 0) run();
      else timers.schedule(run, fillDelayMs);
    },
  });

  /** The platform wants the bare token: "Bearer <JWT>" is refused like any other bad token. */
  function authenticate(header: string | undefined): Session | Failure {
    if (header === undefined || header === '') return permissionDenied('Invalid or missing JWT');
    const checked = verifyToken(signingKey, header, now());
    if (!checked.ok) return permissionDenied(checked.reason === 'expired' ? 'Token expired' : 'Invalid or missing JWT');
    const user = state.user(checked.claims.login);
    if (user === undefined || user.disabled) return invalidUser();
    return { user, type: checked.claims.type };
  }

  const missing = new Set(options.withoutRoutes ?? []);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const line = requestLine(req);
    const { method, path } = line;
    const headers: Record<string, string> = {};
    let body: ParsedBody = { kind: 'empty' };
    let session: Session | null = null;
    const send = (response: SimResponse): void => {
      const answer = { ...response, headers: { ...response.headers, ...headers } };
      const echoed = faults.echoes({ method, path }) ? echoCredentials(answer, credentialsSent(req, body, session)) : answer;
      writeResponse(res, echoed, (value) => stringify(value) ?? 'null');
    };

    try {
      body = parseJsonBody(await readBodyText(req));
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      send(failureResponse(bodyTooLarge(error.message)));
      return;
    }
    // ScaleTrade sends no request id; the simulator keeps one per request for its own log.
    requests.push(recordRequest(req, line, recordedBody(path, body), randomUUID()));

    const limitKey = req.socket.remoteAddress ?? 'unknown';
    const rate = limiter.take(limitKey);
    Object.assign(headers, rateLimitHeaders(rate));
    await timers.delay(faults.latencyMs);
    if (!rate.allowed) {
      const waitMs = limiter.msUntilReset(limitKey);
      Object.assign(headers, { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))), 'retry-after-ms': String(waitMs) });
      return send(failureResponse(tooManyRequests()));
    }

    const lookup = router.lookup(method, path);
    if (lookup.kind === 'not-found' || missing.has(`${method} ${path}`)) return send(failureResponse(routeNotFound()));
    if (lookup.kind === 'method-not-allowed') return send(failureResponse(methodNotAllowed()));
    const route: ScaleTradeRoute = lookup.match.handler;
    if (route.auth) {
      const checked = authenticate(req.headers.authorization);
      if (!('user' in checked)) return send(failureResponse(checked));
      if (route.trading && checked.type !== 'client') return send(failureResponse(permissionDenied('Access denied (wrong session type)')));
      session = checked;
    }
    const result = await applyWithFaults(faults, { method, path }, () => route.run({ session, body }));
    // A hanging request keeps its socket open until the client gives up or close() destroys it.
    if (result.kind === 'hang') return;
    send(result.kind === 'fail' ? failureResponse(route.failure) : result.value);
  }

  const server = await listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 }, handle);
  sim.url = server.url;
  sim.close = async () => {
    timers.clear();
    await server.close();
  };
  return sim;
}
