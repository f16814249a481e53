import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { AppError } from '../../../shared/errors';

// What every adapter test needs beside its simulator.

/** The AppError a call rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The newest request the simulator recorded. */
export function lastRequest<Request>(sim: { requests: readonly Request[] }): Request {
  const request = sim.requests.at(-1);
  if (!request) throw new Error('the simulator saw no request');
  return request;
}

/** A loopback URL nothing listens on: a port that was just free, so a connection to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
