import type { Channel, Envelope, ParsedRequestOf, ResponseOf } from '../../shared/contract';

// The two shapes of the core's entry, apart from the service and the dispatcher that make them, so code that only
// calls the core (the wind-down runner, the IPC and web bridges, the CLI) depends on neither.

/** One handler per contract channel, given a request its schema has already parsed. */
export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

/** The untrusted entry: any channel name and payload in, always an envelope out. */
export type Dispatch = (channel: unknown, payload: unknown) => Promise<Envelope<unknown>>;
