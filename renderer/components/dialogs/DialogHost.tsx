import { Component, Suspense, type ReactNode } from 'react';
import { useOpenDialog, type DialogRequest } from '../../state/dialogs';
import {
  ActivityDialog,
  CancelAllOrdersDialog,
  CancelOrderDialog,
  CancelSelectedDialog,
  CancelThenCloseDialog,
  CloseAccountDialog,
  CloseAllDialog,
  CloseSelectedDialog,
  ClosePositionDialog,
  FlattenDialog,
  SettingsDialog,
  ShortcutsDialog,
  WindDownDialog,
} from './dialogChunks';
import { DialogLoadFailed, DialogLoading } from './DialogLoading';

function dialogFor(open: DialogRequest): ReactNode {
  switch (open.kind) {
    case 'closePosition':
      return <ClosePositionDialog.Component target={open.target} positionId={open.positionId} initialMode={open.mode} />;
    case 'cancelThenClose':
      return <CancelThenCloseDialog.Component target={open.target} positionId={open.positionId} />;
    case 'closeAll':
      return <CloseAllDialog.Component target={open.target} />;
    case 'closeSelected':
      return <CloseSelectedDialog.Component target={open.target} />;
    case 'cancelSelected':
      return <CancelSelectedDialog.Component target={open.target} />;
    case 'shortcuts':
      return <ShortcutsDialog.Component />;
    case 'cancelOrder':
      return <CancelOrderDialog.Component target={open.target} orderId={open.orderId} />;
    case 'cancelAllOrders':
      return <CancelAllOrdersDialog.Component target={open.target} />;
    case 'closeAccount':
      return <CloseAccountDialog.Component target={open.target} />;
    case 'windDown':
      return <WindDownDialog.Component connection={open.connection} resumeRunId={open.resumeRunId} />;
    case 'flatten':
      return <FlattenDialog.Component />;
    case 'settings':
      return <SettingsDialog.Component />;
    case 'activity':
      return <ActivityDialog.Component />;
  }
}

/** A dialog that could not be shown (its chunk failed to load, or it threw) says why instead of taking the app down. */
class LoadFailure extends Component<{ children: ReactNode }, { message: string | null }> {
  override state: { message: string | null } = { message: null };

  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    return this.state.message === null ? this.props.children : <DialogLoadFailed message={this.state.message} />;
  }
}

/** Renders the one open dialog; each mounts fresh, so no state leaks from one close to the next. */
export function DialogHost() {
  const open = useOpenDialog();
  if (!open) return null;
  return (
    <LoadFailure key={open.kind}>
      <Suspense fallback={<DialogLoading />}>{dialogFor(open)}</Suspense>
    </LoadFailure>
  );
}
