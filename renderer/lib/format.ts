import { Decimal } from '../../shared/decimal';
import type { QuantityUnit } from '../../shared/domain';

export const MISSING = '—';

const GROUPED = /\B(?=(\d{3})+(?!\d))/g;

/**
 * Shows a decimal string exactly as the broker gave it, with thousands separators in the integer part. Works on the
 * text alone: the value never becomes a Number, so no digit is lost or rounded.
 */
export function formatDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return MISSING;
  const match = /^([+-]?)(\d+)(\.\d+)?$/.exec(value.trim());
  if (!match) return value;
  const [, sign = '', integer = '', fraction = ''] = match;
  return `${sign === '-' ? '-' : ''}${integer.replace(GROUPED, ',')}${fraction}`;
}

const MONEY_PLACES = 2;

/** Money for reading: two places, rounded half up by decimal.js, with thousands separators. The exact value goes in a tooltip. */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return MISSING;
  try {
    const decimal = new Decimal(value).toDecimalPlaces(MONEY_PLACES, Decimal.ROUND_HALF_UP);
    return formatDecimal((decimal.isZero() ? new Decimal(0) : decimal).toFixed(MONEY_PLACES));
  } catch {
    return value;
  }
}

/** Money with an explicit sign, for P&L. */
export function formatSignedMoney(value: string | null | undefined): string {
  const formatted = formatMoney(value);
  return signTone(formatted.replace(/,/g, '')) === 'positive' ? `+${formatted}` : formatted;
}

export type SignTone = 'positive' | 'negative' | 'neutral';

export function signTone(value: string | null | undefined): SignTone {
  if (value === null || value === undefined || value === '') return 'neutral';
  try {
    const decimal = new Decimal(value);
    if (decimal.isZero()) return 'neutral';
    return decimal.isNegative() ? 'negative' : 'positive';
  } catch {
    return 'neutral';
  }
}

/** P&L with an explicit sign, so a gain and a loss differ in text as well as in colour. */
export function formatSigned(value: string | null | undefined): string {
  const formatted = formatDecimal(value);
  return signTone(value) === 'positive' && !formatted.startsWith('+') ? `+${formatted}` : formatted;
}

const PERCENT_PLACES = 2;

/**
 * A ratio for reading at a glance: two places, rounded half up by decimal.js (never through a float). Brokers send
 * percentages with sixteen digits; quantities, prices and money are never rounded, only ratios are.
 */
export function formatPercent(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return MISSING;
  let rounded: string;
  try {
    const decimal = new Decimal(value).toDecimalPlaces(PERCENT_PLACES, Decimal.ROUND_HALF_UP);
    // A loss that rounds to nothing reads as 0.00, not -0.00.
    rounded = (decimal.isZero() ? new Decimal(0) : decimal).toFixed(PERCENT_PLACES);
  } catch {
    return value;
  }
  return `${formatSigned(rounded)} %`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Local date and time to the second, the way a desk reads an order blotter. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** "4 s ago", "3 min ago": how old a price is when the dialog shows it. */
export function formatAge(fromMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.floor((nowMs - fromMs) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

export function plural(count: number | string, singular: string, pluralForm = `${singular}s`): string {
  return String(count) === '1' ? singular : pluralForm;
}

const SINGULAR: Readonly<Record<QuantityUnit['name'], string>> = { shares: 'share', lots: 'lot', units: 'unit', contracts: 'contract' };

/** The name of a quantity unit for an amount: "1 share", "25 shares", "0.5 lots", "3 contracts". */
export function unitWord(unit: QuantityUnit['name'], amount: string): string {
  return plural(amount, SINGULAR[unit], unit);
}

/** "Order side sell_short" -> "sell short": broker enums read as words. */
export function humanise(value: string): string {
  return value.replace(/_/g, ' ').toLowerCase();
}
