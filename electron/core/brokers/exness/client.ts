import { z } from 'zod';
import { transportFailure, unreadableAnswer, type AnswerDetails, type BrokerCall, type DestructiveAction } from '../brokerErrors';
import { checkShape, mapValues, parseJsonBody } from '../answerReading';
import { HttpTransportError, httpRequest, type HttpResponse } from '../http';
import { errorFromResponse, requestIdOf, type RefusalRule } from './errors';
import { parseKeepingNumberText } from '../numberTextJson';
import { listAnswerSchema } from './schemas';

export const EXNESS_NAME = 'Exness';

export interface ExnessCall {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Absent for reads. */
  action?: DestructiveAction;
  /** The sentence a 404 becomes, naming what was not found. */
  notFound: string;
  refusal?: RefusalRule;
}

export interface ExnessAnswer {
  response: HttpResponse;
  requestId: string | null;
  call: BrokerCall;
}

export interface ExnessClient {
  /** Resolves with any 2xx answer; everything else is thrown as AppError. */
  send(call: ExnessCall): Promise<ExnessAnswer>;
  /** Reads a 2xx answer, numbers kept as text, with a schema; a shape Closeout cannot read is thrown as AppError. */
  read<S extends z.ZodType>(answer: ExnessAnswer, schema: S): z.output<S>;
  /** Reads `{"message": [...]}` or `{"message": "<the array as JSON>"}` into items of the given schema. */
  readList<S extends z.ZodType>(answer: ExnessAnswer, itemSchema: S): Array<z.output<S>>;
}

export interface ExnessClientOptions {
  baseUrl: string;
  bearer: string;
  tokenExpiresAt: Date | null;
  /** Why the token's expiry could not be read, to say so when the platform refuses it. */
  tokenExpiryUnread: string | null;
  timeoutMs: number;
}

export function answerDetails(answer: ExnessAnswer): AnswerDetails {
  return { httpStatus: answer.response.status, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
}

function check<S extends z.ZodType>(answer: ExnessAnswer, value: unknown, schema: S, prefix: string[]): z.output<S> {
  return checkShape(answer.call, answerDetails(answer), value, schema, prefix);
}

/**
 * Bearer JWT over the broker HTTP client; the token and the Authorization header never leave this closure. What the
 * platform echoes of them is scrubbed where the connection registry hands the adapter out (redactingAdapter.ts).
 */
export function createExnessClient(options: ExnessClientOptions): ExnessClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Bearer ${options.bearer}`;

  const read = <S extends z.ZodType>(answer: ExnessAnswer, schema: S): z.output<S> => {
    const body = parseJsonBody(answer.call, answerDetails(answer), () => parseKeepingNumberText(answer.response.text));
    return check(answer, body, schema, []);
  };

  return {
    async send(call) {
      const brokerCall: BrokerCall = { broker: 'exness', brokerName: EXNESS_NAME, ...(call.action ? { action: call.action } : {}) };
      let response: HttpResponse;
      try {
        response = await httpRequest({
          method: call.method,
          url: `${base}${call.path}`,
          headers: { authorization },
          ...(call.body !== undefined ? { body: call.body } : {}),
          timeoutMs: options.timeoutMs,
          freshConnection: call.action !== undefined,
        });
      } catch (error) {
        if (error instanceof HttpTransportError) throw transportFailure(brokerCall, error);
        throw error;
      }
      if (response.status < 200 || response.status > 299) {
        throw errorFromResponse(brokerCall, response, {
          notFound: call.notFound,
          ...(call.refusal ? { refusal: call.refusal } : {}),
          tokenExpiresAt: options.tokenExpiresAt,
          tokenExpiryUnread: options.tokenExpiryUnread,
        });
      }
      return { response, requestId: requestIdOf(response) ?? null, call: brokerCall };
    },

    read,

    readList(answer, itemSchema) {
      const { message } = read(answer, listAnswerSchema);
      let items: unknown = message;
      if (typeof message === 'string') {
        try {
          items = parseKeepingNumberText(message);
        } catch {
          throw unreadableAnswer(answer.call, answerDetails(answer), 'message is text that is not a JSON list');
        }
      }
      return check(answer, items, z.array(itemSchema), ['message']);
    },
  };
}

/** Runs a mapping of a 2xx answer; a value the mapping refuses (a number that is not one) becomes a readable AppError. */
export function mapAnswer<T>(answer: ExnessAnswer, map: () => T): T {
  return mapValues(answer.call, answerDetails(answer), map);
}
