import type { AppError } from '../../../../shared/errors';
import {
  brokerRejected,
  credentialsRefused,
  notFound,
  rateLimited,
  serverFailure,
  type AnswerDetails,
  type BrokerCall,
} from '../brokerErrors';
import type { HttpResponse } from '../http';
import { errorBodySchema } from './schemas';

export const REQUEST_ID_HEADER = 'x-request-id';
const RATE_LIMIT_RESET_HEADER = 'x-ratelimit-reset';

export interface AlpacaErrorBody {
  brokerCode?: string;
  message?: string;
}

/** Alpaca's `{code, message}`, or a bare JSON string (its 403 "Forbidden"), or nothing readable. */
export function readErrorBody(body: unknown): AlpacaErrorBody {
  if (typeof body === 'string' && body.trim() !== '') return { message: body.trim() };
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return {};
  const { code, message } = parsed.data;
  const words = message?.trim() ?? '';
  const held = heldQuantities(parsed.data);
  const text = words !== '' && held !== '' ? `${words} (${held})` : words;
  return {
    ...(code !== undefined ? { brokerCode: String(code) } : {}),
    ...(text !== '' ? { message: text } : {}),
  };
}

/** "1000 held for orders of 1000, 0 available": why an insufficient-qty refusal refused, kept in what a person reads. */
function heldQuantities(body: { existing_qty?: string | undefined; held_for_orders?: string | undefined; available?: string | undefined }): string {
  const parts: string[] = [];
  if (body.held_for_orders !== undefined) parts.push(`${body.held_for_orders} held for orders${body.existing_qty !== undefined ? ` of ${body.existing_qty}` : ''}`);
  else if (body.existing_qty !== undefined) parts.push(`${body.existing_qty} held`);
  if (body.available !== undefined) parts.push(`${body.available} available`);
  return parts.join(', ');
}

export function requestIdOf(response: HttpResponse): string | undefined {
  return response.headers[REQUEST_ID_HEADER] || undefined;
}

/**
 * Turns a non-2xx answer into the AppError a person reads. Only 401 means bad credentials at Alpaca: a 403 is a trading
 * refusal (40310000 "insufficient qty available"), reported with the broker's own words like a 422.
 */
export function errorFromResponse(call: BrokerCall, response: HttpResponse, notFoundMessage: string): AppError {
  const body = readErrorBody(safeJson(response));
  const requestId = requestIdOf(response);
  const details: AnswerDetails = {
    httpStatus: response.status,
    ...(body.brokerCode !== undefined ? { brokerCode: body.brokerCode } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
  };
  const status = response.status;
  if (status === 401) {
    // The broker's own words follow, so a person can tell a wrong key from one Alpaca has disabled.
    const said = body.message ? ` Alpaca said: "${body.message}".` : '';
    return credentialsRefused(call, details, `Alpaca refused the credentials (key id or secret is wrong or revoked).${said}`);
  }
  if (status === 404) return notFound(call, details, notFoundMessage);
  if (status === 429) return rateLimited(call, details, resetTime(response.headers[RATE_LIMIT_RESET_HEADER]));
  if (status >= 400 && status < 500) {
    return brokerRejected(call, details, body.message ?? `HTTP ${status} without an explanation`);
  }
  return serverFailure(call, details);
}

function safeJson(response: HttpResponse): unknown {
  try {
    return response.json();
  } catch {
    return undefined;
  }
}

/** x-ratelimit-reset is a Unix time in seconds. */
function resetTime(header: string | undefined): Date | null {
  if (!header || !/^\d+$/.test(header.trim())) return null;
  return new Date(Number(header.trim()) * 1000);
}
