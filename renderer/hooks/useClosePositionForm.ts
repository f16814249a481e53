import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { dec } from '../../shared/decimal';
import type { Position } from '../../shared/domain';
import { closePositionSpec } from '../api/actions';
import { positionsQuery } from '../api/queries';
import { retryableEarlier } from '../lib/actionLog';
import { estimateClose } from '../lib/closeEstimate';
import { closeModeOptions, readCloseInput, readComment, type CloseMode } from '../lib/closeForm';
import { useBlockingAction, useSettledAction, useUnresolvedAction } from '../state/actionLog';
import { useConfirmPrefsActions } from '../state/confirmPrefs';
import type { AccountTarget } from '../state/dialogs';
import { useConfirmedSend } from './useConfirmedSend';
import { useConnectionSummary } from './useConnections';
import { useQuoteGate } from './useQuoteGate';

/**
 * Everything the close dialog decides: which position it describes, the amount and comment as typed and as read, what
 * would be sent, whether it may be sent, and the send itself. The dialog only lays it out.
 */
export function useClosePositionForm(target: AccountTarget, positionId: string, initialMode: CloseMode) {
  const connection = useConnectionSummary(target.connection);
  const positions = useQuery(positionsQuery(target.connection, target.accountId));
  const live = positions.data?.find((candidate) => candidate.id === positionId) ?? null;
  const [sentFor, setSentFor] = useState<Position | null>(null);
  const [mode, setMode] = useState<CloseMode>(initialMode);
  const [text, setText] = useState('');
  const [commentText, setCommentText] = useState('');
  const [skipFromNowOn, setSkipFromNowOn] = useState(false);
  const { mutation, submit, reopenForRetry } = useConfirmedSend<'position:close'>();
  const settled = useSettledAction(mutation.error?.actionId);
  // An earlier close that certainly did not happen (this dialog's own, or one a stopped process left) may be sent
  // again as a deliberate retry of it, so the core reuses its client order id.
  const retryOf = retryableEarlier(mutation.data, settled);
  const answered = mutation.isSuccess && retryOf === null;
  // Once sent, the dialog keeps describing the position it sent for, even after a fill drops it from the list; a retry
  // is decided on the position as it is now, so its prices must be fresh again.
  const choosing = sentFor === null || retryOf !== null;
  const position = (choosing ? null : sentFor) ?? live;
  const rowTarget = { connection: target.connection, accountId: target.accountId, kind: 'close_position', subject: positionId } as const;
  const blocking = useBlockingAction(rowTarget);
  const unresolved = useUnresolvedAction(rowTarget);
  const quote = useQuoteGate(positions.dataUpdatedAt, positions.refetch, choosing && !answered);
  const { setSkipSingleCloseConfirm } = useConfirmPrefsActions();

  const base = { connection, positions, mutation, quote, sentFor, retryOf, answered };
  if (!connection || !position) return { ...base, ready: false as const };

  const caps = connection.capabilities;
  const input = readCloseInput(position, caps.partialClose, mode, text);
  const { comment, error: commentError } = caps.closeComment ? readComment(commentText) : { comment: null, error: null };
  const quoteBlocks = choosing && !quote.confirmAllowed;
  const canSend = input.amount !== null && commentError === null && !mutation.isPending && blocking === null && !answered && !quoteBlocks;
  const amount = input.amount;

  const onSubmit = (event: FormEvent) => {
    if (retryOf !== null) reopenForRetry(retryOf);
    submit(event, canSend && amount ? () => closePositionSpec(target, position, amount, comment, retryOf) : null, {
      closeWhenPlain: true,
      onSend: () => {
        if (skipFromNowOn && amount?.kind === 'all') setSkipSingleCloseConfirm(target.connection, true);
        setSentFor(position);
      },
      onUnsent: () => setSentFor(null),
    });
  };

  // Part of the position is held by working orders: brokers refuse a full close of it (Alpaca's 40310000), so the
  // dialog says so before sending and offers the part that can go.
  const heldQuantity = dec(position.quantity).abs().minus(dec(position.available).abs());
  const held = mode === 'all' && heldQuantity.greaterThan(0) ? { held: heldQuantity.toFixed(), available: dec(position.available).abs().toFixed() } : null;
  const closeAvailable = () => {
    if (!held) return;
    setMode('quantity');
    setText(held.available);
  };

  return {
    ...base,
    ready: true as const,
    held,
    closeAvailable,
    caps,
    position,
    options: closeModeOptions(caps.partialClose, caps.displayName, position.unit.name),
    mode,
    setMode,
    text,
    setText,
    commentText,
    setCommentText,
    skipFromNowOn,
    setSkipFromNowOn,
    input,
    comment,
    commentError,
    quoteBlocks,
    canSend,
    estimate: amount ? estimateClose(position, amount) : null,
    showFieldError: mode !== 'all' && text.trim() !== '' && input.error !== null,
    prior: mutation.isIdle ? (blocking ?? unresolved) : null,
    onSubmit,
  };
}
