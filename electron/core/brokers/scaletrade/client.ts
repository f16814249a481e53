import type { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import { transportFailure, type BrokerCall, type DestructiveAction } from '../brokerErrors';
import { checkShape, mapValues, parseJsonBody } from '../answerReading';
import { redactError } from '../redactingAdapter';
import { HttpTransportError, httpRequest, type HttpResponse } from '../http';
import { errorFromResponse, notSent, SCALETRADE_NAME } from './errors';
import { parseKeepingNumberText } from '../numberTextJson';
import type { ScaleTradeSession } from './session';

export interface ScaleTradeCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** JSON-encoded on any method: GET /trades takes its query as a body. */
  body?: unknown;
  /** Absent for reads. */
  action?: DestructiveAction;
  /** The sentence a 404 becomes, naming what was not found. */
  notFound: string;
}

export interface ScaleTradeAnswer {
  response: HttpResponse;
  call: BrokerCall;
}

export interface ScaleTradeClient {
  /**
   * Sends with the session's token and resolves with any 2xx answer; everything else is thrown as AppError. A read
   * refused with 401 signs in again once and is sent once more; a destructive call is never sent twice.
   */
  send(call: ScaleTradeCall): Promise<ScaleTradeAnswer>;
  /** Reads a 2xx answer with numbers kept exact and checks it with a schema; a shape Closeout cannot read is thrown as AppError. */
  read<S extends z.ZodType>(answer: ScaleTradeAnswer, schema: S): z.output<S>;
}

export interface ScaleTradeClientOptions {
  baseUrl: string;
  timeoutMs: number;
  session: ScaleTradeSession;
  now: () => number;
}

export function createScaleTradeClient(options: ScaleTradeClientOptions): ScaleTradeClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const { session } = options;

  async function tokenFor(call: BrokerCall): Promise<string> {
    try {
      return await session.token();
    } catch (error) {
      if (error instanceof AppError && call.action) throw notSent(error, call.action);
      throw error;
    }
  }

  async function exchange(call: ScaleTradeCall, brokerCall: BrokerCall, token: string): Promise<HttpResponse> {
    try {
      return await httpRequest({
        method: call.method,
        url: `${base}${call.path}`,
        // ScaleTrade wants the bare token: no "Bearer " prefix.
        headers: { authorization: token },
        ...(call.body !== undefined ? { body: call.body } : {}),
        timeoutMs: options.timeoutMs,
        freshConnection: call.action !== undefined,
      });
    } catch (error) {
      if (error instanceof HttpTransportError) throw transportFailure(brokerCall, error);
      throw error;
    }
  }

  return {
    async send(call) {
      const brokerCall: BrokerCall = { broker: 'scaletrade', brokerName: SCALETRADE_NAME, ...(call.action ? { action: call.action } : {}) };
      let token = await tokenFor(brokerCall);
      let response = await exchange(call, brokerCall, token);
      if (response.status === 401) {
        session.invalidate(token);
        if (!call.action) {
          token = await tokenFor(brokerCall);
          response = await exchange(call, brokerCall, token);
          if (response.status === 401) session.invalidate(token);
        }
      }
      if (response.status < 200 || response.status > 299) {
        // The session's tokens are known only here; the connection's password is scrubbed at the adapter boundary.
        throw redactError(errorFromResponse(brokerCall, response, { method: call.method, path: call.path, notFound: call.notFound }, options.now()), session.redact);
      }
      return { response, call: brokerCall };
    },

    read(answer, schema) {
      const details = { httpStatus: answer.response.status };
      return checkShape(answer.call, details, parseJsonBody(answer.call, details, () => parseKeepingNumberText(answer.response.text)), schema);
    },
  };
}

/** Runs a mapping of a 2xx answer; a value the mapping refuses becomes a readable AppError naming the problem. */
export function mapAnswer<T>(answer: ScaleTradeAnswer, map: () => T): T {
  return mapValues(answer.call, { httpStatus: answer.response.status }, map);
}
