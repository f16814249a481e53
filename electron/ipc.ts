import { ipcMain, type WebContents } from 'electron';
import type { PushEvent, PushEvents } from '../shared/contract';
import type { Dispatch } from './core/handlers';
import { createInvokeHandler } from './ipcHandler';
import { INVOKE_CHANNEL, pushChannel } from './ipcChannels';

export function registerIpc(dispatch: Dispatch, rendererIndexUrl: string): void {
  ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler(dispatch, rendererIndexUrl));
}

export function push<E extends PushEvent>(target: WebContents | undefined, event: E, payload: PushEvents[E]): void {
  if (target && !target.isDestroyed()) target.send(pushChannel(event), payload);
}
