import Decimal from 'decimal.js';

/**
 * Decimal with enough precision that qty (up to 9 decimals) times price never rounds: the default 20 significant
 * digits would silently round large fractional positions.
 */
export const SimDecimal = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
export type SimDecimal = InstanceType<typeof SimDecimal>;

export function d(value: string | number | SimDecimal): SimDecimal {
  return new SimDecimal(value);
}

/** Plain text without exponent or trailing zeros, the way brokers send decimals ("12.5", "-10"). */
export function text(value: SimDecimal): string {
  const plain = value.toFixed();
  return plain === '-0' ? '0' : plain;
}

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parses query-string decimals strictly: no exponent, no hex, no whitespace. */
export function parseDecimalText(value: string): SimDecimal | null {
  return DECIMAL_TEXT.test(value) ? new SimDecimal(value) : null;
}
