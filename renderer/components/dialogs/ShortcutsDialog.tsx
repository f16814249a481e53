import { SHORTCUTS } from '../../lib/shortcuts';
import { DialogFrame, DismissButton } from './DialogFrame';

/** The `?` overlay: every key the app answers to. None of them sends anything without its confirmation. */
export function ShortcutsDialog() {
  return (
    <DialogFrame
      title="Keyboard shortcuts"
      description="Letter keys act on the focused table row or the open account. Every action opens its confirmation first."
      footer={<DismissButton first>Close</DismissButton>}
    >
      <table className="result-table" aria-label="Keyboard shortcuts">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
              <td>{shortcut.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </DialogFrame>
  );
}
