import type { ActionReceipt } from '../../shared/actions';

/**
 * A receipt the person must read before moving on: the broker refused, the outcome is unknown, or nothing was sent
 * because an earlier interrupted attempt on the target was found.
 */
export function receiptNeedsAttention(receipt: ActionReceipt): boolean {
  return receipt.earlier !== undefined || receipt.state === 'rejected' || receipt.state === 'unknown';
}
