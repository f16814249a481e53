/** One tradable symbol: the docs name it "BTCUSD", the reference code "btc". */
export interface SimInstrument {
  symbol: string;
  code: string;
  kind: 'crypto' | 'fx' | 'index' | 'metal';
  /** The current price, decimal text; closes fill at it. */
  price: string;
  /** For pairs such as USDJPY: profit arises in the quote currency and is converted to the account's dollars at the price. */
  usdBase?: boolean;
}

export interface SimUser {
  userId: string;
  email: string;
  /** Decimal text; a close adds its realised profit. */
  balance: string;
}

export type OrderType = 'buy' | 'sell';

/** An open order: one position ticket. Decimals are text so no float touches them inside the simulator. */
export interface OpenOrderRecord {
  orderId: string;
  userId: string;
  /** The instrument's docs symbol. */
  symbol: string;
  type: OrderType;
  quantity: string;
  leverage: number;
  openPrice: string;
  /** ISO 8601. */
  openTime: string;
  takeProfit: string | null;
  stopLoss: string | null;
}

export interface ClosedOrderRecord extends OpenOrderRecord {
  closePrice: string;
  closeTime: string;
  /** Realised, rounded to cents. */
  profit: string;
}

/** The whole initial state of a simulator. */
export interface ExnessSimData {
  instruments: SimInstrument[];
  users: SimUser[];
  openOrders: OpenOrderRecord[];
  closedOrders: ClosedOrderRecord[];
}

/**
 * How the simulator writes its answers. The seed page and the platform's docs disagree with the reference code in
 * several places; each difference is a switch, so an adapter can be tested against both.
 */
export interface WireStyle {
  /** Send `message` as a JSON string holding the array, as the reference code does. */
  messageAsJsonString: boolean;
  profitField: 'profit' | 'profitLoss';
  /** docs: "BTCUSD", "BUY", "OPEN", ISO times; code: "btc", "buy", "open", epoch milliseconds. */
  symbolStyle: 'docs' | 'code';
  /** summary: `order` is {orderId, status, closePrice, profit} as on the seed page; full: the whole closed order. */
  closeAnswer: 'summary' | 'full';
}

export const DOCS_STYLE: WireStyle = { messageAsJsonString: false, profitField: 'profit', symbolStyle: 'docs', closeAnswer: 'summary' };

export const REFERENCE_CODE_STYLE: WireStyle = { messageAsJsonString: true, profitField: 'profitLoss', symbolStyle: 'code', closeAnswer: 'full' };
