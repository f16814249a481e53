import { isLosslessNumber, parse } from 'lossless-json';
import { parseDecimalText } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';

/** A JSON body read with lossless-json, so numbers keep their digits; an empty body reads as {} like express.json(). */
export function readJsonBody(bodyText: string): { ok: true; value: Record<string, unknown> } | { ok: false } {
  if (bodyText.trim() === '') return { ok: true, value: {} };
  try {
    const value = parse(bodyText);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false };
  }
}

/** A JSON number, or a string holding one, as a decimal; null for anything else. */
export function decimalField(value: unknown): SimDecimal | null {
  if (isLosslessNumber(value)) return parseDecimalText(value.toString());
  if (typeof value === 'string') return parseDecimalText(value.trim());
  return null;
}

export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
