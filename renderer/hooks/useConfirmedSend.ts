import { useCallback, type FormEvent } from 'react';
import type { ActionReceipt } from '../../shared/actions';
import type { ResponseOf } from '../../shared/contract';
import type { ActionChannel, ActionSpec } from '../api/actions';
import { receiptNeedsAttention } from '../lib/receipts';
import { useDialogActions } from '../state/dialogs';
import { useActionMutation } from './useActionMutation';
import { useSendOnce } from './useSendOnce';

export interface SendOptions {
  /** Runs once the send is claimed, right before the request leaves (e.g. to freeze what the dialog describes). */
  onSend?(): void;
  /** Runs when the request certainly did not take effect, so the same dialog may send it again. */
  onUnsent?(): void;
  /** Close the dialog by itself after an answer with nothing to read: single actions do, lists of results do not. */
  closeWhenPlain?: boolean;
}

/**
 * The submit every confirmation dialog shares: the form's default is stopped, nothing leaves unless the dialog says it
 * may, a double submit is claimed once (useSendOnce), and a failure that certainly sent nothing reopens the dialog.
 */
export function useConfirmedSend<C extends ActionChannel>() {
  const mutation = useActionMutation<C>();
  const once = useSendOnce();
  const { closeDialog } = useDialogActions();
  const { mutate } = mutation;
  const { claim, releaseIfUnsent, reopenForRetry } = once;

  const submit = useCallback(
    /** `spec` is null while the dialog may not send (amount invalid, confirmation not typed, an action in flight). */
    (event: FormEvent, spec: (() => ActionSpec<C>) | null, options: SendOptions = {}) => {
      event.preventDefault();
      if (spec === null || !claim()) return;
      options.onSend?.();
      mutate(spec(), {
        onSuccess: (receipt: ResponseOf<C>) => {
          if (options.closeWhenPlain && !receiptNeedsAttention(receipt as ActionReceipt)) closeDialog();
        },
        onError: (error) => {
          if (releaseIfUnsent(error)) options.onUnsent?.();
        },
      });
    },
    [claim, closeDialog, mutate, releaseIfUnsent],
  );

  return { mutation, submit, reopenForRetry };
}
