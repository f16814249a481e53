import { useId, type ReactNode } from 'react';
import { quantityToClose } from '../../../shared/closeAmount';
import { dec } from '../../../shared/decimal';
import type { Position } from '../../../shared/domain';
import { useClosePositionForm } from '../../hooks/useClosePositionForm';
import { valueLabel, type Estimate } from '../../lib/closeEstimate';
import { describeCloseRequest, fieldErrorText, MAX_COMMENT_LENGTH, remainingText } from '../../lib/closeForm';
import { formatDecimal, formatMoney, formatPrice, formatQuantity, formatSignedMoney, signTone, unitWord } from '../../lib/format';
import { useDialogActions, type AccountTarget } from '../../state/dialogs';
import { errorText } from '../common/QueryStatus';
import { ConfirmFooter } from './ConfirmFooter';
import { DialogFrame, DismissButton } from './DialogFrame';
import { Facts, PriorActionNote, QuoteAge, ReceiptNote, SendError, SendResult, SendSentence, StaleQuoteNote } from './confirmationBlocks';
import './ClosePositionDialog.css';

interface ClosePositionDialogProps {
  target: AccountTarget;
  positionId: string;
  initialMode: 'all' | 'quantity';
}

function amountOf(position: Position, value: string | null): string {
  return value === null ? '—' : `${formatQuantity(value, position.unit.step)} ${unitWord(position.unit.name, value)}`;
}

function EstimateValue({ estimate, signed = false }: { estimate: Estimate; signed?: boolean }): ReactNode {
  if (estimate.amount === null) return <span className="muted">not estimated: {estimate.missing}</span>;
  return (
    <span className={signed ? `pnl-${signTone(estimate.amount)}` : undefined}>
      about {signed ? formatSignedMoney(estimate.amount) : formatMoney(estimate.amount)}
      {estimate.note ? <span className="muted"> ({estimate.note})</span> : null}
    </span>
  );
}

export function ClosePositionDialog({ target, positionId, initialMode }: ClosePositionDialogProps) {
  const form = useClosePositionForm(target, positionId, initialMode);
  const { openDialog } = useDialogActions();
  const inputId = useId();
  const errorId = useId();
  const commentId = useId();
  const commentHintId = useId();
  const skipId = useId();
  const skipHintId = useId();
  const { positions, mutation, quote, sentFor, retryOf, answered } = form;

  if (!form.ready) {
    const message = positions.isPending
      ? 'Loading the position…'
      : positions.isError && !positions.data
        ? `Could not load positions: ${errorText(positions.error)}`
        : `${positionId} is no longer open in account ${target.accountNumber}: it may have been closed already.`;
    return (
      <DialogFrame title="Close position" description={`Account ${target.accountNumber}`} footer={<DismissButton first>Close</DismissButton>}>
        <p className="state">{message}</p>
        {/* A refusal re-reads the account; the position being gone afterwards must not hide why the broker said no. */}
        {mutation.isError ? <SendError error={mutation.error} /> : null}
      </DialogFrame>
    );
  }

  const { caps, position, options, mode, setMode, text, setText, commentText, setCommentText, skipFromNowOn, setSkipFromNowOn } = form;
  const { input, comment, commentError, quoteBlocks, canSend, estimate, showFieldError, prior, held } = form;
  const canCloseAvailable = held !== null && caps.partialClose.kind !== 'none' && dec(held.available).greaterThan(0);

  return (
    <DialogFrame
      title={`Close ${position.symbol}`}
      description={`${position.side === 'long' ? 'Long' : 'Short'} position in account ${target.accountNumber} at ${caps.displayName}.`}
      onSubmit={form.onSubmit}
      footer={
        <ConfirmFooter
          answered={answered}
          canSend={canSend}
          pending={mutation.isPending}
          confirmLabel={retryOf === null ? 'Confirm close' : 'Send the close again'}
        />
      }
    >
      <Facts
        items={[
          ['Instrument', <strong key="symbol">{position.symbol}</strong>],
          ['Side', position.side],
          ['Open quantity', amountOf(position, position.quantity)],
          ['Available', amountOf(position, position.available)],
          ['Avg price', <span key="avg" title={formatDecimal(position.avgPrice)}>{formatPrice(position.avgPrice, position.priceScale)}</span>],
          [
            'Last price',
            <span key="last" data-testid="last-price" title={formatDecimal(position.lastPrice)}>
              {formatPrice(position.lastPrice, position.priceScale)}
              <QuoteAge updatedAt={positions.dataUpdatedAt} quote={quote} />
            </span>,
          ],
          [
            'Unrealised P&L',
            <span key="pnl" className={`pnl-${signTone(position.unrealizedPnl)}`} title={formatDecimal(position.unrealizedPnl)}>
              {formatSignedMoney(position.unrealizedPnl)}
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
              onChange={() => setMode(option.mode)}
            />
            <span>{option.label}</span>
            {option.availability.available ? null : <span className="reason">{option.availability.reason}</span>}
          </label>
        ))}
      </fieldset>

      {held ? (
        <div className="note note-warning" role="status" data-testid="held-note">
          <p>
            {amountOf(position, held.held)} of the {amountOf(position, position.quantity)} are held by working orders: {caps.displayName} refuses a full
            close while they are open. Cancel those orders, then close, as one confirmed action; or close only the {amountOf(position, held.available)} available.
          </p>
          <div className="held-actions">
            {caps.cancelOrder.available ? (
              <button type="button" className="button button-small" onClick={() => openDialog({ kind: 'cancelThenClose', target, positionId: position.id })}>
                Cancel those orders, then close…
              </button>
            ) : null}
            {canCloseAvailable ? (
              <button type="button" className="button button-small" onClick={form.closeAvailable}>
                Close the available {formatQuantity(held.available, position.unit.step)}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

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
