import Decimal from 'decimal.js';
import { z } from 'zod';

// Brokers send money and quantities as strings ("145.00", "-25"); they stay strings on the wire and over IPC,
// and become Decimal only where arithmetic happens, so no value ever passes through a binary float.
export type DecimalString = string & { readonly __decimal: unique symbol };

const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const LENIENT_DECIMAL_PATTERN = /^[+-]?\d+(\.\d+)?$/;
const MAX_DECIMAL_LENGTH = 40;

export { Decimal };

export function isDecimalString(value: string): value is DecimalString {
  return value.length <= MAX_DECIMAL_LENGTH && DECIMAL_PATTERN.test(value);
}

export const decimalStringSchema = z
  .string()
  .max(MAX_DECIMAL_LENGTH, { message: `must be at most ${MAX_DECIMAL_LENGTH} characters` })
  .regex(DECIMAL_PATTERN, { message: 'must be a plain decimal number such as 12 or 0.5' })
  .transform((value) => value as DecimalString);

/** Normalises a broker's decimal text ("+010.50", "25") to canonical form; throws on anything that is not a decimal. */
export function toDecimalString(value: string | Decimal, field = 'value'): DecimalString {
  if (value instanceof Decimal) return value.toFixed() as DecimalString;
  const trimmed = value.trim();
  if (trimmed.length > MAX_DECIMAL_LENGTH || !LENIENT_DECIMAL_PATTERN.test(trimmed)) {
    throw new Error(`${field} must be a decimal number, got ${JSON.stringify(value).slice(0, 60)}`);
  }
  return new Decimal(trimmed).toFixed() as DecimalString;
}

/** Converts a JSON number by its source text: callers pass the raw token, never a float that arithmetic touched. */
export function decimalFromJsonNumber(value: number, field = 'value'): DecimalString {
  if (!Number.isFinite(value)) throw new Error(`${field} must be a finite number`);
  return toDecimalString(new Decimal(String(value)), field);
}

export function dec(value: DecimalString | string): Decimal {
  return new Decimal(value);
}

export function decimalPlaces(value: DecimalString | string): number {
  return new Decimal(value).decimalPlaces();
}
