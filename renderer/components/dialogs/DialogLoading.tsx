import { useEffect } from 'react';
import { useDialogActions } from '../../state/dialogs';
import './DialogLoading.css';

/**
 * Shown over the app while a dialog's chunk loads (it is usually preloaded, so this is rare and brief). It blocks every
 * key but Esc, which gives up opening: a key meant for the dialog, or the opening Enter held, must not act on the rows
 * behind. Focus stays where the dialog was opened from, so the dialog returns it there when it closes.
 */
export function DialogLoading() {
  const { closeDialog } = useDialogActions();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      event.preventDefault();
      event.stopPropagation();
      if (event.type === 'keydown' && event.key === 'Escape' && !event.repeat) closeDialog();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKey, true);
    };
  }, [closeDialog]);
  return (
    <div className="dialog-loading" data-testid="dialog-loading">
      <p className="dialog-loading-note" role="status">
        Opening…
      </p>
    </div>
  );
}

/** A dialog that could not be shown: says why, and closes. */
export function DialogLoadFailed({ message }: { message: string }) {
  const { closeDialog } = useDialogActions();
  return (
    <div className="dialog-loading">
      <div className="dialog-loading-note" role="alert">
        <p>This dialog could not be shown: {message}. Reload the window (Ctrl+R) and try again.</p>
        <button type="button" className="button" autoFocus onClick={closeDialog}>
          Close
        </button>
      </div>
    </div>
  );
}
