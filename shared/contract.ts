import { z } from 'zod';
import type { ActionReceipt, CancelAllOrdersReceipt, CancelThenCloseReceipt, CloseAllReceipt } from './actions';
import { BASE_URL_RULE, isAllowedBaseUrl } from './baseUrl';
import { BROKER_KINDS } from './brokers';
import { CHANNEL_NAMES, isChannelName, PUSH_EVENT_NAMES, type ChannelName, type PushEventName } from './channels';
import { dec, DECIMAL_PATTERN, MAX_DECIMAL_LENGTH, type DecimalString } from './decimal';
import type { Account, AccountBalances, AccountCloseCheck, CashJournal, ClosedTrade, ConnectionSummary, Order, Position } from './domain';
import type { AuditRecord, AuditVerification } from './audit';
import type { WindDownPlan, WindDownProgress, WindDownReport, WindDownRunSummary } from './windDown';
import type { BulkItemResult, BulkProgress } from './bulk';
import type { FlattenPlan, FlattenReport } from './flatten';
import type { AppErrorShape } from './errors';
import { revisionSchema, type PolledList } from './polledList';

// The one map of every IPC channel: request schema (checked in the main process, the renderer is untrusted input)
// and response type. Changing a channel here is checked by the compiler in the main process and the renderer alike.

export const CONNECTION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export const connectionNameSchema = z
  .string()
  .regex(CONNECTION_NAME_PATTERN, { message: 'must be 1-64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit' });

const identifierSchema = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(128, { message: 'must be at most 128 characters' })
  .regex(/^[A-Za-z0-9._:/-]+$/, { message: 'must contain only letters, digits and . _ : / -' })
  // An id travels as one path segment of a broker request, where "." or ".." would climb to another endpoint.
  .refine((value) => value !== '.' && value !== '..', { message: 'must not be . or ..' });

const baseUrlSchema = z
  .string()
  .max(2048, { message: 'must be at most 2048 characters' })
  .url({ message: 'must be an absolute URL' })
  .refine(isAllowedBaseUrl, { message: BASE_URL_RULE });

const secretSchema = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(4096, { message: 'must be at most 4096 characters' });

export const SWEEP_REFERENCE_PATTERN = /^[A-Za-z0-9._:/-]{1,200}$/;

/** A sweep journal's description: the reference in it is how Closeout finds the journal when its answer never came. */
export function sweepDescription(reference: string): string {
  return `Closeout cash sweep ${reference}`;
}

/** The most accounts one listing may ask for: far above any broker's book, low enough to be a bound. */
export const MAX_ACCOUNT_LIMIT = 10_000_000;

export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const runIdSchema = z.string().regex(RUN_ID_PATTERN, { message: 'must be 1-64 letters, digits, dots, dashes or underscores' });

const accountTarget = { connection: connectionNameSchema, accountId: identifierSchema };

// Here rather than beside the decimal type: the renderer does arithmetic with decimals on first paint but validates
// with zod only in the settings dialog, so the type's module stays free of zod.
const decimalStringSchema = z
  .string()
  .max(MAX_DECIMAL_LENGTH, { message: `must be at most ${MAX_DECIMAL_LENGTH} characters` })
  .regex(DECIMAL_PATTERN, { message: 'must be a plain decimal number such as 12 or 0.5' })
  .transform((value) => value as DecimalString);

// Amounts no position allows are refused here, before any broker call, not only once the position has been read.
const positiveDecimalSchema = decimalStringSchema.refine((value) => dec(value).gt(0), { message: 'must be greater than 0' });

export const closeAmountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('quantity'), quantity: positiveDecimalSchema }).strict(),
  z.object({ kind: z.literal('percent'), percent: positiveDecimalSchema.refine((value) => dec(value).lte(100), { message: 'must be at most 100' }) }).strict(),
]);

export const addConnectionSchema = z
  .object({
    name: connectionNameSchema,
    broker: z.enum(BROKER_KINDS),
    baseUrl: baseUrlSchema,
    keyId: z.string().min(1).max(256).optional(),
    login: z.number().int().positive().max(2 ** 31 - 1).optional(),
    secret: secretSchema,
  })
  .strict();

/** A new address, a firm account (null clears it), or both; tested with one read-only call before either is saved. */
export const editConnectionSchema = z
  .object({ name: connectionNameSchema, baseUrl: baseUrlSchema.optional(), firmAccount: identifierSchema.nullable().optional() })
  .strict()
  .refine((request) => request.baseUrl !== undefined || request.firmAccount !== undefined, { path: ['baseUrl'], message: 'or firmAccount must be given: what to change' });

const empty = z.object({}).strict();

/** The orders a confirmation listed, each once. */
const confirmedOrderIds = z
  .array(identifierSchema)
  .min(1, { message: 'must name at least one order' })
  .max(10_000, { message: 'must name at most 10000 orders' })
  .refine((ids) => new Set(ids).size === ids.length, { message: 'must name each order once' });

/** The most items one bulk run may carry: every row of a 10,000-row account, picked. */
export const MAX_BULK_ITEMS = 10_000;

const bulkItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('close'), ...accountTarget, positionId: identifierSchema }).strict(),
  z.object({ kind: z.literal('cancel'), ...accountTarget, orderId: identifierSchema }).strict(),
]);

export const contract = {
  'app:info': { request: empty, response: {} as { demo: boolean; version: string } },
  'connections:list': { request: empty, response: [] as ConnectionSummary[] },
  'connections:add': { request: addConnectionSchema, response: {} as ConnectionSummary },
  'connections:remove': { request: z.object({ name: connectionNameSchema }).strict(), response: {} as { removed: true } },
  /** One read-only call (the first page of accounts): the summary's health says what it reached, or the broker's refusal is thrown. */
  'connections:test': { request: z.object({ name: connectionNameSchema }).strict(), response: {} as ConnectionSummary },
  /** A new secret, tested before it replaces the old one in the keychain; a refused one changes nothing. */
  'connections:rotate': { request: z.object({ name: connectionNameSchema, secret: secretSchema }).strict(), response: {} as ConnectionSummary },
  /** Another address, tested with the stored secret before it is saved; a failure changes nothing. */
  'connections:edit': { request: editConnectionSchema, response: {} as ConnectionSummary },
  'accounts:list': {
    request: z
      .object({
        connection: connectionNameSchema,
        search: z.string().max(200).optional(),
        /** Reading stops once this many accounts are known (the first ones, oldest first where the broker orders them). */
        maxAccounts: z.number().int().min(1).max(MAX_ACCOUNT_LIMIT).optional(),
      })
      .strict(),
    response: [] as Account[],
  },
  /**
   * accounts:list for a picker: each answer's accounts are pushed as `accounts:page` under the caller's `streamId` as
   * they arrive, so the first thousand of 100,000 show at once; the answer is how many there were in all.
   */
  'accounts:stream': {
    request: z
      .object({ connection: connectionNameSchema, search: z.string().max(200).optional(), streamId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'must be 1-64 letters, digits or dashes' }) })
      .strict(),
    response: {} as { count: number },
  },
  'positions:list': { request: z.object(accountTarget).strict(), response: [] as Position[] },
  'orders:list': { request: z.object(accountTarget).strict(), response: [] as Order[] },
  /** positions:list for a view that polls: answers only `unchanged` while the list equals the revision it holds. */
  'positions:poll': { request: z.object({ ...accountTarget, knownRevision: revisionSchema.optional() }).strict(), response: {} as PolledList<Position> },
  'orders:poll': { request: z.object({ ...accountTarget, knownRevision: revisionSchema.optional() }).strict(), response: {} as PolledList<Order> },
  'positions:history': { request: z.object(accountTarget).strict(), response: [] as ClosedTrade[] },
  'account:closeCheck': { request: z.object(accountTarget).strict(), response: {} as AccountCloseCheck },
  /** Equity, cash, buying power or free margin and the day's P&L, as far as the broker reports them. */
  'account:balances': { request: z.object(accountTarget).strict(), response: {} as AccountBalances },
  'position:close': {
    request: z
      .object({
        ...accountTarget,
        positionId: identifierSchema,
        amount: closeAmountSchema,
        comment: z.string().max(64, { message: 'must be at most 64 characters' }).optional(),
        /** A deliberate retry of an earlier action: where the broker takes a client order id, the same one is sent again. */
        retryOf: z.string().uuid({ message: 'must be the id of an earlier action' }).optional(),
        /** Answer only once the closing order has been followed to its end (or the following's bound), with its fill. */
        wait: z.boolean().optional(),
      })
      .strict(),
    response: {} as ActionReceipt,
  },
  'positions:closeAll': {
    request: z
      .object({
        ...accountTarget,
        cancelOrders: z.boolean(),
        /** Answer only once every closing order has been followed to its end (or the following's bound), with its fill. */
        wait: z.boolean().optional(),
      })
      .strict(),
    response: {} as CloseAllReceipt,
  },
  'order:cancel': { request: z.object({ ...accountTarget, orderId: identifierSchema }).strict(), response: {} as ActionReceipt },
  /**
   * Every working order of the account in the broker's one bulk request. `orderIds` are the orders the person
   * confirmed: if any other order is working when the request would leave, nothing is sent.
   */
  'orders:cancelAll': { request: z.object({ ...accountTarget, orderIds: confirmedOrderIds }).strict(), response: {} as CancelAllOrdersReceipt },
  /**
   * Cancels the confirmed orders holding a position, one action each, then closes the position in full once reading
   * the broker shows them cancelled; a cancel refused or left unknown stops it before the close.
   */
  'position:cancelThenClose': {
    request: z.object({ ...accountTarget, positionId: identifierSchema, orderIds: confirmedOrderIds }).strict(),
    response: {} as CancelThenCloseReceipt,
  },
  'account:close': {
    request: z.object({ ...accountTarget, confirmAccountNumber: z.string().min(1).max(128) }).strict(),
    response: {} as ActionReceipt,
  },
  /** Moves cash to a firm account by journal (Alpaca JNLC); the reference, kept in the journal, finds it again. */
  'account:sweepCash': {
    request: z
      .object({
        ...accountTarget,
        toAccountId: identifierSchema,
        amount: positiveDecimalSchema.refine((value) => dec(value).decimalPlaces() <= 2, { message: 'must have at most two decimals' }),
        reference: z.string().regex(SWEEP_REFERENCE_PATTERN, { message: 'must be 1-200 letters, digits and . _ : / -' }),
      })
      .strict(),
    response: {} as ActionReceipt,
  },
  /** Cash journals out of an account since a date, to one account when given: how a sweep is read back by its id. */
  'cash:journals': {
    request: z
      .object({
        ...accountTarget,
        toAccountId: identifierSchema.optional(),
        since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date, YYYY-MM-DD' }).optional(),
      })
      .strict(),
    response: [] as CashJournal[],
  },
  'audit:list': {
    request: z
      .object({
        accountId: identifierSchema.optional(),
        action: z.string().max(64).optional(),
        outcome: z.string().max(64).optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
    response: [] as AuditRecord[],
  },
  'audit:verify': {
    request: z
      .object({
        /** A head noted earlier (closeout audit --head): the chain must still hold that record with that hash. */
        expectHead: z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lower-case hex digits' }) }).strict().optional(),
      })
      .strict(),
    response: {} as AuditVerification,
  },
  /** Actions whose process stopped before they ended, newest first, as reading the broker settled them (or is settling them). */
  'actions:interrupted': { request: empty, response: [] as ActionReceipt[] },
  'windDown:prepare': {
    request: z
      .object({
        connection: connectionNameSchema,
        accounts: z.array(identifierSchema).min(1, { message: 'must name at least one account' }).max(1000, { message: 'must name at most 1000 accounts' }),
        runId: runIdSchema.optional(),
        /** The firm account (id or number) the run sweeps each account's cash to: the connection's when absent, none when null. */
        sweepTo: identifierSchema.nullable().optional(),
      })
      .strict(),
    response: {} as WindDownPlan,
  },
  /** Prepares an earlier run again from what the journal kept (a parked one goes on where it waits). */
  'windDown:resume': { request: z.object({ runId: runIdSchema }).strict(), response: {} as WindDownPlan },
  /** Every wind-down run in the journal with its last report, most recently changed first. */
  'windDown:runs': { request: empty, response: [] as WindDownRunSummary[] },
  'windDown:run': {
    request: z
      .object({ runId: runIdSchema, confirmCount: z.number().int().min(1).max(1000) })
      .strict(),
    response: {} as WindDownReport,
  },
  'windDown:cancel': { request: z.object({ runId: runIdSchema }).strict(), response: {} as { cancelled: boolean } },
  /**
   * Picked rows closed in full or cancelled, each its own action (intent, lease, audit), through the core's one
   * rate-limited runner: each connection at its own pace, cancels before closes. `bulk:progress` reports each item.
   */
  'actions:runMany': {
    request: z
      .object({
        runId: runIdSchema,
        items: z
          .array(bulkItemSchema)
          .min(1, { message: 'must hold at least one item' })
          .max(MAX_BULK_ITEMS, { message: `must hold at most ${MAX_BULK_ITEMS} items` }),
      })
      .strict(),
    response: [] as BulkItemResult[],
  },
  /** Reads the accounts (every account of the connections, or those named) and plans their flatten; nothing is sent. */
  'flatten:prepare': {
    request: z
      .object({
        connections: z.array(connectionNameSchema).min(1, { message: 'must name at least one connection' }).max(64, { message: 'must name at most 64 connections' }),
        accounts: z.array(z.object(accountTarget).strict()).min(1, { message: 'must name at least one account' }).max(1000, { message: 'must name at most 1000 accounts' }).optional(),
      })
      .strict(),
    response: {} as FlattenPlan,
  },
  /** Runs a plan prepared in this process once the person has typed its number of positions. */
  'flatten:run': {
    request: z.object({ runId: runIdSchema, confirmPositions: z.number().int().min(0).max(1_000_000) }).strict(),
    response: {} as FlattenReport,
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
// The names in channels.ts and the entries above are the same, both ways: a channel added to one only fails typecheck.
type SameNames<A extends string, B extends string> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type _ChannelNamesMatch = Holds<SameNames<Channel, ChannelName>>;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = Contract[C]['response'];

export const CHANNELS: readonly Channel[] = CHANNEL_NAMES;

export function isChannel(value: unknown): value is Channel {
  return isChannelName(value);
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

/** Pushed from main to the renderer. */
export interface PushEvents {
  'action:updated': ActionReceipt | CloseAllReceipt;
  /** A close all that goes ticket by ticket reports each ticket as it settles. */
  'action:progress': { actionId: string; connection: string; accountId: string; done: number; total: number };
  /** Each step of an account wind-down as it starts and ends. */
  'windDown:progress': WindDownProgress;
  /** One answer's accounts of an accounts:stream; `loaded` counts every account pushed so far, these included. */
  'accounts:page': AccountsPage;
  /** One item of a bulk run (picked rows or flatten) has ended. */
  'bulk:progress': BulkProgress;
}

export interface AccountsPage {
  streamId: string;
  connection: string;
  accounts: Account[];
  loaded: number;
}
export type PushEvent = keyof PushEvents;
export const PUSH_EVENTS: readonly PushEvent[] = PUSH_EVENT_NAMES;
type _PushEventNamesMatch = Holds<SameNames<PushEvent, PushEventName>>;
