import { toDecimalString, type DecimalString } from '../../../shared/decimal';
import type { QuantityUnit } from '../../../shared/domain';

// US equity brokers (Alpaca, Clear Street) count in shares and trade fractional shares to nine decimal places. One unit
// object per kind, shared by every position: ten thousand rows need not carry ten thousand copies.
const WHOLE_SHARES: QuantityUnit = { name: 'shares', step: toDecimalString('1') };
const FRACTIONAL_SHARES: QuantityUnit = { name: 'shares', step: toDecimalString('0.000000001') };

/** Canonical decimal text has a point only when there is a fraction. */
export function isFractional(quantity: DecimalString): boolean {
  return quantity.includes('.');
}

/** The unit of a share position: a whole-share step, or the fractional step when the holding has a fraction. */
export function shareUnit(quantity: DecimalString): QuantityUnit {
  return isFractional(quantity) ? FRACTIONAL_SHARES : WHOLE_SHARES;
}
