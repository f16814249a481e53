// The demo: the simulated brokers started in-process, each offered as a ready connection. The only module of the app
// that imports sim/; bootstrap.ts loads it with a dynamic import in demo mode only, and the build bundles it apart
// (dist/electron/demoWiring.cjs, left out of the packaged app), so the simulators never ship in the product.
import { startDemoBrokers } from '../sim/demo';
import type { DemoConnection } from './core/connectionRegistry';

export interface DemoWiring {
  connections: DemoConnection[];
  close(): Promise<void>;
}

export async function startDemoWiring(): Promise<DemoWiring> {
  const demo = await startDemoBrokers();
  const connections = demo.brokers.map((broker) => ({
    profile: {
      name: broker.connectionName,
      broker: broker.broker,
      baseUrl: broker.baseUrl,
      createdAt: new Date().toISOString(),
      ...(broker.keyId !== undefined ? { keyId: broker.keyId } : {}),
      ...(broker.login !== undefined ? { login: broker.login } : {}),
    },
    secret: broker.secret,
  }));
  return { connections, close: () => demo.close() };
}
