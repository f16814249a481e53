import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { unreadableAnswer, type AnswerDetails, type BrokerCall } from './brokerErrors';

// Every adapter reads a 2xx answer the same way: JSON text, then a zod shape, then a mapping into domain types.
// Whatever goes wrong on the way is the broker's answer being unreadable, never a crash.

export function parseJsonBody(call: BrokerCall, details: AnswerDetails, parse: () => unknown): unknown {
  try {
    return parse();
  } catch {
    throw unreadableAnswer(call, details, 'the body is not JSON');
  }
}

export function checkShape<S extends z.ZodType>(call: BrokerCall, details: AnswerDetails, value: unknown, schema: S, prefix: readonly string[] = []): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [...prefix, ...(issue?.path ?? []).map(String)];
  const where = path.length > 0 ? path.join('.') : 'the body';
  throw unreadableAnswer(call, details, `${where}: ${issue?.message ?? 'unexpected shape'}`);
}

/** Runs a mapping of a checked answer; a value the mapping refuses (a decimal that is not one) becomes a readable AppError. */
export function mapValues<T>(call: BrokerCall, details: AnswerDetails, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadableAnswer(call, details, error instanceof Error ? error.message : 'unexpected value');
  }
}
