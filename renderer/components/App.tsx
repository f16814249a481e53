import { useEffect } from 'react';
import { useConnectionSummary } from '../hooks/useConnections';
import { usePushUpdates } from '../hooks/usePushUpdates';
import { useSelectedAccount, useSelectedConnection } from '../state/selection';
import { AccountPicker } from './AccountPicker';
import { AccountView } from './AccountView';
import { ActionsPanel } from './ActionsPanel';
import { AppHeader } from './AppHeader';
import { ConnectionsPanel } from './ConnectionsPanel';
import { preloadDialogs } from './dialogs/dialogChunks';
import { DialogHost } from './dialogs/DialogHost';
import { Notifications } from './Notifications';
import './App.css';

function Workspace() {
  const connection = useConnectionSummary(useSelectedConnection());
  const account = useSelectedAccount();
  return (
    <main className="workspace">
      <ConnectionsPanel />
      {connection ? (
        <AccountPicker key={connection.name} connection={connection} />
      ) : (
        <section className="panel panel-accounts panel-placeholder" aria-label="Accounts">
          <p className="state state-empty">Select a connection to see its accounts.</p>
        </section>
      )}
      {connection && account ? (
        <AccountView key={`${connection.name}|${account.id}`} connection={connection} account={account} />
      ) : (
        <section className="panel panel-account panel-placeholder" aria-label="Account">
          <p className="state state-empty">Select an account to see its positions and orders.</p>
        </section>
      )}
      <Notifications />
    </main>
  );
}

export function App() {
  usePushUpdates();
  useEffect(preloadDialogs, []);
  return (
    <div className="app">
      <AppHeader />
      <Workspace />
      <ActionsPanel />
      <DialogHost />
    </div>
  );
}
