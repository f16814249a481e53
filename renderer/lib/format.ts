import type { QuantityUnit } from '../../shared/domain';

// Numbers are formatted in shared/, where the core's messages format theirs: one rounding for the window and the core.
export {
  currencyPlaces,
  formatAmount,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatSigned,
  formatSignedMoney,
  MISSING,
  signTone,
  type PriceScale,
  type SignTone,
} from '../../shared/numberFormat';

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Local date and time to the second, the way a desk reads an order blotter. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A blotter's time: the time alone for today, the date without the year and the minute otherwise. */
export function formatBlotterTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const today = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  return today
    ? `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
    : `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
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
