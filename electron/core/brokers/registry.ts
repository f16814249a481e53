import type { BrokerKind } from '../../../shared/brokers';
import { createAlpacaAdapter } from './alpaca/adapter';
import type { AdapterFactory } from './broker';
import { createClearStreetAdapter } from './clearstreet/adapter';
import { createExnessAdapter } from './exness/adapter';
import { createScaleTradeAdapter } from './scaletrade/adapter';

/** The brokers Closeout can connect to; a kind without a factory is refused when a connection is added. */
export const adapterFactories: Partial<Record<BrokerKind, AdapterFactory>> = {
  alpaca: createAlpacaAdapter,
  clearstreet: createClearStreetAdapter,
  exness: createExnessAdapter,
  scaletrade: createScaleTradeAdapter,
};
