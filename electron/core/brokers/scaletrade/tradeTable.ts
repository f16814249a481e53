import { Decimal, toDecimalString, type DecimalString } from '../../../../shared/decimal';
import type { TradeTableBody } from './schemas';

/** One trade read from ScaleTrade's table by column name; numbers are exact decimal text. */
export interface TradeRecord {
  /** The ticket, kept as its digits. */
  order: string;
  cmd: number;
  symbol: string;
  /** Minimal lots: 100 is 1.00 lot. */
  volume: Decimal;
  openTime: number | null;
  closeTime: number | null;
  openPrice: DecimalString;
  /** Null when the platform leaves it at 0, as it may for an open trade. */
  closePrice: DecimalString | null;
  profit: DecimalString | null;
  /** profit + commission + storage: the net_profit column, or the sum when a table lacks it. */
  netProfit: DecimalString | null;
  comment: string | null;
  /** Null when not set: the platform writes 0 for no stop loss or take profit. */
  stopLoss: DecimalString | null;
  takeProfit: DecimalString | null;
  commission: DecimalString | null;
  /** Swap, which MetaTrader calls storage. */
  storage: DecimalString | null;
  /** The decimals the symbol is quoted with; null where the table has no digits column. */
  digits: number | null;
}

const REQUIRED_COLUMNS = ['order', 'cmd', 'symbol', 'volume', 'open_price'] as const;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Cell = (column: string) => unknown;

/**
 * Maps every row by the names in `structure`, never by position: extra or reordered columns are fine, a missing
 * required column makes the table unreadable. Throws a plain Error naming the problem (the caller turns it into AppError).
 */
export function readTradeTable(table: TradeTableBody): TradeRecord[] {
  const index = new Map<string, number>();
  table.structure.forEach((name, position) => {
    if (!index.has(name)) index.set(name, position);
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !index.has(column));
  if (missing.length > 0) throw new Error(`the trade table has no ${missing.map((column) => `"${column}"`).join(', ')} column`);
  return table.rows.map((row, rowNumber) => {
    const cell: Cell = (column) => {
      const position = index.get(column);
      return position === undefined ? undefined : row[position];
    };
    return readTrade(cell, index, `row ${rowNumber + 1}`);
  });
}

function readTrade(cell: Cell, index: ReadonlyMap<string, number>, where: string): TradeRecord {
  const order = integer(cell('order'), `${where}: order`).toFixed();
  const at = `trade ${order}`;
  const symbol = cell('symbol');
  if (typeof symbol !== 'string' || symbol.trim() === '') throw new Error(`${at}: symbol is missing`);
  const profit = optionalDecimal(cell('profit'), `${at}: profit`);
  const comment = cell('comment');
  return {
    order,
    cmd: integer(cell('cmd'), `${at}: cmd`).toNumber(),
    symbol: symbol.trim(),
    volume: integer(cell('volume'), `${at}: volume`),
    openTime: optionalSeconds(cell('open_time'), `${at}: open_time`),
    closeTime: optionalSeconds(cell('close_time'), `${at}: close_time`),
    openPrice: decimal(cell('open_price'), `${at}: open_price`),
    closePrice: nonZero(optionalDecimal(cell('close_price'), `${at}: close_price`)),
    profit,
    netProfit: index.has('net_profit') ? optionalDecimal(cell('net_profit'), `${at}: net_profit`) : summedNet(cell, profit, at),
    comment: typeof comment === 'string' && comment !== '' ? comment : null,
    stopLoss: nonZero(optionalDecimal(cell('sl'), `${at}: sl`)),
    takeProfit: nonZero(optionalDecimal(cell('tp'), `${at}: tp`)),
    commission: optionalDecimal(cell('commission'), `${at}: commission`),
    storage: optionalDecimal(cell('storage'), `${at}: storage`),
    digits: optionalDigits(cell('digits'), `${at}: digits`),
  };
}

function summedNet(cell: Cell, profit: DecimalString | null, at: string): DecimalString | null {
  if (profit === null) return null;
  const commission = optionalDecimal(cell('commission'), `${at}: commission`) ?? '0';
  const storage = optionalDecimal(cell('storage'), `${at}: storage`) ?? '0';
  return toDecimalString(new Decimal(profit).plus(commission).plus(storage));
}

function decimalValue(value: unknown, field: string): Decimal {
  if (typeof value !== 'string' || !NUMBER_TEXT.test(value.trim())) {
    throw new Error(`${field} must be a number, got ${value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 40)}`);
  }
  return new Decimal(value.trim());
}

function decimal(value: unknown, field: string): DecimalString {
  return toDecimalString(decimalValue(value, field));
}

function optionalDecimal(value: unknown, field: string): DecimalString | null {
  return value === undefined || value === null || value === '' ? null : decimal(value, field);
}

function integer(value: unknown, field: string): Decimal {
  const number = decimalValue(value, field);
  if (!number.isInteger()) throw new Error(`${field} must be a whole number, got ${number.toFixed()}`);
  return number;
}

const MAX_DIGITS = 10;

function optionalDigits(value: unknown, field: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const digits = integer(value, field).toNumber();
  if (digits < 0 || digits > MAX_DIGITS) throw new Error(`${field} must be from 0 to ${MAX_DIGITS}, got ${digits}`);
  return digits;
}

/** Unix seconds; 0 means "not set" on the platform. */
function optionalSeconds(value: unknown, field: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const seconds = integer(value, field).toNumber();
  return seconds > 0 ? seconds : null;
}

function nonZero(value: DecimalString | null): DecimalString | null {
  return value === null || new Decimal(value).isZero() ? null : value;
}
