import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../shared/bridge';
import { INVOKE_CHANNEL, pushChannel } from './ipcChannels';

contextBridge.exposeInMainWorld(
  'closeout',
  createBridge(
    (channel, request) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, request),
    (event, listener) => {
      const channel = pushChannel(event);
      const handler = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => {
        ipcRenderer.removeListener(channel, handler);
      };
    },
  ),
);
