import { useOpenDialog } from '../../state/dialogs';
import { ActivityDialog } from '../activity/ActivityDialog';
import { WindDownDialog } from '../windDown/WindDownDialog';
import { FlattenDialog } from '../flatten/FlattenDialog';
import { CancelAllOrdersDialog } from './CancelAllOrdersDialog';
import { CancelOrderDialog } from './CancelOrderDialog';
import { CancelThenCloseDialog } from './CancelThenCloseDialog';
import { CloseAccountDialog } from './CloseAccountDialog';
import { CloseAllDialog } from './CloseAllDialog';
import { ClosePositionDialog } from './ClosePositionDialog';
import { CancelSelectedDialog, CloseSelectedDialog } from './SelectedActionDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SettingsDialog } from './SettingsDialog';

/** Renders the one open dialog; each mounts fresh, so no state leaks from one close to the next. */
export function DialogHost() {
  const open = useOpenDialog();
  if (!open) return null;
  switch (open.kind) {
    case 'closePosition':
      return <ClosePositionDialog target={open.target} positionId={open.positionId} initialMode={open.mode} />;
    case 'cancelThenClose':
      return <CancelThenCloseDialog target={open.target} positionId={open.positionId} />;
    case 'closeAll':
      return <CloseAllDialog target={open.target} />;
    case 'closeSelected':
      return <CloseSelectedDialog target={open.target} />;
    case 'cancelSelected':
      return <CancelSelectedDialog target={open.target} />;
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'cancelOrder':
      return <CancelOrderDialog target={open.target} orderId={open.orderId} />;
    case 'cancelAllOrders':
      return <CancelAllOrdersDialog target={open.target} />;
    case 'closeAccount':
      return <CloseAccountDialog target={open.target} />;
    case 'windDown':
      return <WindDownDialog connection={open.connection} resumeRunId={open.resumeRunId} />;
    case 'flatten':
      return <FlattenDialog />;
    case 'settings':
      return <SettingsDialog />;
    case 'activity':
      return <ActivityDialog />;
  }
}
