import { Decimal, type DecimalString } from './decimal';

/**
 * Numbers as a trader reads them, for the window and for the core's messages alike: prices to the instrument's
 * decimals or tick, quantities with their unit's places, money to the currency's minor unit, thousands separated.
 * Rounding is decimal.js's, half up, on the broker's text: a value never passes through a binary float. Exact values
 * (tooltips, exports) come from formatDecimal, which only groups.
 */

export const MISSING = '—';

/** How an instrument's price is quoted: with this many decimals, on a tick, or by the US equity convention. */
export type PriceScale =
  /** The broker's own decimals for the symbol (ScaleTrade's `digits`), or the places it quotes the symbol with. */
  | { kind: 'digits'; digits: number }
  | { kind: 'tick'; tick: DecimalString }
  /** US equities: whole cents at $1 and above, four places below (Reg NMS rule 612's sub-penny threshold). */
  | { kind: 'us_equity' };

/** One object per scale, shared by every row: ten thousand positions need not carry ten thousand copies. */
export const US_EQUITY_SCALE: PriceScale = Object.freeze({ kind: 'us_equity' });
const digitScales = new Map<number, PriceScale>();

/** The scale of a symbol quoted with `digits` decimals. */
export function digitsScale(digits: number): PriceScale {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new Error(`digits must be a whole number from 0 to 20, got ${digits}`);
  let scale = digitScales.get(digits);
  if (scale === undefined) {
    scale = Object.freeze({ kind: 'digits', digits });
    digitScales.set(digits, scale);
  }
  return scale;
}

const GROUPED = /\B(?=(\d{3})+(?!\d))/g;
const DECIMAL_TEXT = /^([+-]?)(\d+)(\.\d+)?$/;

function isMissing(value: string | null | undefined): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

/** Thousands separators in the integer part of a decimal's text; anything that is not a decimal is left as it came. */
function grouped(text: string): string {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (!match) return text;
  const [, sign = '', integer = '', fraction = ''] = match;
  return `${sign === '-' ? '-' : ''}${integer.replace(GROUPED, ',')}${fraction}`;
}

/** The exact value, every digit the broker sent, with thousands separators: for tooltips and wherever nothing may round. */
export function formatDecimal(value: string | null | undefined): string {
  return isMissing(value) ? MISSING : grouped(value);
}

function parse(value: string): Decimal | null {
  try {
    return new Decimal(value.trim());
  } catch {
    return null;
  }
}

/** Rounded half up to `places` and printed with exactly that many, never "-0.00". */
function fixed(decimal: Decimal, places: number): string {
  const rounded = decimal.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  return grouped((rounded.isZero() ? new Decimal(0) : rounded).toFixed(places));
}

const US_EQUITY_PENNY = new Decimal(1);

/** The decimal places a price is shown with under its scale. */
export function pricePlaces(price: Decimal, scale: PriceScale): number {
  switch (scale.kind) {
    case 'digits':
      return scale.digits;
    case 'tick':
      return new Decimal(scale.tick).decimalPlaces();
    case 'us_equity':
      return price.abs().gte(US_EQUITY_PENNY) ? 2 : 4;
  }
}

/** A price to its instrument's decimals, or rounded to the nearest tick; exactly as sent where no scale is known. */
export function formatPrice(value: string | null | undefined, scale?: PriceScale | null): string {
  if (isMissing(value)) return MISSING;
  const decimal = parse(value);
  if (decimal === null || !scale) return grouped(value);
  if (scale.kind === 'tick') {
    const tick = new Decimal(scale.tick);
    if (tick.lte(0)) return grouped(value);
    return fixed(decimal.dividedBy(tick).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(tick), tick.decimalPlaces());
  }
  return fixed(decimal, pricePlaces(decimal, scale));
}

/** Steps finer than this many places (fractional shares, coins) are not padded: "0.5" shares, not "0.500000000". */
const MAX_PADDED_QUANTITY_PLACES = 4;

/**
 * A quantity with its unit's places ("0.10" lots, "25" shares). A quantity is never rounded: a close acts on it, so a
 * digit finer than the step still shows.
 */
export function formatQuantity(value: string | null | undefined, step?: string | null): string {
  if (isMissing(value)) return MISSING;
  const decimal = parse(value);
  if (decimal === null) return value;
  const stepPlaces = step ? (parse(step)?.decimalPlaces() ?? 0) : 0;
  const padded = stepPlaces <= MAX_PADDED_QUANTITY_PLACES ? stepPlaces : 0;
  return fixed(decimal, Math.max(padded, decimal.decimalPlaces()));
}

const DEFAULT_CURRENCY_PLACES = 2;
const currencyPlacesCache = new Map<string, number>();

/** The currency's minor unit (JPY 0, USD 2, KWD 3), from the runtime's ISO 4217 data; 2 where the code is unknown. */
export function currencyPlaces(currency: string | null | undefined): number {
  if (!currency) return DEFAULT_CURRENCY_PLACES;
  const code = currency.toUpperCase();
  const cached = currencyPlacesCache.get(code);
  if (cached !== undefined) return cached;
  let places = DEFAULT_CURRENCY_PLACES;
  try {
    places = new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? DEFAULT_CURRENCY_PLACES;
  } catch {
    // A code Intl refuses (not three letters) keeps the common two places.
  }
  currencyPlacesCache.set(code, places);
  return places;
}

/** Money to the currency's minor unit (two places when the currency is not known), thousands separated. */
export function formatMoney(value: string | null | undefined, currency?: string | null): string {
  if (isMissing(value)) return MISSING;
  const decimal = parse(value);
  return decimal === null ? value : fixed(decimal, currencyPlaces(currency));
}

/** Money with an explicit sign on gains, for P&L: a gain and a loss differ in text as well as in colour. */
export function formatSignedMoney(value: string | null | undefined, currency?: string | null): string {
  const formatted = formatMoney(value, currency);
  return signTone(formatted.replace(/,/g, '')) === 'positive' ? `+${formatted}` : formatted;
}

/** "48,210.37 USD": money with its currency, for sentences. */
export function formatAmount(value: string, currency: string | null | undefined): string {
  return currency ? `${formatMoney(value, currency)} ${currency}` : formatMoney(value);
}

export type SignTone = 'positive' | 'negative' | 'neutral';

export function signTone(value: string | null | undefined): SignTone {
  if (isMissing(value)) return 'neutral';
  const decimal = parse(value);
  if (decimal === null || decimal.isZero()) return 'neutral';
  return decimal.isNegative() ? 'negative' : 'positive';
}

/** A value exactly as sent, with a plus sign on gains. */
export function formatSigned(value: string | null | undefined): string {
  const formatted = formatDecimal(value);
  return signTone(value) === 'positive' && !formatted.startsWith('+') ? `+${formatted}` : formatted;
}

const PERCENT_PLACES = 2;

/** A ratio for reading at a glance: two places with its sign and unit. Brokers send percentages with sixteen digits. */
export function formatPercent(value: string | null | undefined): string {
  if (isMissing(value)) return MISSING;
  const decimal = parse(value);
  if (decimal === null) return value;
  const rounded = fixed(decimal, PERCENT_PLACES);
  return `${signTone(rounded.replace(/,/g, '')) === 'positive' ? '+' : ''}${rounded} %`;
}
