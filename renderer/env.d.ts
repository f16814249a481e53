import type { CloseoutBridge } from '../shared/bridge';

declare global {
  interface Window {
    closeout: CloseoutBridge;
  }
}
