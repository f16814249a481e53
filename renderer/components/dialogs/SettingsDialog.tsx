import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { BROKER_CAPABILITIES } from '../../../shared/brokers';
import type { ConnectionSummary } from '../../../shared/domain';
import { removeConnectionMutation } from '../../api/connections';
import { connectionsQuery } from '../../api/queries';
import { healthText } from '../../lib/connectionHealth';
import { failureNotice } from '../../lib/notices';
import { useConfirmPrefsActions } from '../../state/confirmPrefs';
import { pushNotice } from '../../state/notifications';
import { useSelectionActions } from '../../state/selection';
import { QueryStatus } from '../common/QueryStatus';
import { AddConnectionForm } from './AddConnectionForm';
import { ConfirmationSettings } from './ConfirmationSettings';
import { FirmAccountCell } from './FirmAccountCell';
import { TypedCountSetting } from './TypedCountSetting';
import { DialogFrame, DismissButton } from './DialogFrame';
import './SettingsDialog.css';

function ConnectionRow({ connection }: { connection: ConnectionSummary }) {
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const { forgetConnection } = useSelectionActions();
  const { setSkipSingleCloseConfirm } = useConfirmPrefsActions();
  const { name } = connection;
  const remove = useMutation(removeConnectionMutation(queryClient, name));
  const confirmRemove = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        pushNotice({ tone: 'success', text: `Connection “${name}” removed.` });
        forgetConnection(name);
        // A new connection under the same name must ask again before closing.
        setSkipSingleCloseConfirm(name, false);
      },
      onError: (error) => {
        setConfirming(false);
        pushNotice(failureNotice(`Remove connection “${name}”`, error));
      },
    });

  return (
    <tr data-testid={`settings-connection-${name}`}>
      <td>
        <strong>{name}</strong>
        {connection.demo ? <span className="tag tag-demo">demo</span> : null}
      </td>
      <td>{BROKER_CAPABILITIES[connection.broker].displayName}</td>
      <td className="mono url-cell" title={connection.baseUrl}>
        {connection.baseUrl}
      </td>
      <td data-testid={`settings-connection-health-${name}`}>{healthText(connection.health)}</td>
      <td>
        <FirmAccountCell connection={connection} />
      </td>
      <td className="cell-actions">
        {confirming ? (
          <span className="inline-confirm">
            <span>Remove “{name}” and its stored secret?</span>
            <button
              type="button"
              className="button button-small button-danger"
              disabled={remove.isPending}
              aria-label={`Confirm remove ${name}`}
              onClick={confirmRemove}
            >
              {remove.isPending ? 'Removing…' : 'Remove'}
            </button>
            <button type="button" className="button button-small" disabled={remove.isPending} onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="button button-small" aria-label={`Remove ${name}`} onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}

export function SettingsDialog() {
  const connections = useQuery(connectionsQuery());
  return (
    <DialogFrame
      wide
      title="Settings"
      description="Broker connections and confirmations. Secrets go to the system keychain and are never shown again."
      footer={<DismissButton>Close</DismissButton>}
    >
      <section className="settings-section" aria-labelledby="settings-connections-heading">
        <h3 id="settings-connections-heading">Connections</h3>
        <QueryStatus query={connections} noun="connections" isEmpty={(list) => list.length === 0} emptyText="No connections yet: add one below.">
          {(list) => (
            <table className="settings-table" aria-labelledby="settings-connections-heading">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Broker</th>
                  <th scope="col">Base URL</th>
                  <th scope="col">Health</th>
                  <th scope="col">Firm account</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((connection) => (
                  <ConnectionRow key={connection.name} connection={connection} />
                ))}
              </tbody>
            </table>
          )}
        </QueryStatus>
      </section>
      <section className="settings-section" aria-labelledby="settings-confirm-heading">
        <h3 id="settings-confirm-heading">Confirmations</h3>
        <TypedCountSetting />
        {connections.data && connections.data.length > 0 ? (
          <ConfirmationSettings connections={connections.data} />
        ) : (
          <p className="state">Each connection appears here once added.</p>
        )}
      </section>
      <section className="settings-section" aria-labelledby="settings-add-heading">
        <h3 id="settings-add-heading">Add connection</h3>
        <AddConnectionForm />
      </section>
    </DialogFrame>
  );
}
