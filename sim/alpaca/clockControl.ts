import type { SimResponse } from '../shared/http';
import type { AlpacaSimState } from './state';

/** The simulator's own knobs, outside Alpaca's API: never recorded as broker requests, never rate limited. */
export const CONTROL_PREFIX = '/sim/v1/';

const MAX_DAYS = 30;

export interface ClockView {
  /** Business days since the simulator started. */
  day: number;
  /** The simulated business date, YYYY-MM-DD. */
  date: string;
}

function clockView(state: AlpacaSimState): ClockView {
  return { day: state.day, date: state.businessDate() };
}

/**
 * GET /sim/v1/clock says which simulated day it is; POST /sim/v1/clock/advance {"days": n} ends n business days
 * (pending journals execute, sale proceeds settle), so a test decides when "tomorrow" comes.
 */
export function clockControl(state: AlpacaSimState, method: string, path: string, body: unknown): SimResponse {
  if (path === `${CONTROL_PREFIX}clock` && method === 'GET') return { status: 200, body: clockView(state) };
  if (path === `${CONTROL_PREFIX}clock/advance` && method === 'POST') {
    const days = body === null ? 1 : typeof body === 'object' && body !== null ? (body as { days?: unknown }).days ?? 1 : undefined;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
      return { status: 400, body: { code: 40010000, message: `days must be a whole number from 1 to ${MAX_DAYS}` } };
    }
    for (let day = 0; day < days; day += 1) state.advanceDay();
    return { status: 200, body: clockView(state) };
  }
  return { status: 404, body: { code: 40410000, message: 'no such simulator control' } };
}
