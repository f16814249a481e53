import { fail, invalidData, succeed, userDisabled, userNotFoundOrIncorrect } from './errors';
import type { Outcome } from './errors';
import type { ScaleTradeSimState } from './state';
import { jsonNumber } from './tradeTable';
import type { SessionType, SimUser } from './types';

export interface SignInRequest {
  login: number;
  password: string;
}

/** POST /sign/in: login an integer >= 0, password 6 to 64 characters. */
export function readSignIn(body: unknown): Outcome<SignInRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(invalidData('body must be a JSON object with login and password'));
  const { login, password } = body as Record<string, unknown>;
  if (typeof login !== 'number' || !Number.isSafeInteger(login) || login < 0) return fail(invalidData('login must be a non-negative integer'));
  if (typeof password !== 'string') return fail(invalidData('password is required'));
  if (password.length < 6) return fail(invalidData('password must be at least 6 characters'));
  if (password.length > 64) return fail(invalidData('password must be at most 64 characters'));
  return succeed({ login, password });
}

/** The user the credentials name, checked as the platform does: unknown or wrong password first, then disabled. */
export function authenticate(state: ScaleTradeSimState, request: SignInRequest, passwordMatches: (user: SimUser) => boolean): Outcome<SimUser> {
  const user = state.user(request.login);
  if (user === undefined || !passwordMatches(user)) return fail(userNotFoundOrIncorrect());
  if (user.disabled) return fail(userDisabled());
  return succeed(user);
}

export function sessionTypeOf(user: SimUser): SessionType {
  return user.sessionType ?? 'client';
}

function contact(user: SimUser): Record<string, unknown> {
  return {
    id: user.login,
    login: user.login,
    regdate: user.regdate,
    leverage: user.leverage,
    email: user.email,
    avatar: '',
    name: user.name,
    phone: '',
    address: '',
    city: '',
    country: '',
    zipcode: '',
    group: user.group,
    currency: user.currency,
  };
}

/** The sign-in answer: profile fields plus the JWT in `__token`. */
export function signInProfile(user: SimUser, token: string): Record<string, unknown> {
  return { ...contact(user), state: '', __token: token };
}

/** GET /account/me: the profile with balance and margin figures, money as exact JSON numbers. */
export function accountMe(state: ScaleTradeSimState, user: SimUser): Record<string, unknown> {
  const account = state.accountOf(user.login);
  return {
    ...contact(user),
    comment: '',
    enable: user.disabled ? 0 : 1,
    enable_read_only: sessionTypeOf(user) === 'readonly' ? 1 : 0,
    enable_change_password: 1,
    prevbalance: jsonNumber(account.balance),
    prevmonthbalance: jsonNumber(account.balance),
    balance: jsonNumber(account.balance),
    storage: jsonNumber(account.storage),
    commission: jsonNumber(account.commission),
    credit: jsonNumber(account.credit),
    margin: jsonNumber(account.margin),
    margin_free: jsonNumber(account.margin_free),
    margin_level: jsonNumber(account.margin_level),
    equity: jsonNumber(account.equity),
  };
}
