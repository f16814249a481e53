// Electron-level channel names shared by preload.ts and ipc.ts. Contract channels travel inside the one invoke channel,
// so the preload exposes no raw ipcRenderer and the main process has a single place to check every call.
import type { PushEvent } from '../shared/contract';

export const INVOKE_CHANNEL = 'closeout:invoke';

export function pushChannel(event: PushEvent): string {
  return `closeout:push:${event}`;
}
