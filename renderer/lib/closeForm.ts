import type { CloseAmount } from '../../shared/actions';
import type { Availability, PartialCloseUnit } from '../../shared/brokers';
import { checkCloseAmount, quantityToClose, remainingAfterClose } from '../../shared/closeAmount';
import { isDecimalString, type DecimalString } from '../../shared/decimal';
import type { Position } from '../../shared/domain';
import { validationError, type AppError } from '../../shared/errors';
import { formatDecimal, unitWord } from './format';

export type CloseMode = CloseAmount['kind'];

export interface CloseModeOption {
  mode: CloseMode;
  label: string;
  availability: Availability;
}

/** Every way to size a close, each with whether this broker takes it and why not: nothing is hidden silently. */
export function closeModeOptions(partialClose: PartialCloseUnit, brokerName: string, unit: Position['unit']['name']): CloseModeOption[] {
  const none: Availability | null = partialClose.kind === 'none' ? { available: false, reason: partialClose.reason } : null;
  return [
    { mode: 'all', label: 'Full', availability: { available: true } },
    { mode: 'quantity', label: `By quantity (${unit})`, availability: none ?? { available: true } },
    {
      mode: 'percent',
      label: 'By percentage',
      availability:
        none ??
        (partialClose.kind === 'shares-or-percent'
          ? { available: true }
          : { available: false, reason: `${brokerName} closes part of a position by quantity only.` }),
    },
  ];
}

export type CloseInput = { amount: CloseAmount; error: null } | { amount: null; error: AppError };

function parseDecimalField(field: 'quantity' | 'percent', text: string): { value: DecimalString; error: null } | { value: null; error: AppError } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null, error: validationError(field, 'must not be empty') };
  if (!isDecimalString(trimmed)) return { value: null, error: validationError(field, 'must be a plain decimal number such as 12 or 0.5') };
  return { value: trimmed, error: null };
}

/** Turns what the dialog holds into the amount to send, checked by the same rules the main process applies. */
export function readCloseInput(position: Position, partialClose: PartialCloseUnit, mode: CloseMode, text: string): CloseInput {
  let amount: CloseAmount;
  if (mode === 'all') {
    amount = { kind: 'all' };
  } else {
    const parsed = parseDecimalField(mode, text);
    if (parsed.error) return { amount: null, error: parsed.error };
    amount = mode === 'quantity' ? { kind: 'quantity', quantity: parsed.value } : { kind: 'percent', percent: parsed.value };
  }
  const error = checkCloseAmount(position, amount, partialClose);
  return error ? { amount: null, error } : { amount, error: null };
}

export function remainingText(position: Position, amount: CloseAmount): string {
  const remaining = remainingAfterClose(position, amount).toFixed();
  return remaining === '0' ? 'Nothing remains open.' : `${formatDecimal(remaining)} ${unitWord(position.unit.name, remaining)} remain open.`;
}

export const MAX_COMMENT_LENGTH = 64;

/** The comment to send, trimmed; null when there is none. */
export function readComment(text: string): { comment: string | null; error: AppError | null } {
  const comment = text.trim();
  if (comment.length > MAX_COMMENT_LENGTH) return { comment: null, error: validationError('comment', `must be at most ${MAX_COMMENT_LENGTH} characters`) };
  return { comment: comment === '' ? null : comment, error: null };
}

/** The one sentence that says exactly what the confirm button sends. */
export function describeCloseRequest(position: Position, amount: CloseAmount, accountNumber: string, comment: string | null = null): string {
  const open = formatDecimal(position.quantity);
  const units = unitWord(position.unit.name, position.quantity);
  let what: string;
  if (amount.kind === 'all') {
    what = `close all ${open} ${units}`;
  } else if (amount.kind === 'percent') {
    // The broker rounds a percentage down to whole steps: say how much that is.
    const closed = quantityToClose(position, amount).toFixed();
    what = `close ${formatDecimal(amount.percent)} % (${formatDecimal(closed)} ${unitWord(position.unit.name, closed)}) of ${open} ${units}`;
  } else {
    what = `close ${formatDecimal(amount.quantity)} of ${open} ${units}`;
  }
  const note = comment === null ? '' : ` with the comment “${comment}”`;
  return `Closeout will send: ${what} of ${position.symbol} (${position.side}) in account ${accountNumber} at market${note}.`;
}

/** "quantity must be greater than 0" -> "Quantity must be greater than 0." */
export function fieldErrorText(error: AppError): string {
  const message = error.message.trim();
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
