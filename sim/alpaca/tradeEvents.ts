import type { ServerResponse } from 'node:http';
import { cloneOrder } from './orders';
import type { AlpacaOrder } from './types';

export type TradeEventType = 'new' | 'fill' | 'partial_fill' | 'canceled' | 'rejected';

/** Alpaca's TradeUpdateEvent, as GET /v1/events/trades streams it. */
export interface TradeUpdateEvent {
  account_id: string;
  at: string;
  event: TradeEventType;
  event_id: number;
  execution_id: string;
  order: AlpacaOrder;
  timestamp: string;
}

type Listener = (event: TradeUpdateEvent) => void;

/**
 * Every order change the simulator makes, numbered as Alpaca numbers them (event_id, increasing), kept so a stream
 * opened with since_id replays what it missed, and handed to every open stream as it happens.
 */
export class TradeEventLog {
  readonly events: TradeUpdateEvent[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(private readonly newId: () => string) {}

  record(accountId: string, event: TradeEventType, order: AlpacaOrder, now: string): void {
    const recorded: TradeUpdateEvent = {
      account_id: accountId,
      at: now,
      event,
      event_id: this.events.length + 1,
      execution_id: this.newId(),
      order: cloneOrder(order),
      timestamp: now,
    };
    this.events.push(recorded);
    for (const listener of this.listeners) listener(recorded);
  }

  /** Streams as server-sent events: with `sinceId`, every kept event from that id on first; then each as it happens. */
  stream(response: ServerResponse, sinceId: number | null, headers: Record<string, string>): void {
    response.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send: Listener = (event) => response.write(`data: ${JSON.stringify(event)}\n\n`);
    if (sinceId !== null) for (const event of this.events.filter((kept) => kept.event_id >= sinceId)) send(event);
    // A comment line at once, so a client knows the stream is open before anything happens.
    response.write(': connected\n\n');
    this.listeners.add(send);
    response.on('close', () => this.listeners.delete(send));
  }

  /** Open streams: how a test waits for a client to be listening before it changes anything. */
  get streams(): number {
    return this.listeners.size;
  }
}
