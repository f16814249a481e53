import Decimal from 'decimal.js';

// Brokers send money and quantities as strings ("145.00", "-25"); they stay strings on the wire and over IPC,
// and become Decimal only where arithmetic happens, so no value ever passes through a binary float.
export type DecimalString = string & { readonly __decimal: unique symbol };

export const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const LENIENT_DECIMAL_PATTERN = /^[+-]?\d+(\.\d+)?$/;
export const MAX_DECIMAL_LENGTH = 40;

export { Decimal };

export function isDecimalString(value: string): value is DecimalString {
  return value.length <= MAX_DECIMAL_LENGTH && DECIMAL_PATTERN.test(value);
}

const MINUS = 45;
const POINT = 46;
const ZERO = 48;
const NINE = 57;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * True when the text is exactly what decimal.js's toFixed() prints: an optional minus, no leading zeros, no trailing
 * fraction zeros, never "-0". A character scan rather than a regular expression: brokers send tens of thousands of
 * decimals a poll and nearly all are already canonical.
 */
export function isCanonicalDecimal(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > MAX_DECIMAL_LENGTH) return false;
  let at = text.charCodeAt(0) === MINUS ? 1 : 0;
  if (at === length) return false;
  const first = text.charCodeAt(at);
  if (first === ZERO) {
    at += 1;
    if (at === length) return at === 1;
  } else if (isDigit(first)) {
    at += 1;
    while (at < length && isDigit(text.charCodeAt(at))) at += 1;
    if (at === length) return true;
  } else {
    return false;
  }
  if (text.charCodeAt(at) !== POINT || at === length - 1) return false;
  for (at += 1; at < length; at += 1) {
    if (!isDigit(text.charCodeAt(at))) return false;
  }
  return text.charCodeAt(length - 1) !== ZERO;
}

/** Normalises a broker's decimal text ("+010.50", "25") to canonical form; throws on anything that is not a decimal. */
export function toDecimalString(value: string | Decimal, field = 'value'): DecimalString {
  if (typeof value === 'string' && isCanonicalDecimal(value)) return value as DecimalString;
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

/** The size without its sign, by text: exact, and cheap enough for every row of a large account. */
export function absoluteDecimal(value: DecimalString): DecimalString {
  return (value.charCodeAt(0) === MINUS ? value.slice(1) : value) as DecimalString;
}

/** `value` times 10 to the power `places` (a ratio to percent is 2), exactly, by moving the decimal point. */
export function shiftDecimalPoint(value: DecimalString, places: number): DecimalString {
  if (!Number.isInteger(places) || places < 0) throw new Error(`places must be a whole number of at least 0, got ${places}`);
  const negative = value.charCodeAt(0) === MINUS;
  const unsigned = negative ? value.slice(1) : value;
  const point = unsigned.indexOf('.');
  const whole = point < 0 ? unsigned : unsigned.slice(0, point);
  const fraction = point < 0 ? '' : unsigned.slice(point + 1);
  const moved = fraction.length <= places ? fraction + '0'.repeat(places - fraction.length) : fraction.slice(0, places);
  const rest = fraction.slice(moved.length);
  const digits = whole + moved;
  let firstSignificant = 0;
  while (firstSignificant < digits.length - 1 && digits.charCodeAt(firstSignificant) === ZERO) firstSignificant += 1;
  const shifted = rest === '' ? digits.slice(firstSignificant) : `${digits.slice(firstSignificant)}.${rest}`;
  return (negative && shifted !== '0' ? `-${shifted}` : shifted) as DecimalString;
}
