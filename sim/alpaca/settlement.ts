import { d } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';

/** Sale proceeds booked to cash that may not leave the account until the business day they settle on. */
export interface UnsettledCash {
  amount: string;
  /** The simulated business day (AlpacaSimState.day) on which the amount settles. */
  settlesOnDay: number;
}

/** US equities settle one business day after the trade (T+1) since May 2024; the simulator settles every sale so. */
export const SETTLEMENT_DAYS = 1;

export function unsettledTotal(unsettled: readonly UnsettledCash[]): SimDecimal {
  return unsettled.reduce((sum, entry) => sum.plus(d(entry.amount)), d(0));
}

/** What may leave the account now: its cash less unsettled proceeds and cash already promised to pending journals. */
export function transferableCash(cash: string, unsettled: readonly UnsettledCash[], pendingOut: SimDecimal): SimDecimal {
  const free = d(cash).minus(unsettledTotal(unsettled)).minus(pendingOut);
  return free.isNegative() ? d(0) : free;
}

/** The calendar date of a simulated business day, `days` weekdays after `start` (YYYY-MM-DD). */
export function businessDate(start: string, days: number): string {
  const date = new Date(start);
  date.setUTCHours(12, 0, 0, 0);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  for (let left = days; left > 0; ) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}
