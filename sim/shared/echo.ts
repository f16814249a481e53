import type { SimResponse } from './http';

// Where broker answers carry their own words, codes and request ids: the places an echo of the request ends up.
const ECHOING_FIELDS = new Set(['message', 'error', 'code', 'description', 'reason', 'request_id']);
const ECHOING_HEADERS = ['x-request-id'];

/**
 * The answer with `credentials` quoted, as sent and percent-encoded, after every string or number in the fields above
 * (at any depth: the items of a multi-status answer too) and after the request id header.
 */
export function echoCredentials<R extends SimResponse>(response: R, credentials: readonly string[]): R {
  const quote = `(you sent ${credentials.map((text) => `${text} ${encodeURIComponent(text)}`).join(' ')})`;
  const headers = { ...response.headers };
  for (const name of ECHOING_HEADERS) if (headers[name] !== undefined) headers[name] = `${headers[name]} ${quote}`;
  return { ...response, headers, ...(response.body === undefined ? {} : { body: quoted(response.body, quote, false) }) };
}

function quoted(value: unknown, quote: string, echoing: boolean): unknown {
  if (echoing && (typeof value === 'string' || typeof value === 'number')) return `${value} ${quote}`;
  if (Array.isArray(value)) return value.map((item) => quoted(item, quote, false));
  // Plain objects only: a simulator's own number types (lossless-json's) are data, never words.
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, quoted(item, quote, ECHOING_FIELDS.has(key))]));
  }
  return value;
}
