import { describe, expect, it } from 'vitest';
import { startDemoBrokers } from './demo';

describe('startDemoBrokers', () => {
  it('starts every demo broker, the Alpaca one with working credentials and its demo book', async () => {
    const demo = await startDemoBrokers({ fillDelayMs: 0 });
    try {
      expect(demo.brokers.map((broker) => [broker.connectionName, broker.broker])).toEqual([
        ['Alpaca demo', 'alpaca'],
        ['Clear Street demo', 'clearstreet'],
        ['Exness demo', 'exness'],
        ['ScaleTrade demo', 'scaletrade'],
      ]);
      const alpaca = demo.brokers[0];
      if (alpaca === undefined) throw new Error('no alpaca demo broker');
      const response = await fetch(`${alpaca.baseUrl}/v1/accounts`, {
        headers: { authorization: `Basic ${Buffer.from(`${alpaca.keyId}:${alpaca.secret}`).toString('base64')}` },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as unknown[]).length).toBe(8);
    } finally {
      await demo.close();
    }
  });

  it('stops answering after close', async () => {
    const demo = await startDemoBrokers();
    const url = demo.brokers[0]?.baseUrl ?? '';
    await demo.close();
    await expect(fetch(`${url}/v1/accounts`)).rejects.toThrow();
  });
});
