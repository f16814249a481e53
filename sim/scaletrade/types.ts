/**
 * What the ScaleTrade simulator holds. Decimals are strings (prices, money) and become JSON numbers with their exact
 * text on the wire; volumes are integers in minimal lots (100 = 1.00 lot); times are Unix seconds, as the platform sends them.
 */

/** MetaTrader trade commands: 0 and 1 are market trades, 2 to 5 are pending kinds. */
export const CMD = { buy: 0, sell: 1, buyLimit: 2, sellLimit: 3, buyStop: 4, sellStop: 5 } as const;
export const MAX_PENDING_CMD = CMD.sellStop;

/** The `tradeType` filter of GET /trades. */
export const TRADE_TYPE = { all: 0, open: 1, closed: 2, pending: 3, finance: 4 } as const;

/** The `state` column. The platform does not publish its numbering; these are the simulator's own values. */
export const TRADE_STATE = { open: 1, closed: 3, deleted: 4, closeRequest: 19, partialCloseRequest: 20 } as const;

/**
 * `client` may trade; `manager` is a back-office session the client endpoints refuse as the wrong session type;
 * `readonly` may read but not trade.
 */
export type SessionType = 'client' | 'manager' | 'readonly';

export interface SimInstrument {
  symbol: string;
  digits: number;
  bid: string;
  ask: string;
  /** Units of the base per 1.00 lot (100 000 for FX, 100 oz for gold, 1 for an index CFD). */
  contractSize: string;
  /** Account-currency value of one unit of the quote currency (USD account: 1 for EURUSD, 1/USDJPY for USDJPY). */
  quoteToAccount: string;
  /** Margin held per 1.00 lot, in the account currency. */
  marginPerLot: string;
}

export interface SimUser {
  login: number;
  /** Absent: the simulator generates one when it starts. */
  password?: string;
  disabled?: boolean;
  /** The type of the sessions its sign-in opens; `client` when absent. */
  sessionType?: SessionType;
  name: string;
  email: string;
  group: string;
  currency: string;
  leverage: number;
  balance: string;
  credit: string;
  /** Unix seconds. */
  regdate: number;
}

export type TradeStatus = 'open' | 'pending' | 'closed' | 'deleted' | 'finance';

export interface SimTrade {
  order: number;
  login: number;
  cmd: number;
  status: TradeStatus;
  symbol: string;
  reason: number;
  volume: number;
  open_time: number;
  close_time: number;
  open_price: string;
  /** Fixed once closed; an open trade's is the current price, computed when it is read. */
  close_price: string;
  sl: string;
  tp: string;
  /** Fixed once closed (and for finance records, the amount); an open trade's is computed when it is read. */
  profit: string;
  commission: string;
  storage: string;
  comment: string;
  expiration: number;
}

export interface ScaleTradeSimData {
  instruments: SimInstrument[];
  users: SimUser[];
  trades: SimTrade[];
}
