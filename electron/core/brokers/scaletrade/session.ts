import { transportFailure, unreadableAnswer, type BrokerCall } from '../brokerErrors';
import { HttpTransportError, httpRequest, type HttpResponse } from '../http';
import { REDACTED } from '../secretRedactor';
import { SCALETRADE_NAME, signInError } from './errors';
import { parseKeepingNumberText } from '../numberTextJson';
import { tokenExpiryMs } from './jwt';
import { signInSchema } from './schemas';

/** Sign in again when the token has this little life left, so a call never leaves with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5_000;

export interface SessionOptions {
  baseUrl: string;
  login: number;
  password: string;
  timeoutMs: number;
  now: () => number;
}

export interface ScaleTradeSession {
  /** A token with more than REFRESH_MARGIN_MS to live, signing in first when needed; concurrent callers share one sign-in. */
  token(): Promise<string>;
  /** Forgets `token` if it is still the current one, so the next token() signs in again. */
  invalidate(token: string): void;
  /** The profile name from the last sign-in, when the broker gave one. */
  profileName(): string | null;
  /**
   * Scrubs any token this session has held out of text the broker echoed back. The password is the connection's
   * secret, scrubbed with its other spellings where the connection registry hands the adapter out.
   */
  redact(text: string): string;
}

interface Held {
  token: string;
  expiresAt: number | null;
}

const SIGN_IN_CALL: BrokerCall = { broker: 'scaletrade', brokerName: SCALETRADE_NAME };
/** Tokens remembered for redaction: the current one and a few before it, in case a late answer echoes one. */
const REDACTED_TOKENS = 4;

/** Signs in with login and password and keeps the JWT in this closure only: it is never stored or logged. */
export function createScaleTradeSession(options: SessionOptions): ScaleTradeSession {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/sign/in`;
  const tokens: string[] = [];
  let held: Held | null = null;
  let signingIn: Promise<string> | null = null;
  let name: string | null = null;
  const redact = (text: string): string => tokens.reduce((scrubbed, token) => scrubbed.split(token).join(REDACTED), text);

  async function signIn(): Promise<string> {
    let response: HttpResponse;
    try {
      response = await httpRequest({
        method: 'POST',
        url,
        body: { login: options.login, password: options.password },
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      if (error instanceof HttpTransportError) throw transportFailure(SIGN_IN_CALL, error);
      throw error;
    }
    if (response.status < 200 || response.status > 299) throw signInError(SIGN_IN_CALL, response, options.login, options.now());
    let profile: unknown;
    try {
      profile = parseKeepingNumberText(response.text);
    } catch {
      throw unreadableAnswer(SIGN_IN_CALL, { httpStatus: response.status }, 'the sign-in answer is not JSON');
    }
    const parsed = signInSchema.safeParse(profile);
    if (!parsed.success) throw unreadableAnswer(SIGN_IN_CALL, { httpStatus: response.status }, 'the sign-in answer has no token');
    const token = parsed.data.__token;
    tokens.push(token);
    if (tokens.length > REDACTED_TOKENS) tokens.shift();
    held = { token, expiresAt: tokenExpiryMs(token) };
    name = parsed.data.name?.trim() || null;
    return token;
  }

  const fresh = (current: Held | null): current is Held =>
    current !== null && (current.expiresAt === null || current.expiresAt - options.now() > REFRESH_MARGIN_MS);

  return {
    token() {
      if (fresh(held)) return Promise.resolve(held.token);
      signingIn ??= signIn().finally(() => {
        signingIn = null;
      });
      return signingIn;
    },
    invalidate(token) {
      if (held?.token === token) held = null;
    },
    profileName: () => name,
    redact,
  };
}
