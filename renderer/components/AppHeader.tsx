import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { appInfoQuery } from '../api/queries';
import { plainKey, typingIn } from '../lib/shortcuts';
import { dialogStore, useDialogActions } from '../state/dialogs';
import './AppHeader.css';

export function AppHeader() {
  const info = useQuery(appInfoQuery());
  const { openDialog } = useDialogActions();
  // "?" lists every shortcut, from anywhere outside a field or a dialog.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (plainKey(event) !== '?' || event.defaultPrevented || typingIn(event.target) || dialogStore.getState().open) return;
      event.preventDefault();
      dialogStore.getState().actions.openDialog({ kind: 'shortcuts' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <header className="app-header">
      <div className="brand">
        <h1>Closeout</h1>
        {info.data?.demo ? (
          <span className="badge badge-demo" title="Demo mode: every connection talks to a local simulator, not a real broker.">
            DEMO
          </span>
        ) : null}
      </div>
      <div className="header-end">
        {info.data ? <span className="version">v{info.data.version}</span> : null}
        <button type="button" className="button" aria-keyshortcuts="?" title="Every keyboard shortcut (?)" onClick={() => openDialog({ kind: 'shortcuts' })}>
          Shortcuts
        </button>
        <button type="button" className="button" onClick={() => openDialog({ kind: 'activity' })}>
          Activity
        </button>
        <button type="button" className="button" onClick={() => openDialog({ kind: 'settings' })}>
          Settings
        </button>
      </div>
    </header>
  );
}
