// Bundled into the init script of the bench page, before probes.ts gives it its transport: the same createBridge the
// preload uses, so the renderer under test cannot tell it from the window's. (The e2e suite and `closeout ui` use the
// web bridge instead; the bench keeps its own transport so probes.ts can time each answer as it becomes a value.)
import { createBridge } from '../../shared/bridge';
import type { PushEvent } from '../../shared/contract';

type Listener = (payload: unknown) => void;

interface HarnessWindow {
  __closeoutInvoke(channel: string, request: unknown): Promise<unknown>;
  __closeoutPush(event: PushEvent, payload: unknown): void;
  closeout: ReturnType<typeof createBridge>;
}

const listeners = new Map<PushEvent, Set<Listener>>();
const harnessWindow = window as unknown as HarnessWindow;

harnessWindow.__closeoutPush = (event, payload) => {
  for (const listener of listeners.get(event) ?? []) listener(payload);
};

harnessWindow.closeout = createBridge(
  (channel, request) => harnessWindow.__closeoutInvoke(channel, request),
  (event, listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  },
);
