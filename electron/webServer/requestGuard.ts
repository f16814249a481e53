import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken, tokenMatches } from './token';

/** What the server serves: its exact loopback origin and the token of this run. */
export interface Served {
  /** `http://127.0.0.1:PORT`, the only origin the page may have and the only Host a request may name. */
  origin: string;
  token: string;
}

export type Refusal = 401 | 403;

/**
 * Host must be the served address exactly, so a name that a DNS rebinding pointed at 127.0.0.1 is refused even for
 * the page's files. Origin, when a browser sends one, must be the served origin, so another site's page (another
 * port on this machine included) is refused before anything else is read.
 */
export function sameOrigin(headers: IncomingHttpHeaders, served: Served): boolean {
  if (headers.host !== new URL(served.origin).host) return false;
  return headers.origin === undefined || headers.origin === served.origin;
}

/**
 * A call to the API: the page's own origin, named by the browser (a missing Origin is refused too, since browsers
 * send one on every POST), and this run's token in the Authorization header.
 */
export function refuseCall(headers: IncomingHttpHeaders, served: Served): Refusal | null {
  if (!sameOrigin(headers, served) || headers.origin === undefined) return 403;
  return tokenMatches(bearerToken(headers.authorization), served.token) ? null : 401;
}
