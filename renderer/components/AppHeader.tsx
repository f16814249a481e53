import { useQuery } from '@tanstack/react-query';
import { appInfoQuery } from '../api/queries';
import { useDialogActions } from '../state/dialogs';
import './AppHeader.css';

export function AppHeader() {
  const info = useQuery(appInfoQuery());
  const { openDialog } = useDialogActions();
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
