// Only names from channels.ts at run time: the contract is imported for its types, so its schemas stay out of the preload.
import { isChannelName, isPushEventName } from './channels';
import type { Channel, Envelope, PushEvent, PushEvents, RequestOf, ResponseOf } from './contract';

export type RawInvoke = (channel: Channel, request: unknown) => Promise<unknown>;
export type RawSubscribe = (event: PushEvent, listener: (payload: unknown) => void) => () => void;

/** What the renderer sees as window.closeout, in Electron (preload) and in the e2e harness alike. */
export interface CloseoutBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>>;
  on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}

export function createBridge(invoke: RawInvoke, subscribe: RawSubscribe): CloseoutBridge {
  return Object.freeze({
    invoke<C extends Channel>(channel: C, request: RequestOf<C>) {
      if (!isChannelName(channel)) return Promise.reject(new Error(`Unknown channel ${String(channel)}`));
      return invoke(channel, request) as Promise<Envelope<ResponseOf<C>>>;
    },
    on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void) {
      if (!isPushEventName(event)) throw new Error(`Unknown event ${String(event)}`);
      return subscribe(event, listener as (payload: unknown) => void);
    },
  });
}
