import { d, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';

/** Amounts of money the way Clear Street writes them: two decimals, half up ("15050.00", "-9000.00"), never "-0.00". */
export function money(value: SimDecimal): string {
  const rounded = value.toDecimalPlaces(2);
  return rounded.isZero() ? '0.00' : rounded.toFixed(2);
}

/** Prices keep at least cents ("151.00") and any finer digits a sub-dollar price has ("0.1234"). */
export function price(value: SimDecimal | string): string {
  const decimal = d(value);
  return decimal.decimalPlaces() <= 2 ? money(decimal) : text(decimal);
}

/** A percentage of a base, two decimals; null when the base is zero and no percentage exists. */
export function percentOf(part: SimDecimal, base: SimDecimal): string | null {
  if (base.isZero()) return null;
  return money(part.dividedBy(base.abs()).times(100));
}
