import type { ParsedBody, SimResponse } from '../shared/http';
import { Router } from '../shared/router';
import { accountMe, authenticate, readSignIn, signInProfile } from './account';
import { internalError, invalidData, tradeFailed } from './errors';
import type { Failure, Outcome } from './errors';
import type { ScaleTradeSimState } from './state';
import { tradeTable, readTradesQuery } from './tradeTable';
import { checkClose, executeClose, openTrade } from './trading';
import type { CloseTarget } from './trading';
import { TRADE_STATE } from './types';
import type { SessionType, SimUser } from './types';

export interface Session {
  user: SimUser;
  /** From the token, not the user record: a token keeps the type it was issued with. */
  type: SessionType;
}

export interface RouteInput {
  /** Null only on routes that need no token. */
  session: Session | null;
  body: ParsedBody;
}

export interface ScaleTradeRoute {
  /** Whether the route needs `Authorization: <JWT>`. */
  auth: boolean;
  /** Whether only a `client` session may call it: other session types get 401 PERMISSION_DENIED. */
  trading: boolean;
  /** What a failure before or after applying answers with (a 500). */
  failure: Failure;
  run(input: RouteInput): SimResponse;
}

export type CloseAnswer = 'ok' | 'accepted';

export interface RouteContext {
  state: ScaleTradeSimState;
  issueToken(user: SimUser): string;
  passwordMatches(user: SimUser, given: string): boolean;
  closeAnswer: () => CloseAnswer;
  /** Runs an accepted close later (or at once when the fill delay is 0). */
  scheduleClose(run: () => void): void;
}

const OK = { data: 'OK' };

function failure(failure: Failure): SimResponse {
  return { status: failure.status, body: failure.body };
}

function answer<T>(outcome: Outcome<T>, body: (value: T) => unknown): SimResponse {
  return outcome.ok ? { status: 200, body: body(outcome.value) } : failure(outcome.failure);
}

function json(body: ParsedBody): Outcome<unknown> {
  if (body.kind === 'json') return { ok: true, value: body.value };
  return { ok: false, failure: invalidData(body.kind === 'empty' ? 'a JSON body is required' : 'the body is not valid JSON') };
}

function sessionUser(input: RouteInput): SimUser {
  if (input.session === null) throw new Error('route needs a session');
  return input.session.user;
}

function then<T, U>(outcome: Outcome<T>, next: (value: T) => Outcome<U>): Outcome<U> {
  return outcome.ok ? next(outcome.value) : outcome;
}

function acceptedBody(target: CloseTarget, login: number): Record<string, unknown> {
  return {
    accepted: true,
    order: target.order,
    state: target.full ? TRADE_STATE.closeRequest : TRADE_STATE.partialCloseRequest,
    login,
    symbol: target.symbol,
    cmd: target.cmd,
    close_volume: target.closeVolume,
  };
}

export function scaleTradeRoutes(context: RouteContext): Router<ScaleTradeRoute> {
  const { state } = context;

  const close = (input: RouteInput): SimResponse => {
    const user = sessionUser(input);
    const checked = then(json(input.body), (body) => checkClose(state, user.login, body));
    if (!checked.ok) return failure(checked.failure);
    const target = checked.value;
    if (context.closeAnswer() === 'ok') {
      executeClose(state, target);
      return { status: 200, body: OK };
    }
    state.markClosing(target.order, true);
    context.scheduleClose(() => executeClose(state, target));
    return { status: 200, body: acceptedBody(target, user.login) };
  };

  return new Router<ScaleTradeRoute>()
    .add('POST', '/sign/in', {
      auth: false,
      trading: false,
      failure: internalError(),
      run: (input) => {
        const user = then(then(json(input.body), readSignIn), (request) =>
          authenticate(state, request, (candidate) => context.passwordMatches(candidate, request.password)),
        );
        return answer(user, (signedIn) => signInProfile(signedIn, context.issueToken(signedIn)));
      },
    })
    .add('GET', '/account/me', {
      auth: true,
      trading: false,
      failure: internalError(),
      run: (input) => ({ status: 200, body: accountMe(state, sessionUser(input)) }),
    })
    .add('GET', '/trades', {
      auth: true,
      trading: false,
      failure: internalError(),
      run: (input) => answer(then(json(input.body), readTradesQuery), (query) => tradeTable(state, sessionUser(input).login, query)),
    })
    .add('POST', '/trade/open', {
      auth: true,
      trading: true,
      failure: tradeFailed('Failed to open trade'),
      run: (input) => answer(then(json(input.body), (body) => openTrade(state, sessionUser(input).login, body)), () => OK),
    })
    .add('DELETE', '/trade/close', { auth: true, trading: true, failure: tradeFailed('Failed to close trade (validation or execution)'), run: close });
}
