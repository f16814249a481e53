import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { Call } from './client';
import { addConnectionMutation, oneShotAddRequest } from './connections';

const SECRET = 'sk-live-do-not-keep-9f3a';
const REQUEST = { name: 'Alpaca paper', broker: 'alpaca', baseUrl: 'https://paper-api.alpaca.markets', keyId: 'PK123', secret: SECRET } as const;

function answering(answer: (request: unknown) => Promise<unknown>): { call: Call; seen: unknown[] } {
  const seen: unknown[] = [];
  const call = ((_channel: string, request: unknown) => {
    seen.push(request);
    return answer(request);
  }) as Call;
  return { call, seen };
}

const cacheText = (client: QueryClient) => JSON.stringify(client.getMutationCache().getAll().map((mutation) => mutation.state));

describe('addConnectionMutation', () => {
  it('sends the secret to the main process once and leaves none in the mutation cache once it answers', async () => {
    const client = new QueryClient();
    const { call, seen } = answering(async () => ({ name: REQUEST.name, broker: 'alpaca' }));
    const observer = new MutationObserver(client, addConnectionMutation(client, call));
    await observer.mutate(oneShotAddRequest({ ...REQUEST }));
    expect(seen).toEqual([REQUEST]);
    expect(client.getMutationCache().getAll().length).toBeGreaterThan(0);
    expect(cacheText(client)).not.toContain(SECRET);
  });

  it('leaves no secret in the mutation cache when the main process refuses it', async () => {
    const client = new QueryClient();
    const { call } = answering(() => Promise.reject(new AppError({ code: 'credentials_refused', message: 'refused' })));
    const observer = new MutationObserver(client, addConnectionMutation(client, call));
    await expect(observer.mutate(oneShotAddRequest({ ...REQUEST }))).rejects.toMatchObject({ code: 'credentials_refused' });
    expect(cacheText(client)).not.toContain(SECRET);
  });

  it('refuses to send the same envelope twice', async () => {
    const client = new QueryClient();
    const { call, seen } = answering(async () => ({}));
    const envelope = oneShotAddRequest({ ...REQUEST });
    await new MutationObserver(client, addConnectionMutation(client, call)).mutate(envelope);
    await expect(new MutationObserver(client, addConnectionMutation(client, call)).mutate(envelope)).rejects.toMatchObject({ code: 'internal' });
    expect(seen).toHaveLength(1);
  });
});
