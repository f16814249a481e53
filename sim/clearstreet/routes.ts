import { Router } from '../shared/router';
import { mayTouch } from './credentials';
import type { ApiKeyGrant } from './credentials';
import { answerOf, data, refused } from './envelope';
import type { RouteAnswer } from './envelope';
import { entityNotFound, forbidden, invalidPathId, orderNotFound } from './errors';
import type { Outcome } from './errors';
import type { ScheduleOrder } from './fills';
import { pageOf, readPageRequest } from './paging';
import { enumParam, listParam, searchAccounts, searchOrders, searchPositions } from './queries';
import { readCloseRequest, readNewOrders } from './requestBodies';
import type { ClearStreetSimState } from './state';
import { submitOrders } from './submitOrders';
import { cancelAllOrders, cancelOrder, closeAllPositions, closePosition } from './trading';
import { INSTRUMENT_TYPES, ORDER_SIDES, REQUEST_ORDER_TYPES } from './types';

export interface RouteInput {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The raw request body; each route reads it the way Clear Street does. */
  body: string;
  grant: ApiKeyGrant;
}

export type ClearStreetHandler = (input: RouteInput) => RouteAnswer;

export interface Schedules {
  /** Moves an accepted order on (fills a market order, opens any other) after the fill delay. */
  advance: ScheduleOrder;
  /** Turns a PENDING_CANCEL order into CANCELED after the cancel delay. */
  finishCancel: ScheduleOrder;
}

function param(input: RouteInput, name: string): string {
  const value = input.params[name];
  if (value === undefined) throw new Error(`route has no :${name} segment`);
  return value;
}

function paged<T>(items: readonly T[], query: URLSearchParams): RouteAnswer {
  const page = readPageRequest(query);
  if (!page.ok) return refused(page.failure);
  const { items: slice, metadata } = pageOf(items, page.value);
  return data(slice, metadata);
}

function pagedOutcome<T>(outcome: Outcome<T[]>, query: URLSearchParams): RouteAnswer {
  return outcome.ok ? paged(outcome.value, query) : refused(outcome.failure);
}

/** Accounts are named by their decimal id; anything else fails to parse, as an axum Path<i64> does. */
function parseAccountId(text: string): number | null {
  if (!/^\d{1,18}$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

export function clearStreetRoutes(state: ClearStreetSimState, schedules: Schedules): Router<ClearStreetHandler> {
  /**
   * A key acts only on its own accounts; any other account, existing or not, is a permission refusal. Only the two
   * account reads that document a 404 say "not found" for an account the key could hold but that does not exist.
   */
  const withAccount = (input: RouteInput, respond: (accountId: number) => RouteAnswer, missing: 'forbidden' | 'not-found' = 'forbidden'): RouteAnswer => {
    const raw = param(input, 'accountId');
    const accountId = parseAccountId(raw);
    if (accountId === null) return refused(invalidPathId(raw));
    if (!mayTouch(input.grant, accountId)) return refused(forbidden());
    if (state.getAccount(accountId) === undefined) return refused(missing === 'not-found' ? entityNotFound() : forbidden());
    return respond(accountId);
  };

  return new Router<ClearStreetHandler>()
    .add('GET', '/v1/accounts', (input) => {
      const visible = state.listAccounts().filter((account) => mayTouch(input.grant, account.id));
      return paged(searchAccounts(visible, input.query), input.query);
    })
    .add('GET', '/v1/accounts/:accountId', (input) =>
      withAccount(input, (accountId) => data({ ...state.getAccount(accountId), ...state.personalDetailsOf(accountId) }), 'not-found'),
    )
    .add('GET', '/v1/accounts/:accountId/balances', (input) =>
      withAccount(input, (accountId) => data(state.balancesOf(accountId)), 'not-found'),
    )
    .add('GET', '/v1/accounts/:accountId/positions', (input) =>
      withAccount(input, (accountId) => pagedOutcome(searchPositions(state, state.positionsOf(accountId), input.query), input.query)),
    )
    .add('DELETE', '/v1/accounts/:accountId/positions', (input) =>
      withAccount(input, (accountId) => {
        const request = readCloseRequest(input.body);
        if (!request.ok) return refused(request.failure);
        return answerOf(closeAllPositions(state, schedules.advance, accountId, request.value.cancelOrders));
      }),
    )
    .add('DELETE', '/v1/accounts/:accountId/positions/:instrument', (input) =>
      withAccount(input, (accountId) => {
        const request = readCloseRequest(input.body);
        if (!request.ok) return refused(request.failure);
        return answerOf(closePosition(state, schedules.advance, accountId, param(input, 'instrument'), request.value.cancelOrders));
      }),
    )
    .add('GET', '/v1/accounts/:accountId/orders', (input) =>
      withAccount(input, (accountId) => pagedOutcome(searchOrders(state, state.ordersOf(accountId), input.query), input.query)),
    )
    .add('POST', '/v1/accounts/:accountId/orders', (input) =>
      withAccount(input, (accountId) => {
        const requests = readNewOrders(input.body);
        if (!requests.ok) return refused(requests.failure);
        return answerOf(submitOrders(state, schedules.advance, accountId, requests.value));
      }),
    )
    .add('DELETE', '/v1/accounts/:accountId/orders', (input) =>
      withAccount(input, (accountId) => {
        const side = enumParam(input.query, 'side', ORDER_SIDES);
        if (!side.ok) return refused(side.failure);
        const type = enumParam(input.query, 'type', [...REQUEST_ORDER_TYPES, 'OTHER'] as const);
        if (!type.ok) return refused(type.failure);
        const instrumentType = enumParam(input.query, 'instrument_type', INSTRUMENT_TYPES);
        if (!instrumentType.ok) return refused(instrumentType.failure);
        const filters = { side: side.value, type: type.value, instrumentType: instrumentType.value, instruments: listParam(input.query, 'instrument_ids') };
        return answerOf(cancelAllOrders(state, schedules.finishCancel, accountId, filters));
      }),
    )
    .add('GET', '/v1/accounts/:accountId/orders/:orderId', (input) =>
      withAccount(input, (accountId) => {
        const orderId = param(input, 'orderId');
        const order = state.getOrder(accountId, orderId);
        return order === undefined ? refused(orderNotFound(orderId, accountId)) : data(order);
      }),
    )
    .add('DELETE', '/v1/accounts/:accountId/orders/:orderId', (input) =>
      withAccount(input, (accountId) => answerOf(cancelOrder(state, schedules.finishCancel, accountId, param(input, 'orderId')))),
    );
}
