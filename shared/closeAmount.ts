import type { CloseAmount } from './actions';
import type { PartialCloseUnit } from './brokers';
import { Decimal, dec } from './decimal';
import type { Position } from './domain';
import { validationError, type AppError } from './errors';

const MAX_PERCENT_DECIMALS = 9;
const SINGULAR_UNIT = { shares: 'share', lots: 'lot', units: 'unit', contracts: 'contract' } as const;

/**
 * Checks a close request against the position (one no order can close is refused whole) and the broker's partial-close
 * unit, as both the dialog and the main process must: returns the first broken rule as a validation error naming the field, or null when the request is fine.
 */
export function checkCloseAmount(position: Position, amount: CloseAmount, partialClose: PartialCloseUnit): AppError | null {
  if (position.notClosable !== undefined) return validationError('positionId', `cannot be closed: ${position.notClosable}`);
  if (amount.kind === 'all') return null;
  if (partialClose.kind === 'none') return validationError('amount', `cannot be partial: ${partialClose.reason}`);

  if (amount.kind === 'percent') {
    if (partialClose.kind !== 'shares-or-percent') {
      return validationError('percent', 'is not accepted by this broker: give a quantity instead');
    }
    const percent = dec(amount.percent);
    if (percent.lte(0)) return validationError('percent', 'must be greater than 0');
    if (percent.gt(100)) return validationError('percent', 'must be at most 100');
    if (percent.decimalPlaces() > MAX_PERCENT_DECIMALS) {
      return validationError('percent', `must have at most ${MAX_PERCENT_DECIMALS} decimal places`);
    }
    if (quantityClosedByPercent(position, percent).isZero()) {
      return validationError('percent', `closes less than one whole ${SINGULAR_UNIT[position.unit.name]} of this position`);
    }
    return null;
  }

  const quantity = dec(amount.quantity);
  const available = dec(position.available);
  const unitName = position.unit.name;
  if (quantity.lte(0)) return validationError('quantity', 'must be greater than 0');
  if (quantity.gt(available)) {
    return validationError('quantity', `must be at most the available ${available.toFixed()} ${unitName}`);
  }
  if (partialClose.kind === 'lots') {
    if (!isMultipleOf(quantity, dec(position.unit.step))) {
      return validationError('quantity', `must be a whole number of minimal lots (steps of ${position.unit.step} lot)`);
    }
    if (quantity.gte(dec(position.quantity))) {
      return validationError('quantity', 'must be below the open volume: close the whole trade instead');
    }
    return null;
  }
  if (!position.fractional && !quantity.isInteger()) {
    return validationError('quantity', `must be a whole number of ${unitName}: this position is not fractional`);
  }
  if (!isMultipleOf(quantity, dec(position.unit.step))) {
    return validationError('quantity', `must be a multiple of ${position.unit.step}`);
  }
  return null;
}

function isMultipleOf(value: Decimal, step: Decimal): boolean {
  return step.isZero() || value.mod(step).isZero();
}

/**
 * The broker sells only whole shares of a whole-share position when given a percentage (Alpaca: "would only sell
 * fractional if position is originally fractional"), so the share count is rounded down to the position's step.
 */
export function quantityClosedByPercent(position: Position, percent: Decimal): Decimal {
  const exact = dec(position.quantity).times(percent).dividedBy(100);
  const step = dec(position.unit.step);
  return step.isZero() ? exact : exact.dividedToIntegerBy(step).times(step);
}

/** How much the close takes off the position, in the position's unit. */
export function quantityToClose(position: Position, amount: CloseAmount): Decimal {
  if (amount.kind === 'all') return dec(position.quantity);
  if (amount.kind === 'percent') return quantityClosedByPercent(position, dec(amount.percent));
  return dec(amount.quantity);
}

/** What stays open after the close, in the position's unit. */
export function remainingAfterClose(position: Position, amount: CloseAmount): Decimal {
  return Decimal.max(0, dec(position.quantity).minus(quantityToClose(position, amount)));
}
