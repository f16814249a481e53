import type { ConnectionSummary } from '../../../shared/domain';
import { useConfirmPrefsActions, useSkippedConnections } from '../../state/confirmPrefs';

/**
 * Per connection, whether a single full close asks first. Only the close dialog turns the question off; this is
 * where it comes back on. Partial closes, close all and close account always ask.
 */
export function ConfirmationSettings({ connections }: { connections: readonly ConnectionSummary[] }) {
  const skipped = useSkippedConnections();
  const { setSkipSingleCloseConfirm } = useConfirmPrefsActions();
  return (
    <table className="settings-table" aria-labelledby="settings-confirm-heading">
      <thead>
        <tr>
          <th scope="col">Connection</th>
          <th scope="col">Single full closes</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {connections.map(({ name }) => {
          const skips = skipped.includes(name);
          return (
            <tr key={name} data-testid={`settings-confirm-${name}`}>
              <td>
                <strong>{name}</strong>
              </td>
              <td>{skips ? 'Sent at once from the row, without asking' : 'Ask for confirmation first'}</td>
              <td className="cell-actions">
                {skips ? (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Ask again before single closes on ${name}`}
                    onClick={() => setSkipSingleCloseConfirm(name, false)}
                  >
                    Ask again
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
