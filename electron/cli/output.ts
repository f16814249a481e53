import { describeError, type AppErrorShape } from '../../shared/errors';
import type { Topic } from './args';
import type { CommandResult } from './context';
import { EXIT } from './exitCodes';
import { printable } from './table';
import { usageHint } from './usage';

export interface OutputStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

// Validation errors name the request field; a person typed a flag, so the flag is named too.
const FLAG_OF_FIELD: Record<string, string> = {
  name: 'NAME',
  connection: 'NAME',
  broker: '--broker',
  baseUrl: '--base-url',
  keyId: '--key-id',
  login: '--login',
  search: '--search',
  accountId: '--account',
  positionId: '--position',
  orderId: '--order',
  amount: '--qty or --percent',
  quantity: '--qty',
  'amount.quantity': '--qty',
  percent: '--percent',
  'amount.percent': '--percent',
  cancelOrders: '--cancel-orders',
};

/** --json: exactly one JSON document on stdout, whatever happened, so a script reads one stream. */
export function writeResult(streams: OutputStreams, json: boolean, result: CommandResult): void {
  if (json) streams.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`);
  else streams.stdout.write(`${result.human}\n`);
}

export function writeError(streams: OutputStreams, json: boolean, error: AppErrorShape, exitCode: number): void {
  if (json) {
    streams.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
    return;
  }
  const flag = error.code === 'validation' && error.field ? FLAG_OF_FIELD[error.field] : undefined;
  const text = `${describeError(error)}${flag ? ` (${flag})` : ''}`;
  if (exitCode === EXIT.unknown) {
    streams.stderr.write(`closeout: outcome unknown: ${printable(text)}\nThe broker may or may not have acted: check positions and orders before you retry.\n`);
  } else {
    streams.stderr.write(`closeout: ${printable(text)}\n`);
  }
}

export function writeUsageError(streams: OutputStreams, json: boolean, message: string, topic: Topic | null, field: string | undefined): void {
  if (json) {
    const error: AppErrorShape = { code: 'validation', message, retryable: false, outcome: 'not_sent', ...(field ? { field } : {}) };
    streams.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
    return;
  }
  streams.stderr.write(`closeout: ${printable(message)}\n${usageHint(topic)}\n`);
}
