import type { CloseAmount } from '../../../../shared/actions';
import { BROKER_CAPABILITIES } from '../../../../shared/brokers';
import { checkCloseAmount } from '../../../../shared/closeAmount';
import { Decimal, toDecimalString, type DecimalString } from '../../../../shared/decimal';
import type { Order, Position } from '../../../../shared/domain';
import { validationError } from '../../../../shared/errors';
import { MINIMAL_LOTS_PER_LOT } from './mapping';
import type { AcceptedAnswer } from './schemas';

export interface CloseBody {
  order: number;
  volume?: number;
  comment?: string;
}

export interface PlannedClose {
  body: CloseBody;
  /** Lots this close takes off and lots that stay open under the ticket. */
  closing: DecimalString;
  remaining: DecimalString;
}

/**
 * The DELETE /trade/close body for a close amount, checked before anything is sent: the shared rules first (the
 * service has already applied them; this is the adapter's own guard), then the ticket and the volume as ScaleTrade
 * needs them: an integer ticket, and a whole number of minimal lots below the open volume.
 */
export function planClose(position: Position, amount: CloseAmount, comment: string | undefined): PlannedClose {
  const broken = checkCloseAmount(position, amount, BROKER_CAPABILITIES.scaletrade.partialClose);
  if (broken) throw broken;
  if (!/^\d+$/.test(position.id) || !Number.isSafeInteger(Number(position.id))) {
    throw validationError('positionId', `must be a ScaleTrade ticket number, not "${position.id.slice(0, 40)}"`);
  }
  const order = Number(position.id);
  const open = new Decimal(position.quantity);
  const withComment = comment === undefined ? {} : { comment };
  if (amount.kind === 'all') return { body: { order, ...withComment }, closing: position.quantity, remaining: toDecimalString('0') };
  if (amount.kind === 'percent') throw validationError('percent', 'is not accepted by ScaleTrade: give a quantity in lots instead');
  const lots = new Decimal(amount.quantity);
  const volume = lots.times(MINIMAL_LOTS_PER_LOT);
  if (!volume.isInteger() || volume.lte(0)) {
    throw validationError('quantity', `must be a whole number of minimal lots (steps of 0.01 lot), not ${lots.toFixed()}`);
  }
  if (lots.gte(open)) throw validationError('quantity', `must be below the open ${open.toFixed()} lots: close the whole trade instead`);
  return {
    body: { order, volume: volume.toNumber(), ...withComment },
    closing: toDecimalString(lots),
    remaining: toDecimalString(open.minus(lots)),
  };
}

export function describeLots(lots: DecimalString): string {
  return `${lots} ${new Decimal(lots).eq(1) ? 'lot' : 'lots'}`;
}

/** "2.5 lots of XAUUSD short (ticket 1002), the whole trade" or "1 of 2.5 lots of XAUUSD short (ticket 1002)". */
export function describeClose(position: Position, closing: DecimalString): string {
  const whole = new Decimal(closing).eq(position.quantity);
  const share = whole ? describeLots(closing) : `${closing} of ${describeLots(position.quantity)}`;
  return `${share} of ${position.symbol} ${position.side} (ticket ${position.id})${whole ? ', the whole trade' : ''}`;
}

/** The close as an order for the receipt: ScaleTrade closes the ticket itself, so the ticket is the order id. */
export function closingOrder(accountId: string, position: Position, closing: DecimalString, executed: boolean, now: Date): Order {
  return {
    id: position.id,
    accountId,
    clientOrderId: null,
    symbol: position.symbol,
    side: position.side === 'long' ? 'sell' : 'buy',
    type: 'market',
    quantity: closing,
    filledQuantity: executed ? closing : toDecimalString('0'),
    limitPrice: null,
    stopPrice: null,
    // ScaleTrade's answer names no price: the closed trade in its history does (see the Closed trades tab).
    avgFillPrice: null,
    timeInForce: null,
    status: executed ? 'filled' : 'accepted',
    open: !executed,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** What the accepted answer says will be closed, in lots, when it says so; otherwise what was asked. */
export function acceptedLots(answer: AcceptedAnswer, requested: DecimalString): DecimalString {
  const volume = answer.close_volume ?? answer.volume;
  return volume === null || volume === undefined ? requested : toDecimalString(new Decimal(volume).dividedBy(MINIMAL_LOTS_PER_LOT));
}
