import type { BrokerKind } from './brokers';

export const ERROR_CODES = [
  'validation',
  'credentials_refused',
  'credentials_missing',
  'keychain_unavailable',
  'not_found',
  'broker_rejected',
  'rate_limited',
  'network',
  'outcome_unknown',
  'in_flight',
  'precondition_failed',
  'unsupported',
  'connection_exists',
  /** The journal in the data folder could not be written (disk full, read-only folder): nothing was sent. */
  'storage_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What the caller may assume about a destructive request that failed:
 * not_sent: nothing reached the broker; rejected: the broker answered no; unknown: it may have happened.
 */
export type ActionOutcome = 'not_sent' | 'rejected' | 'unknown';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  outcome?: ActionOutcome;
  broker?: BrokerKind;
  brokerCode?: string;
  requestId?: string;
  httpStatus?: number;
  field?: string;
  /** For rate_limited: how long the broker asked us to wait before the next call. */
  retryAfterMs?: number;
  /** The destructive action this error belongs to, so a later push settling it can be matched. */
  actionId?: string;
}

/** Codes worth retrying automatically for reads; destructive actions are never retried automatically. */
const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set(['rate_limited', 'network']);

export function isRetryableCode(code: ErrorCode): boolean {
  return RETRYABLE_CODES.has(code);
}

export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly outcome?: ActionOutcome;
  readonly broker?: BrokerKind;
  readonly brokerCode?: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly field?: string;
  readonly retryAfterMs?: number;
  readonly actionId?: string;

  constructor(shape: Omit<AppErrorShape, 'retryable'> & { retryable?: boolean }) {
    super(shape.message);
    this.name = 'AppError';
    this.code = shape.code;
    this.retryable = shape.retryable ?? isRetryableCode(shape.code);
    if (shape.outcome !== undefined) this.outcome = shape.outcome;
    if (shape.broker !== undefined) this.broker = shape.broker;
    if (shape.brokerCode !== undefined) this.brokerCode = shape.brokerCode;
    if (shape.requestId !== undefined) this.requestId = shape.requestId;
    if (shape.httpStatus !== undefined) this.httpStatus = shape.httpStatus;
    if (shape.field !== undefined) this.field = shape.field;
    if (shape.retryAfterMs !== undefined) this.retryAfterMs = shape.retryAfterMs;
    if (shape.actionId !== undefined) this.actionId = shape.actionId;
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.outcome !== undefined) shape.outcome = this.outcome;
    if (this.broker !== undefined) shape.broker = this.broker;
    if (this.brokerCode !== undefined) shape.brokerCode = this.brokerCode;
    if (this.requestId !== undefined) shape.requestId = this.requestId;
    if (this.httpStatus !== undefined) shape.httpStatus = this.httpStatus;
    if (this.field !== undefined) shape.field = this.field;
    if (this.retryAfterMs !== undefined) shape.retryAfterMs = this.retryAfterMs;
    if (this.actionId !== undefined) shape.actionId = this.actionId;
    return shape;
  }

  static from(shape: AppErrorShape): AppError {
    return new AppError(shape);
  }
}

export function validationError(field: string, rule: string): AppError {
  return new AppError({ code: 'validation', field, message: `${field} ${rule}`, outcome: 'not_sent' });
}

/** One line for a person: the message, then the broker's code and request id when there are any. */
export function describeError(error: AppErrorShape): string {
  const details: string[] = [];
  if (error.brokerCode) details.push(`broker code ${error.brokerCode}`);
  if (error.requestId) details.push(`request id ${error.requestId}`);
  return details.length > 0 ? `${error.message} (${details.join(', ')})` : error.message;
}
