import { toDecimalString, type DecimalString } from '../../../shared/decimal';

// Readers for the rows of list answers that run to thousands (ten thousand positions a poll). Each field is checked
// where it lies as the mapping reads it, instead of copying every row through zod first: that copy measured about
// 2.5 ms per 10,000 Alpaca positions, a third of the listing's whole budget over a bare JSON.parse. Every error
// starts with the field's name and says the rule it broke.

export type Row = Readonly<Record<string, unknown>>;

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

/** Maps every row of a list answer; an error names the row's index before the field ("3.qty must be text, got number"). */
export function readRows<T>(value: unknown, readRow: (row: Row) => T): T[] {
  if (!Array.isArray(value)) throw new Error(`the body must be a list, got ${shown(value)}`);
  const rows: readonly unknown[] = value;
  const mapped: T[] = [];
  let index = 0;
  try {
    for (; index < rows.length; index += 1) {
      const row = rows[index];
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new Error(`must be an object, got ${shown(row)}`);
      mapped.push(readRow(row as Row));
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.startsWith('must ') ? `${index} ${message}` : `${index}.${message}`, { cause: error });
  }
  return mapped;
}

export function readText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new Error(`${field} must be text, got ${shown(value)}`);
  return value;
}

/** Null, undefined and a missing field all read as null. */
export function readOptionalText(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new Error(`${field} must be text or absent, got ${shown(value)}`);
  return value;
}

export function readOneOf<const W extends string>(value: unknown, words: readonly W[], field: string): W {
  if (typeof value !== 'string' || !(words as readonly string[]).includes(value)) {
    throw new Error(`${field} must be one of ${words.join(', ')}, got ${shown(value)}`);
  }
  return value as W;
}

/** A decimal sent as text ("12.50"), in canonical form; a JSON number is refused, since it may already have lost digits. */
export function readDecimal(value: unknown, field: string): DecimalString {
  if (typeof value !== 'string') throw new Error(`${field} must be a decimal number as text, got ${shown(value)}`);
  return toDecimalString(value, field);
}

/** Like readDecimal; null, undefined, a missing field and "" all read as null. */
export function readOptionalDecimal(value: unknown, field: string): DecimalString | null {
  return value === null || value === undefined || value === '' ? null : readDecimal(value, field);
}
