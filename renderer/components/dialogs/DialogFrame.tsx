import * as Dialog from '@radix-ui/react-dialog';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ArmedContext, useArming } from '../../hooks/useArming';
import { focusOriginOf, returnFocus } from '../../state/gridFocus';
import { useDialogActions } from '../../state/dialogs';
import { ScrollRegion } from '../common/ScrollRegion';
import './DialogFrame.css';

interface DialogFrameProps {
  title: string;
  description: string;
  children: ReactNode;
  footer: ReactNode;
  wide?: boolean;
  /** Nearly the whole window, for tables. */
  full?: boolean;
  /** When given, body and footer form one form, so Enter in a field submits it. */
  onSubmit?(event: FormEvent<HTMLFormElement>): void;
  /** Esc, the × button and a click outside do nothing: what the dialog shows is still under way and ends in it. */
  locked?: boolean;
}

const stay = (event: Event) => event.preventDefault();

function focusPreferred(event: Event, content: HTMLElement | null) {
  const preferred = content?.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)');
  if (preferred) {
    event.preventDefault();
    preferred.focus();
  }
}

/**
 * An accessible modal (focus trap, Esc closes, title and description announced). Radix's Overlay is left out on
 * purpose: it injects a <style> element for scroll locking, which the strict CSP refuses; the app never scrolls its
 * body, so a plain backdrop does the same job.
 */
export function DialogFrame({ title, description, children, footer, wide = false, full = false, onSubmit, locked = false }: DialogFrameProps) {
  const { closeDialog } = useDialogActions();
  const contentRef = useRef<HTMLDivElement>(null);
  const armed = useArming();
  // Where focus was when the dialog opened; read once, on the first render, before Radix moves focus inside.
  const [origin] = useState(() => focusOriginOf(document.activeElement));
  const inner = (
    <>
      <ScrollRegion className="dialog-body" label={title}>
        {children}
      </ScrollRegion>
      <div className="dialog-footer">{footer}</div>
    </>
  );
  return (
    <Dialog.Root
      open
      onOpenChange={(open) => {
        if (!open) closeDialog();
      }}
    >
      <Dialog.Portal>
        <div className="dialog-backdrop" />
        <Dialog.Content
          ref={contentRef}
          className={`dialog ${wide ? 'dialog-wide' : ''} ${full ? 'dialog-full' : ''}`}
          onOpenAutoFocus={(event) => focusPreferred(event, contentRef.current)}
          onCloseAutoFocus={(event) => {
            if (returnFocus(origin)) event.preventDefault();
          }}
          onEscapeKeyDown={locked ? stay : undefined}
          onInteractOutside={locked ? stay : undefined}
        >
          <div className="dialog-header">
            <Dialog.Title className="dialog-title">{title}</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label="Close dialog" disabled={locked}>
              ×
            </Dialog.Close>
          </div>
          <Dialog.Description className="dialog-description">{description}</Dialog.Description>
          <ArmedContext.Provider value={armed}>
            {onSubmit ? (
              <form className="dialog-form" noValidate onSubmit={onSubmit}>
                {inner}
              </form>
            ) : (
              inner
            )}
          </ArmedContext.Provider>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Closes the dialog; `first` makes it where focus starts when the dialog has no field to fill in. */
export function DismissButton({ children = 'Cancel', first = false }: { children?: string; first?: boolean }) {
  return (
    <Dialog.Close asChild>
      <button type="button" className="button" data-autofocus={first ? true : undefined}>
        {children}
      </button>
    </Dialog.Close>
  );
}
