import type { ReactNode } from 'react';
import { DismissButton } from './DialogFrame';
import { ConfirmButton } from './confirmationBlocks';

interface ConfirmFooterProps {
  /** Once the broker has answered only Done is left: nothing can be sent twice from one dialog. */
  answered: boolean;
  canSend: boolean;
  pending: boolean;
  confirmLabel: string;
  dismissLabel?: string;
  /** Buttons between Cancel and Confirm, e.g. "Check again". */
  extra?: ReactNode;
}

/**
 * Every confirmation dialog's footer. Cancel (or Done) is where focus starts unless the body has a field to fill in,
 * so an Enter that lands in a freshly opened dialog dismisses it rather than sending.
 */
export function ConfirmFooter({ answered, canSend, pending, confirmLabel, dismissLabel = 'Cancel', extra }: ConfirmFooterProps) {
  if (answered) return <DismissButton first>Done</DismissButton>;
  return (
    <>
      <DismissButton first>{dismissLabel}</DismissButton>
      {extra}
      <ConfirmButton disabled={!canSend} pending={pending}>
        {confirmLabel}
      </ConfirmButton>
    </>
  );
}
