import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { BROKER_CAPABILITIES } from '../../shared/brokers';
import { connectionsQuery } from '../api/queries';
import { healthBrief, healthText, healthTone } from '../lib/connectionHealth';
import { useDialogActions } from '../state/dialogs';
import { useSelectedConnection, useSelectionActions } from '../state/selection';
import { ActionButton } from './common/ActionButton';
import { QueryStatus } from './common/QueryStatus';
import './ConnectionsPanel.css';

export function ConnectionsPanel() {
  const query = useQuery(connectionsQuery());
  const selected = useSelectedConnection();
  const { selectConnection, forgetConnection } = useSelectionActions();
  const { openDialog } = useDialogActions();
  const connections = query.data;

  useEffect(() => {
    if (!connections) return;
    if (selected !== null && !connections.some((connection) => connection.name === selected)) forgetConnection(selected);
    // With a single connection there is nothing to choose.
    if (selected === null && connections.length === 1 && connections[0]) selectConnection(connections[0].name);
  }, [connections, selected, selectConnection, forgetConnection]);

  return (
    <nav className="panel panel-connections" aria-labelledby="connections-heading">
      <div className="panel-title">
        <h2 id="connections-heading">Connections</h2>
      </div>
      <QueryStatus
        query={query}
        noun="connections"
        isEmpty={(list) => list.length === 0}
        emptyText="No connections yet."
      >
        {(list) => (
          <ul className="connection-list">
            {list.map((connection) => (
              <li key={connection.name}>
                <button
                  type="button"
                  className="connection-item"
                  aria-current={connection.name === selected ? 'true' : undefined}
                  data-testid={`connection-item-${connection.name}`}
                  onClick={() => selectConnection(connection.name)}
                >
                  <span className="connection-name">
                    {connection.name}
                    {connection.demo ? <span className="tag tag-demo">demo</span> : null}
                  </span>
                  <span className="connection-broker">{BROKER_CAPABILITIES[connection.broker].displayName}</span>
                  <span
                    className={`connection-health connection-health-${healthTone(connection.health)}`}
                    title={healthText(connection.health)}
                    data-testid={`connection-health-${connection.name}`}
                  >
                    {healthBrief(connection.health)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </QueryStatus>
      {connections && connections.length > 0 ? (
        <div className="panel-cta">
          <ActionButton
            availability={selected === null ? { available: false, reason: 'Select a connection first.' } : { available: true }}
            hint={selected === null ? undefined : `Wind down a list of accounts on ${selected}`}
            onClick={() => selected !== null && openDialog({ kind: 'windDown', connection: selected })}
          >
            Wind down accounts…
          </ActionButton>
          <ActionButton
            availability={{ available: true }}
            variant="danger"
            hint="Close every position and cancel every open order of the accounts you pick, across connections"
            onClick={() => openDialog({ kind: 'flatten' })}
          >
            Flatten…
          </ActionButton>
        </div>
      ) : null}
      {connections && connections.length === 0 ? (
        <button type="button" className="button button-primary panel-cta" onClick={() => openDialog({ kind: 'settings' })}>
          Add a connection…
        </button>
      ) : null}
    </nav>
  );
}
