import { d, parseDecimalText, SimDecimal, text } from '../shared/decimal';
import { fail, insufficientQty, succeed, unprocessable } from './errors';
import type { Outcome } from './errors';

/** Alpaca accepts qty and percentage with up to nine decimal places. */
const MAX_PLACES = 9;

export interface CloseRequest {
  qty: string | null;
  percentage: string | null;
}

export interface PositionAmounts {
  /** Signed, as stored. */
  qty: SimDecimal;
  held: SimDecimal;
  fractionable: boolean;
  symbol: string;
}

/**
 * How many shares a DELETE position request closes, or Alpaca's refusal. Without qty or percentage the whole
 * position closes; percentage keeps a whole-share position whole ("would only sell fractional if the position is
 * originally fractional").
 */
export function closeQuantity(request: CloseRequest, position: PositionAmounts): Outcome<SimDecimal> {
  if (request.qty !== null && request.percentage !== null) {
    return fail(unprocessable('qty and percentage cannot be used together: send one of them'));
  }
  const size = position.qty.abs();
  let qty: SimDecimal;
  if (request.qty !== null) {
    const parsed = parseDecimalText(request.qty);
    if (parsed === null) return fail(unprocessable(`qty must be a decimal number, got ${JSON.stringify(request.qty.slice(0, 40))}`));
    if (parsed.decimalPlaces() > MAX_PLACES) return fail(unprocessable(`qty can have at most ${MAX_PLACES} decimal places`));
    if (parsed.lessThanOrEqualTo(0)) return fail(unprocessable('qty must be > 0'));
    if (!parsed.isInteger() && !position.fractionable) {
      return fail(unprocessable(`asset ${position.symbol} is not fractionable: qty must be a whole number of shares`));
    }
    qty = parsed;
  } else if (request.percentage !== null) {
    const percentage = parseDecimalText(request.percentage);
    if (percentage === null) {
      return fail(unprocessable(`percentage must be a decimal number, got ${JSON.stringify(request.percentage.slice(0, 40))}`));
    }
    if (percentage.decimalPlaces() > MAX_PLACES) return fail(unprocessable(`percentage can have at most ${MAX_PLACES} decimal places`));
    if (percentage.lessThanOrEqualTo(0) || percentage.greaterThan(100)) {
      return fail(unprocessable('percentage must be between 0 and 100 (more than 0, at most 100)'));
    }
    const share = size.times(percentage).dividedBy(100);
    qty = size.isInteger() ? share.floor() : share.toDecimalPlaces(MAX_PLACES, SimDecimal.ROUND_DOWN);
    if (qty.isZero()) return fail(unprocessable(`percentage ${request.percentage} of ${text(size)} shares is less than one closable unit`));
  } else {
    qty = size;
  }
  const available = size.minus(position.held);
  if (qty.greaterThan(available)) {
    return fail(insufficientQty(text(size), text(position.held), text(available.isNegative() ? d(0) : available)));
  }
  return succeed(qty);
}
