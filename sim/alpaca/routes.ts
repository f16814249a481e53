import type { SimResponse } from '../shared/http';
import { Router } from '../shared/router';
import { searchAccounts } from './accountSearch';
import { accountNotFound, notFound, unprocessable } from './errors';
import type { Failure, Outcome } from './errors';
import type { SimDecimal } from '../shared/decimal';
import { createJournal, deleteJournal, listJournals } from './journals';
import { searchOrders } from './orderSearch';
import type { AlpacaSimState } from './state';
import { cancelAllOrders, cancelOrder, closeAccount, closeAllPositions, closePosition } from './trading';
import type { ScheduleFill } from './trading';
import type { AlpacaAssetView, SimAsset } from './types';

export interface RouteInput {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body when one parsed, its text when not, null when empty. */
  body: unknown;
}

export type AlpacaHandler = (input: RouteInput) => SimResponse;

function failure(failure: Failure): SimResponse {
  return { status: failure.status, body: failure.body };
}

function answer<T>(outcome: Outcome<T>, status: number, body: (value: T) => unknown = (value) => value): SimResponse {
  if (!outcome.ok) return failure(outcome.failure);
  const payload = body(outcome.value);
  return payload === undefined ? { status } : { status, body: payload };
}

function param(input: RouteInput, name: string): string {
  const value = input.params[name];
  if (value === undefined) throw new Error(`route has no :${name} segment`);
  return value;
}

function assetView(asset: SimAsset): AlpacaAssetView {
  return {
    id: asset.asset_id,
    class: asset.asset_class,
    exchange: asset.exchange,
    symbol: asset.symbol,
    name: asset.name,
    status: 'active',
    tradable: true,
    marginable: true,
    shortable: asset.shortable,
    easy_to_borrow: asset.shortable,
    fractionable: asset.fractionable,
  };
}

// Alpaca's server reads booleans as Go's strconv.ParseBool does: Alpaca's Python SDK sends `True`, and it is accepted.
const TRUE_TEXTS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_TEXTS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** A boolean query value: absent means false; text ParseBool would not read is refused with 422. */
function booleanParam(query: URLSearchParams, name: string): boolean | Failure {
  const value = query.get(name);
  if (value === null || FALSE_TEXTS.has(value)) return false;
  if (TRUE_TEXTS.has(value)) return true;
  return unprocessable(`${name} must be true or false`);
}

export interface RouteOptions {
  /** Cash journals up to this amount execute at once; larger ones wait for the end of the simulated day. */
  journalLimit: SimDecimal;
}

export function alpacaRoutes(state: AlpacaSimState, scheduleFill: ScheduleFill, options: RouteOptions): Router<AlpacaHandler> {
  const withAccount = (input: RouteInput, respond: (accountId: string) => SimResponse): SimResponse => {
    const accountId = param(input, 'accountId');
    return state.getAccount(accountId) === undefined ? failure(accountNotFound()) : respond(accountId);
  };

  return new Router<AlpacaHandler>()
    .add('GET', '/v1/accounts', (input) => answer(searchAccounts(state.accountsByCreation(), input.query), 200))
    .add('GET', '/v1/accounts/:accountId', (input) => {
      const account = state.getAccount(param(input, 'accountId'));
      return account === undefined ? failure(accountNotFound()) : { status: 200, body: account };
    })
    .add('POST', '/v1/accounts/:accountId/actions/close', (input) =>
      answer(closeAccount(state, param(input, 'accountId')), 204, () => undefined),
    )
    .add('GET', '/v1/assets/:symbolOrAssetId', (input) => {
      const asset = state.getAsset(param(input, 'symbolOrAssetId'));
      return asset === undefined ? failure(notFound('asset not found')) : { status: 200, body: assetView(asset) };
    })
    .add('GET', '/v1/trading/accounts/:accountId/account', (input) =>
      withAccount(input, (accountId) => ({ status: 200, body: state.tradeAccountOf(accountId) })),
    )
    .add('GET', '/v1/trading/accounts/:accountId/positions', (input) =>
      withAccount(input, (accountId) => ({ status: 200, body: state.positionsOf(accountId) })),
    )
    .add('GET', '/v1/trading/accounts/:accountId/positions/:symbolOrAssetId', (input) =>
      withAccount(input, (accountId) => {
        const position = state.positionOf(accountId, param(input, 'symbolOrAssetId'));
        return position === undefined ? failure(notFound('position not found')) : { status: 200, body: position };
      }),
    )
    .add('DELETE', '/v1/trading/accounts/:accountId/positions/:symbolOrAssetId', (input) =>
      answer(
        closePosition(state, scheduleFill, param(input, 'accountId'), param(input, 'symbolOrAssetId'), {
          qty: input.query.get('qty'),
          percentage: input.query.get('percentage'),
        }),
        200,
      ),
    )
    .add('DELETE', '/v1/trading/accounts/:accountId/positions', (input) => {
      const cancelOrders = booleanParam(input.query, 'cancel_orders');
      if (typeof cancelOrders !== 'boolean') return failure(cancelOrders);
      return answer(closeAllPositions(state, scheduleFill, param(input, 'accountId'), cancelOrders), 207);
    })
    .add('GET', '/v1/trading/accounts/:accountId/orders', (input) =>
      withAccount(input, (accountId) => answer(searchOrders(state.ordersOf(accountId), input.query), 200)),
    )
    .add('GET', '/v1/trading/accounts/:accountId/orders/:orderId', (input) =>
      withAccount(input, (accountId) => {
        const order = state.getOrder(accountId, param(input, 'orderId'));
        return order === undefined ? failure(notFound('order not found')) : { status: 200, body: order };
      }),
    )
    .add('DELETE', '/v1/trading/accounts/:accountId/orders/:orderId', (input) =>
      answer(cancelOrder(state, param(input, 'accountId'), param(input, 'orderId')), 204, () => undefined),
    )
    .add('DELETE', '/v1/trading/accounts/:accountId/orders', (input) =>
      answer(cancelAllOrders(state, param(input, 'accountId')), 207),
    )
    .add('POST', '/v1/journals', (input) => answer(createJournal(state, input.body, options.journalLimit), 200))
    .add('GET', '/v1/journals', (input) => answer(listJournals(state, input.query), 200))
    .add('DELETE', '/v1/journals/:journalId', (input) => answer(deleteJournal(state, param(input, 'journalId')), 204, () => undefined));
}
