import { fail, succeed, unprocessable } from './errors';
import type { Outcome } from './errors';

/** A date-time query parameter (created_after, until, ...), or null when absent. */
export function parseTimeParam(name: string, value: string | null): Outcome<number | null> {
  if (value === null) return succeed(null);
  const time = Date.parse(value);
  return Number.isNaN(time) ? fail(unprocessable(`${name} must be an RFC 3339 date-time`)) : succeed(time);
}
