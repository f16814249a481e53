import { parse } from 'lossless-json';
import { Decimal, toDecimalString, type DecimalString } from '../../../shared/decimal';

/**
 * Parses a broker's JSON with every number kept as its source text ("0.1", "1.10100", "1e-7"), so quantities, prices
 * and profits become decimals without ever passing through a binary float. Strings stay strings; throws on text that
 * is not JSON.
 */
export function parseKeepingNumberText(text: string): unknown {
  return parse(text, null, (digits) => digits);
}

const JSON_NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** A number's source text as a decimal string; an exponent ("1e-7") is expanded exactly. */
export function decimalFromNumberText(value: string, field: string): DecimalString {
  const trimmed = value.trim();
  if (!JSON_NUMBER.test(trimmed)) throw new Error(`${field} must be a number, got ${JSON.stringify(value).slice(0, 60)}`);
  return toDecimalString(new Decimal(trimmed));
}
