import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { quantityToClose } from '../../../shared/closeAmount';
import type { Position } from '../../../shared/domain';
import { closePositionSpec } from '../../api/actions';
import { positionsQuery } from '../../api/queries';
import { useActionMutation } from '../../hooks/useActionMutation';
import { useConnectionSummary } from '../../hooks/useConnections';
import { useQuoteGate } from '../../hooks/useQuoteGate';
import { useSendOnce } from '../../hooks/useSendOnce';
import { estimateClose, valueLabel, type Estimate } from '../../lib/closeEstimate';
import {
  closeModeOptions,
  describeCloseRequest,
  fieldErrorText,
  MAX_COMMENT_LENGTH,
  readCloseInput,
  readComment,
  remainingText,
  type CloseMode,
} from '../../lib/closeForm';
import { formatDecimal, formatSigned, signTone, unitWord } from '../../lib/format';
import { retryableEarlier } from '../../lib/actionLog';
import { useBlockingAction, useSettledAction, useUnresolvedAction } from '../../state/actionLog';
import { useConfirmPrefsActions } from '../../state/confirmPrefs';
import { useDialogActions, type AccountTarget } from '../../state/dialogs';
import { errorText } from '../common/QueryStatus';
import { DialogFrame, DismissButton } from './DialogFrame';
import { ConfirmButton, Facts, PriorActionNote, QuoteAge, ReceiptNote, receiptNeedsAttention, SendError, SendResult, SendSentence, StaleQuoteNote } from './confirmationBlocks';

interface ClosePositionDialogProps {
  target: AccountTarget;
  positionId: string;
  initialMode: 'all' | 'quantity';
}

function amountOf(position: Position, value: string | null): string {
  return value === null ? '—' : `${formatDecimal(value)} ${unitWord(position.unit.name, value)}`;
}

function EstimateValue({ estimate, signed = false }: { estimate: Estimate; signed?: boolean }): ReactNode {
  if (estimate.amount === null) return <span className="muted">not estimated: {estimate.missing}</span>;
  return (
    <span className={signed ? `pnl-${signTone(estimate.amount)}` : undefined}>
      about {signed ? formatSigned(estimate.amount) : formatDecimal(estimate.amount)}
      {estimate.note ? <span className="muted"> ({estimate.note})</span> : null}
    </span>
  );
}

export function ClosePositionDialog({ target, positionId, initialMode }: ClosePositionDialogProps) {
  const connection = useConnectionSummary(target.connection);
  const positions = useQuery(positionsQuery(target.connection, target.accountId));
  const live = positions.data?.find((candidate) => candidate.id === positionId) ?? null;
  const [sentFor, setSentFor] = useState<Position | null>(null);
  const [mode, setMode] = useState<CloseMode>(initialMode);
  const [text, setText] = useState('');
  const [commentText, setCommentText] = useState('');
  const [skipFromNowOn, setSkipFromNowOn] = useState(false);
  const mutation = useActionMutation<'position:close'>();
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
  const once = useSendOnce();
  const quote = useQuoteGate(positions.dataUpdatedAt, positions.refetch, choosing && !answered);
  const { closeDialog } = useDialogActions();
  const { setSkipSingleCloseConfirm } = useConfirmPrefsActions();
  const inputId = useId();
  const errorId = useId();
  const commentId = useId();
  const commentHintId = useId();
  const skipId = useId();
  const skipHintId = useId();

  if (!connection || !position) {
    const message = positions.isPending
      ? 'Loading the position…'
      : positions.isError && !positions.data
        ? `Could not load positions: ${errorText(positions.error)}`
        : `${positionId} is no longer open in account ${target.accountNumber}: it may have been closed already.`;
    return (
      <DialogFrame title="Close position" description={`Account ${target.accountNumber}`} footer={<DismissButton>Close</DismissButton>}>
        <p className="state">{message}</p>
        {/* A refusal re-reads the account; the position being gone afterwards must not hide why the broker said no. */}
        {mutation.isError ? <SendError error={mutation.error} /> : null}
      </DialogFrame>
    );
  }

  const caps = connection.capabilities;
  const options = closeModeOptions(caps.partialClose, caps.displayName, position.unit.name);
  const input = readCloseInput(position, caps.partialClose, mode, text);
  const { comment, error: commentError } = caps.closeComment ? readComment(commentText) : { comment: null, error: null };
  const quoteBlocks = choosing && !quote.confirmAllowed;
  const canSend = input.amount !== null && commentError === null && !mutation.isPending && blocking === null && !answered && !quoteBlocks;
  const estimate = input.amount ? estimateClose(position, input.amount) : null;
  const showFieldError = mode !== 'all' && text.trim() !== '' && input.error !== null;
  const prior = mutation.isIdle ? (blocking ?? unresolved) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (retryOf !== null) once.reopenForRetry(retryOf);
    if (!canSend || !input.amount || !once.claim()) return;
    if (skipFromNowOn && input.amount.kind === 'all') setSkipSingleCloseConfirm(target.connection, true);
    setSentFor(position);
    mutation.mutate(closePositionSpec(target, position, input.amount, comment, retryOf), {
      onSuccess: (receipt) => {
        if (!receiptNeedsAttention(receipt)) closeDialog();
      },
      onError: (error) => {
        if (once.releaseIfUnsent(error)) setSentFor(null);
      },
    });
  };

  return (
    <DialogFrame
      title={`Close ${position.symbol}`}
      description={`${position.side === 'long' ? 'Long' : 'Short'} position in account ${target.accountNumber} at ${caps.displayName}.`}
      onSubmit={submit}
      footer={
        answered ? (
          <DismissButton>Done</DismissButton>
        ) : (
          <>
            <DismissButton />
            <ConfirmButton disabled={!canSend} pending={mutation.isPending}>
              {retryOf === null ? 'Confirm close' : 'Send the close again'}
            </ConfirmButton>
          </>
        )
      }
    >
      <Facts
        items={[
          ['Instrument', <strong key="symbol">{position.symbol}</strong>],
          ['Side', position.side],
          ['Open quantity', amountOf(position, position.quantity)],
          ['Available', amountOf(position, position.available)],
          ['Avg price', formatDecimal(position.avgPrice)],
          [
            'Last price',
            <span key="last" data-testid="last-price">
              {formatDecimal(position.lastPrice)}
              <QuoteAge updatedAt={positions.dataUpdatedAt} quote={quote} />
            </span>,
          ],
          [
            'Unrealised P&L',
            <span key="pnl" className={`pnl-${signTone(position.unrealizedPnl)}`}>
              {formatSigned(position.unrealizedPnl)}
            </span>,
          ],
        ]}
      />

      <fieldset className="modes" disabled={mutation.isPending || answered}>
        <legend>How much to close</legend>
        {options.map((option) => (
          <label key={option.mode} className={`mode ${option.availability.available ? '' : 'mode-disabled'}`}>
            <input
              type="radio"
              name="close-mode"
              value={option.mode}
              checked={mode === option.mode}
              disabled={!option.availability.available}
              data-autofocus={option.mode === 'all' && mode === 'all' ? true : undefined}
              onChange={() => setMode(option.mode)}
            />
            <span>{option.label}</span>
            {option.availability.available ? null : <span className="reason">{option.availability.reason}</span>}
          </label>
        ))}
      </fieldset>

      {mode === 'all' ? null : (
        <div className="field">
          <label htmlFor={inputId}>
            {mode === 'quantity' ? `Quantity to close (${position.unit.name})` : 'Percentage to close (%)'}
          </label>
          <input
            id={inputId}
            className="input mono"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            value={text}
            disabled={mutation.isPending || answered}
            aria-invalid={showFieldError}
            aria-describedby={showFieldError ? errorId : undefined}
            onChange={(event) => setText(event.target.value)}
          />
          {showFieldError && input.error ? (
            <span id={errorId} className="field-error">
              {fieldErrorText(input.error)}
            </span>
          ) : (
            <span className="hint">
              {mode === 'quantity'
                ? `Up to ${amountOf(position, position.available)}, in steps of ${position.unit.step}.`
                : 'More than 0 and at most 100, up to 9 decimal places.'}
            </span>
          )}
        </div>
      )}

      {caps.closeComment ? (
        <div className="field">
          <label htmlFor={commentId}>Comment to the broker (optional)</label>
          <input
            id={commentId}
            className="input"
            autoComplete="off"
            maxLength={MAX_COMMENT_LENGTH + 1}
            value={commentText}
            disabled={mutation.isPending || answered}
            aria-invalid={commentError !== null}
            aria-describedby={commentHintId}
            onChange={(event) => setCommentText(event.target.value)}
          />
          <span id={commentHintId} className={commentError ? 'field-error' : 'hint'}>
            {commentError ? fieldErrorText(commentError) : `Stored with the trade at ${caps.displayName}; up to ${MAX_COMMENT_LENGTH} characters.`}
          </span>
        </div>
      ) : null}

      <div className="outcome">
        {input.amount && estimate ? (
          <>
            <p>{remainingText(position, input.amount)}</p>
            <Facts
              label="Estimate at the last price"
              items={[
                ['To close', amountOf(position, quantityToClose(position, input.amount).toFixed())],
                [valueLabel(position.side), <EstimateValue key="value" estimate={estimate.value} />],
                ['Est. realised P&L', <EstimateValue key="pnl" estimate={estimate.realisedPnl} signed />],
              ]}
            />
            <SendSentence>{describeCloseRequest(position, input.amount, target.accountNumber, comment)}</SendSentence>
          </>
        ) : (
          <SendSentence>Closeout will send nothing until the amount is valid.</SendSentence>
        )}
      </div>

      {mode === 'all' && sentFor === null ? (
        <div className="check">
          <input
            id={skipId}
            type="checkbox"
            checked={skipFromNowOn}
            aria-describedby={skipHintId}
            onChange={(event) => setSkipFromNowOn(event.target.checked)}
          />
          <label htmlFor={skipId}>Don't ask again for single closes on this connection</label>
          <span id={skipHintId} className="reason">
            From then on, a row's Close button on {target.connection} sends the full close at once. Settings turns the question back on.
          </span>
        </div>
      ) : null}

      {quoteBlocks ? <StaleQuoteNote quote={quote} updatedAt={positions.dataUpdatedAt} error={positions.isError ? errorText(positions.error) : null} /> : null}
      {prior ? <PriorActionNote entry={prior} /> : null}
      <SendResult error={mutation.error} receipt={mutation.data} />
      <ReceiptNote receipt={mutation.data} />
      {retryOf !== null ? (
        <p className="note note-info" data-testid="retry-note">
          The earlier close did not happen. Confirming sends it again as a deliberate retry of that request, with the amount chosen above.
        </p>
      ) : null}
    </DialogFrame>
  );
}
