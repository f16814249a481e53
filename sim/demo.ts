import type { BrokerKind } from '../shared/brokers';
import { demoData } from './alpaca/demoData';
import { withManyAccounts } from './alpaca/manyAccounts';
import { startAlpacaSim } from './alpaca/server';
import { startClearStreetSim } from './clearstreet/server';
import { startExnessSim } from './exness/server';
import { startScaleTradeSim } from './scaletrade/server';

/** What a Closeout connection needs to reach one simulator: simulator credentials, generated per run. */
export interface DemoBroker {
  connectionName: string;
  broker: BrokerKind;
  baseUrl: string;
  keyId?: string;
  login?: number;
  secret: string;
}

export interface DemoBrokerOptions {
  fillDelayMs?: number | undefined;
  /** Port of the first simulator; each further one takes the next port. 0 (default) picks free ports. */
  port?: number | undefined;
  /** How many accounts the Alpaca simulator holds: the demo book's eight, then empty ones up to this count. */
  alpacaAccounts?: number | undefined;
}

interface RunningDemoBroker {
  broker: DemoBroker;
  close(): Promise<void>;
}

type DemoBrokerStarter = (options: { fillDelayMs?: number | undefined; port: number; alpacaAccounts?: number | undefined }) => Promise<RunningDemoBroker>;

const startAlpacaDemo: DemoBrokerStarter = async ({ fillDelayMs, port, alpacaAccounts }) => {
  const data = alpacaAccounts === undefined ? demoData() : withManyAccounts(demoData(), alpacaAccounts);
  const sim = await startAlpacaSim({ port, data, fillDelayMs });
  return {
    broker: { connectionName: 'Alpaca demo', broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret },
    close: () => sim.close(),
  };
};

const startExnessDemo: DemoBrokerStarter = async ({ port }) => {
  const sim = await startExnessSim({ port });
  return {
    broker: { connectionName: 'Exness demo', broker: 'exness', baseUrl: sim.url, secret: sim.secret },
    close: () => sim.close(),
  };
};

const startScaleTradeDemo: DemoBrokerStarter = async ({ fillDelayMs, port }) => {
  const sim = await startScaleTradeSim({ port, fillDelayMs });
  return {
    broker: { connectionName: 'ScaleTrade demo', broker: 'scaletrade', baseUrl: sim.url, login: sim.login, secret: sim.password },
    close: () => sim.close(),
  };
};

const startClearStreetDemo: DemoBrokerStarter = async ({ fillDelayMs, port }) => {
  const sim = await startClearStreetSim({ port, fillDelayMs });
  return {
    broker: { connectionName: 'Clear Street demo', broker: 'clearstreet', baseUrl: sim.url, secret: sim.apiKey },
    close: () => sim.close(),
  };
};

/** One line per simulated broker. */
const DEMO_BROKERS: readonly DemoBrokerStarter[] = [startAlpacaDemo, startClearStreetDemo, startExnessDemo, startScaleTradeDemo];

/** Starts every demo simulator with its demo book and fresh credentials; close() stops them all. */
export async function startDemoBrokers(options: DemoBrokerOptions = {}): Promise<{ brokers: DemoBroker[]; close(): Promise<void> }> {
  const running: RunningDemoBroker[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(running.map((entry) => entry.close()));
  };
  try {
    for (const [index, start] of DEMO_BROKERS.entries()) {
      const port = options.port === undefined || options.port === 0 ? 0 : options.port + index;
      running.push(
        await start({
          port,
          fillDelayMs: options.fillDelayMs,
          alpacaAccounts: options.alpacaAccounts,
        }),
      );
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return { brokers: running.map((entry) => entry.broker), close: closeAll };
}
