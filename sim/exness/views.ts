import { LosslessNumber } from 'lossless-json';
import { profitAt } from './state';
import type { ClosedOrderRecord, OpenOrderRecord, SimInstrument, WireStyle } from './types';

/** A JSON number written from decimal text exactly as given ("125.50" stays 125.50), never through a float. */
export function num(value: string | number): LosslessNumber {
  return new LosslessNumber(String(value));
}

type WireObject = Record<string, unknown>;

function timeOf(iso: string, style: WireStyle): string | LosslessNumber {
  return style.symbolStyle === 'code' ? num(Date.parse(iso)) : iso;
}

function status(name: 'open' | 'closed', style: WireStyle): string {
  return style.symbolStyle === 'code' ? name : name.toUpperCase();
}

function nullableNum(value: string | null): LosslessNumber | null {
  return value === null ? null : num(value);
}

function baseView(order: OpenOrderRecord, instrument: SimInstrument, style: WireStyle): WireObject {
  const code = style.symbolStyle === 'code';
  return {
    orderId: order.orderId,
    ...(code ? { userId: order.userId } : {}),
    symbol: code ? instrument.code : instrument.symbol,
    type: code ? order.type : order.type.toUpperCase(),
    quantity: num(order.quantity),
    leverage: num(order.leverage),
    openPrice: num(order.openPrice),
    openTime: timeOf(order.openTime, style),
    takeProfit: nullableNum(order.takeProfit),
    stopLoss: nullableNum(order.stopLoss),
  };
}

/** An open order as GET /trade/orders lists it: current price and unrealised profit at this moment. */
export function openOrderView(order: OpenOrderRecord, instrument: SimInstrument, style: WireStyle): WireObject {
  return {
    ...baseView(order, instrument, style),
    currentPrice: num(instrument.price),
    [style.profitField]: num(profitAt(order, instrument, instrument.price)),
    status: status('open', style),
  };
}

export function closedOrderView(order: ClosedOrderRecord, instrument: SimInstrument, style: WireStyle): WireObject {
  return {
    ...baseView(order, instrument, style),
    closePrice: num(order.closePrice),
    closeTime: timeOf(order.closeTime, style),
    [style.profitField]: num(order.profit),
    status: status('closed', style),
  };
}

/** The answer to POST /trade/close: the seed's summary, or the whole closed order as the reference code sends. */
export function closeAnswerView(order: ClosedOrderRecord, instrument: SimInstrument, style: WireStyle): WireObject {
  const closedOrder = style.closeAnswer === 'full'
    ? closedOrderView(order, instrument, style)
    : { orderId: order.orderId, status: 'CLOSED', closePrice: num(order.closePrice), [style.profitField]: num(order.profit) };
  return { message: 'Order closed successfully', order: closedOrder };
}

/** `{"message": [...]}`, or the array as a JSON string inside `message` where the style says so. */
export function listAnswer(items: WireObject[], style: WireStyle, stringify: (value: unknown) => string): WireObject {
  return { message: style.messageAsJsonString ? stringify(items) : items };
}
