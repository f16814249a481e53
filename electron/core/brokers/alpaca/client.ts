import type { z } from 'zod';
import { transportFailure, type AnswerDetails, type BrokerCall, type DestructiveAction } from '../brokerErrors';
import { checkShape, mapValues, parseJsonBody } from '../answerReading';
import { HttpTransportError, httpRequest, type HttpResponse } from '../http';
import { errorFromResponse, requestIdOf } from './errors';

export const ALPACA_NAME = 'Alpaca';

export interface AlpacaCall {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path segments are encoded by the caller. */
  path: string;
  query?: Record<string, string | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Absent for reads. */
  action?: DestructiveAction;
  /** The sentence a 404 becomes, naming what was not found. */
  notFound: string;
}

export interface AlpacaAnswer {
  response: HttpResponse;
  requestId: string | null;
  call: BrokerCall;
}

export interface AlpacaClient {
  /** Resolves with any 2xx answer; everything else is thrown as AppError. */
  send(call: AlpacaCall): Promise<AlpacaAnswer>;
  /** Reads a 2xx answer's JSON with a schema; a shape Closeout cannot read is thrown as AppError. */
  read<S extends z.ZodType>(answer: AlpacaAnswer, schema: S): z.output<S>;
  /** Parses a 2xx answer's JSON and leaves its shape to the caller's row readers (rowFields.ts). */
  readJson(answer: AlpacaAnswer): unknown;
}

export interface AlpacaClientOptions {
  baseUrl: string;
  keyId: string;
  secret: string;
  timeoutMs: number;
}

/**
 * HTTP Basic over the broker HTTP client; the secret and the Authorization header never leave this closure. What
 * Alpaca echoes of them is scrubbed where the connection registry hands the adapter out (redactingAdapter.ts).
 */
export function createAlpacaClient(options: AlpacaClientOptions): AlpacaClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.keyId}:${options.secret}`, 'utf8').toString('base64')}`;

  return {
    async send(call) {
      const brokerCall: BrokerCall = { broker: 'alpaca', brokerName: ALPACA_NAME, ...(call.action ? { action: call.action } : {}) };
      let response: HttpResponse;
      try {
        response = await httpRequest({
          method: call.method,
          url: `${base}${call.path}`,
          headers: { authorization },
          ...(call.query ? { query: call.query } : {}),
          ...(call.body !== undefined ? { body: call.body } : {}),
          timeoutMs: options.timeoutMs,
          freshConnection: call.action !== undefined,
        });
      } catch (error) {
        if (error instanceof HttpTransportError) throw transportFailure(brokerCall, error);
        throw error;
      }
      if (response.status < 200 || response.status > 299) throw errorFromResponse(brokerCall, response, call.notFound);
      return { response, requestId: requestIdOf(response) ?? null, call: brokerCall };
    },

    read(answer, schema) {
      const details = detailsOf(answer);
      return checkShape(answer.call, details, parseJsonBody(answer.call, details, () => answer.response.json()), schema);
    },

    readJson(answer) {
      return parseJsonBody(answer.call, detailsOf(answer), () => answer.response.json());
    },
  };
}

/** Runs a mapping of a 2xx answer; a value the mapping refuses (a decimal that is not one) becomes a readable AppError. */
export function mapAnswer<T>(answer: AlpacaAnswer, map: () => T): T {
  return mapValues(answer.call, detailsOf(answer), map);
}

function detailsOf(answer: AlpacaAnswer): AnswerDetails {
  return { httpStatus: answer.response.status, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
}

export function segment(value: string): string {
  return encodeURIComponent(value);
}
