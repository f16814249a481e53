import { Router } from '../shared/router';
import type { TimerSet } from '../shared/timers';
import { throughEngine } from './engine';
import type { EngineKnobs } from './engine';
import { createTimeout, engineTimeout, invalidJson, invalidParameter, missingParameters } from './errors';
import type { Failure } from './errors';
import { decimalField, isPresent, readJsonBody } from './requestBody';
import { jsonText } from './respond';
import type { ExnessResponse } from './respond';
import type { ExnessSimState } from './state';
import type { OrderType, WireStyle } from './types';
import { closeAnswerView, closedOrderView, listAnswer, num, openOrderView } from './views';

export interface RouteInput {
  /** The user the request's token names. */
  userId: string;
  bodyText: string;
}

export type ExnessHandler = (input: RouteInput) => ExnessResponse | Promise<ExnessResponse>;

/** Which names the open-orders list answers under: the seed's /trade/orders, the docs' /trade/open, or both. */
export type OpenOrdersPaths = 'both' | 'orders' | 'open';

export interface RouteContext {
  state: ExnessSimState;
  style: WireStyle;
  engine: EngineKnobs;
  timers: TimerSet;
  openOrdersPaths: OpenOrdersPaths;
}

const BASE = '/api/v1';

function failure(failure: Failure): ExnessResponse {
  return { status: failure.status, body: failure.body };
}

function ok(body: unknown): ExnessResponse {
  return { status: 200, body };
}

export function exnessRoutes(context: RouteContext): Router<ExnessHandler> {
  const { state, style, engine, timers } = context;

  const openOrders: ExnessHandler = ({ userId }) =>
    ok(listAnswer(state.openOrdersOf(userId).map((order) => openOrderView(order, state.requireInstrument(order.symbol), style)), style, jsonText));

  const closedOrders: ExnessHandler = ({ userId }) =>
    ok(listAnswer(state.closedOrdersOf(userId).map((order) => closedOrderView(order, state.requireInstrument(order.symbol), style)), style, jsonText));

  const close: ExnessHandler = async ({ userId, bodyText }) => {
    const body = readJsonBody(bodyText);
    if (!body.ok) return failure(invalidJson());
    const orderId = body.value.orderId;
    if (typeof orderId !== 'string' || orderId === '') return failure(missingParameters(['orderId']));
    const result = await throughEngine(timers, engine.delayMs, engine.closeTimeoutMs, () => state.closeOrder(userId, orderId));
    if (result.kind === 'timeout') return failure(engineTimeout());
    const outcome = result.value;
    if (!outcome.ok) return failure(outcome.failure);
    return ok(closeAnswerView(outcome.value, state.requireInstrument(outcome.value.symbol), style));
  };

  const create: ExnessHandler = async ({ userId, bodyText }) => {
    const body = readJsonBody(bodyText);
    if (!body.ok) return failure(invalidJson());
    const { symbol, type, quantity, leverage, takeProfit, stopLoss } = body.value;
    const missing = Object.entries({ symbol, type, quantity, leverage }).filter(([, value]) => !isPresent(value)).map(([name]) => name);
    if (missing.length > 0) return failure(missingParameters(missing));
    const instrument = typeof symbol === 'string' ? state.findInstrument(symbol) : undefined;
    if (instrument === undefined) return failure(invalidParameter('Invalid symbol'));
    const side = typeof type === 'string' ? type.toLowerCase() : '';
    if (side !== 'buy' && side !== 'sell') return failure(invalidParameter('Invalid order type'));
    const orderType: OrderType = side;
    const size = decimalField(quantity);
    if (size === null || size.lessThanOrEqualTo(0)) return failure(invalidParameter('Invalid quantity'));
    const leverageValue = decimalField(leverage);
    if (leverageValue === null || !leverageValue.isInteger() || leverageValue.lessThan(1)) return failure(invalidParameter('Invalid leverage'));
    const limits = { takeProfit: decimalField(takeProfit), stopLoss: decimalField(stopLoss) };
    const result = await throughEngine(timers, engine.delayMs, engine.createTimeoutMs, () =>
      state.addOrder(userId, {
        symbol: instrument.symbol,
        type: orderType,
        quantity: size.toFixed(),
        leverage: leverageValue.toNumber(),
        takeProfit: limits.takeProfit?.toFixed() ?? null,
        stopLoss: limits.stopLoss?.toFixed() ?? null,
      }),
    );
    if (result.kind === 'timeout') return failure(createTimeout());
    return ok({ message: 'Order created successfully', orderId: result.value.orderId });
  };

  const router = new Router<ExnessHandler>();
  if (context.openOrdersPaths !== 'open') router.add('GET', `${BASE}/trade/orders`, openOrders);
  if (context.openOrdersPaths !== 'orders') router.add('GET', `${BASE}/trade/open`, openOrders);
  return router
    .add('GET', `${BASE}/trade/close`, closedOrders)
    .add('POST', `${BASE}/trade/close`, close)
    .add('POST', `${BASE}/trade/create`, create)
    .add('GET', `${BASE}/balance`, ({ userId }) => ok({ status: 'success', message: num(state.balanceOf(userId)) }));
}
