import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { echoCredentials } from '../shared/echo';
import { applyWithFaults, FaultKnobs } from '../shared/faults';
import { bodyValue, BodyTooLargeError, parseJsonBody, readBodyText } from '../shared/http';
import { listen } from '../shared/listen';
import { createRateLimiter, rateLimitHeaders } from '../shared/rateLimiter';
import { recordRequest, requestLine, type RecordedRequest } from '../shared/recording';
import { TimerSet } from '../shared/timers';
import { demoData } from './demoData';
import type { EngineKnobs } from './engine';
import { bodyTooLarge, internalError, invalidToken, noToken, rateLimited } from './errors';
import type { Failure } from './errors';
import { generateSigningKey, signToken, tokenUser, verifyToken } from './jwt';
import { writeExpressNotFound, writeJson } from './respond';
import type { ExnessResponse } from './respond';
import { exnessRoutes } from './routes';
import type { OpenOrdersPaths } from './routes';
import { ExnessSimState } from './state';
import { DOCS_STYLE } from './types';
import type { ExnessSimData, WireStyle } from './types';

export type { FaultKnobs } from '../shared/faults';
export type { RecordedRequest } from '../shared/recording';
export type { EngineKnobs } from './engine';
export type { TokenClaims } from './jwt';
export type { OpenOrdersPaths } from './routes';
export { ExnessSimState } from './state';
export { DOCS_STYLE, REFERENCE_CODE_STYLE } from './types';
export type { ExnessSimData, WireStyle } from './types';

export interface ExnessSimOptions extends Partial<WireStyle> {
  host?: string;
  port?: number;
  data?: ExnessSimData;
  /** The HS256 key the platform signs its tokens with; random by default. */
  signingKey?: string;
  /** Engine time per close or create; 0 answers at once. */
  engineDelayMs?: number;
  /** The API's wait for the engine on a close (the platform's 5000 ms), shorter in tests. */
  engineTimeoutMs?: number;
  /** The API's wait for the engine on a create (the platform's 3000 ms). */
  createTimeoutMs?: number;
  openOrdersPaths?: OpenOrdersPaths;
  /** The platform sends no request id; switch this on to answer with an x-request-id header anyway. */
  sendRequestIds?: boolean;
  rateLimit?: { limit: number; windowMs: number };
}

export interface IssueTokenOptions {
  /** Seconds from now until the token expires; a negative number issues one that has already expired. */
  expiresInSeconds?: number;
  /**
   * reference: a JWT of {userId, email} as the reference code signs; subject: a JWT with only the registered `sub`;
   * opaque: a random bearer token that is no JWT at all, which only the platform can look up.
   */
  form?: 'reference' | 'subject' | 'opaque';
}

export interface ExnessSim {
  url: string;
  /** The first user's token: with `url`, all a Closeout connection needs (the token is its secret). */
  secret: string;
  userId: string;
  email: string;
  /** Signs a token for any user, with the simulator's own key. */
  issueToken(claims: { userId: string; email: string }, options?: IssueTokenOptions): string;
  state: ExnessSimState;
  faults: FaultKnobs;
  engine: EngineKnobs;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT = { limit: 1000, windowMs: 60_000 };

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function failureResponse(failure: Failure): ExnessResponse {
  return { status: failure.status, body: failure.body };
}

/** The token as the reference middleware reads it: the Authorization header with "Bearer " taken off. */
function bearerToken(header: string | undefined): string | null {
  const token = (header ?? '').replace(/^Bearer\s+/i, '').trim();
  return token === '' ? null : token;
}

/** Starts an HTTP server that answers like the Exness-style platform for the users in `data` (the demo book by default). */
export async function startExnessSim(options: ExnessSimOptions = {}): Promise<ExnessSim> {
  const state = new ExnessSimState(options.data ?? demoData());
  const firstUser = state.listUsers()[0];
  if (firstUser === undefined) throw new Error('the simulator needs at least one user');
  const signingKey = options.signingKey ?? generateSigningKey();
  // Opaque tokens the platform issued, with the user and the expiry (Unix seconds) it keeps for each.
  const opaqueTokens = new Map<string, { userId: string; exp: number | null }>();
  const issueToken = (claims: { userId: string; email: string }, issue: IssueTokenOptions = {}): string => {
    const iat = nowSeconds();
    const exp = issue.expiresInSeconds === undefined ? null : iat + issue.expiresInSeconds;
    if (issue.form === 'opaque') {
      const token = `xs_${randomBytes(24).toString('base64url')}`;
      opaqueTokens.set(token, { userId: claims.userId, exp });
      return token;
    }
    const base = issue.form === 'subject' ? { sub: claims.userId } : { userId: claims.userId, email: claims.email };
    return signToken({ ...base, iat, ...(exp === null ? {} : { exp }) }, signingKey);
  };
  /** The user a bearer token stands for, or null for one the platform did not issue or that has expired. */
  const userOf = (token: string): string | null => {
    const opaque = opaqueTokens.get(token);
    if (opaque !== undefined) return opaque.exp === null || opaque.exp > nowSeconds() ? opaque.userId : null;
    const claims = verifyToken(token, signingKey, nowSeconds());
    return claims === null ? null : tokenUser(claims);
  };
  const style: WireStyle = {
    messageAsJsonString: options.messageAsJsonString ?? DOCS_STYLE.messageAsJsonString,
    profitField: options.profitField ?? DOCS_STYLE.profitField,
    symbolStyle: options.symbolStyle ?? DOCS_STYLE.symbolStyle,
    closeAnswer: options.closeAnswer ?? DOCS_STYLE.closeAnswer,
  };
  const engine: EngineKnobs = {
    delayMs: options.engineDelayMs ?? 0,
    closeTimeoutMs: options.engineTimeoutMs ?? 5000,
    createTimeoutMs: options.createTimeoutMs ?? 3000,
  };
  const faults = new FaultKnobs();
  const requests: RecordedRequest[] = [];
  const timers = new TimerSet();
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const router = exnessRoutes({ state, style, engine, timers, openOrdersPaths: options.openOrdersPaths ?? 'both' });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const line = requestLine(req);
    const { url, method, path } = line;
    const headers: Record<string, string> = options.sendRequestIds ? { 'x-request-id': requestId } : {};
    const send = (response: ExnessResponse): void => {
      const answer = { ...response, headers: { ...response.headers, ...headers } };
      writeJson(res, faults.echoes({ method, path }) ? echoCredentials(answer, [req.headers.authorization ?? '']) : answer);
    };

    let bodyText: string;
    try {
      bodyText = await readBodyText(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      send(failureResponse(bodyTooLarge()));
      return;
    }
    requests.push(recordRequest(req, line, bodyValue(parseJsonBody(bodyText)), requestId));

    await timers.delay(faults.latencyMs);
    // Express matches routes before the per-route auth middleware runs: an unknown path is its HTML 404, token or not.
    const lookup = router.lookup(method, path);
    if (lookup.kind !== 'found') return writeExpressNotFound(res, method, url.pathname, headers);
    const token = bearerToken(req.headers.authorization);
    if (token === null) return send(failureResponse(noToken()));
    const userId = userOf(token);
    if (userId === null || !state.hasUser(userId)) return send(failureResponse(invalidToken()));
    const rate = limiter.take(userId);
    Object.assign(headers, rateLimitHeaders(rate));
    if (!rate.allowed) return send(failureResponse(rateLimited()));

    const result = await applyWithFaults(faults, { method, path }, () => lookup.match.handler({ userId, bodyText }));
    // A hanging request keeps its socket open until the client gives up or close() destroys it.
    if (result.kind === 'hang') return;
    send(result.kind === 'fail' ? failureResponse(internalError()) : result.value);
  }

  const server = await listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 }, handle);
  return {
    url: server.url,
    secret: issueToken(firstUser),
    userId: firstUser.userId,
    email: firstUser.email,
    issueToken,
    state,
    faults,
    engine,
    requests,
    close: async () => {
      timers.clear();
      await server.close();
    },
  };
}
