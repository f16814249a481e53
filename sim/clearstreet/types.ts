/** Wire shapes of the Clear Street Trading API as the simulator serves them; decimals are strings, as Clear Street sends them. */

export const ACCOUNT_STATUSES = ['ACTIVE', 'INACTIVE', 'CLOSED'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export type AccountSubtype = 'CASH' | 'MARGIN' | 'OTHER';

export const ORDER_SIDES = ['BUY', 'SELL', 'SELL_SHORT', 'OTHER'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

/** What a client may ask for; OTHER exists only in answers. */
export const REQUEST_ORDER_TYPES = ['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT', 'TRAILING_STOP', 'TRAILING_STOP_LIMIT'] as const;
export type OrderType = (typeof REQUEST_ORDER_TYPES)[number] | 'OTHER';

export const REQUEST_TIMES_IN_FORCE = [
  'DAY', 'GOOD_TILL_CANCEL', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL', 'GOOD_TILL_DATE', 'AT_THE_OPENING', 'AT_THE_CLOSE',
  'GOOD_TILL_CROSSING', 'GOOD_THROUGH_CROSSING', 'AT_CROSSING',
] as const;
export type TimeInForce = (typeof REQUEST_TIMES_IN_FORCE)[number] | 'OTHER';

export const ORDER_STATUSES = [
  'PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'PENDING_CANCEL', 'PENDING_REPLACE',
  'REPLACED', 'DONE_FOR_DAY', 'STOPPED', 'SUSPENDED', 'CALCULATED', 'OTHER',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const INSTRUMENT_TYPES = ['COMMON_STOCK', 'INDEX', 'OPTION', 'CASH'] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];

/** A cash holding and an index are listed among the positions, but no order can trade them away. */
export const UNTRADABLE_INSTRUMENT_TYPES: readonly InstrumentType[] = ['CASH', 'INDEX'];

/** An entry of GET /v1/accounts. */
export interface ClearStreetAccount {
  id: number;
  account_holder_entity_id: number;
  full_name: string;
  short_name: string;
  type: 'CUSTOMER' | 'OTHER';
  subtype: AccountSubtype;
  status: AccountStatus;
  open_date: string;
  close_date: string | null;
  options_level: number;
}

export interface MailingAddress {
  line1: string;
  line2?: string | null;
  city: string;
  state?: string | null;
  postal_code: string;
  country: string;
}

/** The account-holder details GET /v1/accounts/{id} adds to the account. */
export interface PersonalDetails {
  country_of_tax_residency: string | null;
  date_of_birth: string | null;
  mailing_address: MailingAddress | null;
  phone_number: string | null;
}

/** What the simulator knows about an instrument: its market, not a Clear Street schema. */
export interface SimInstrument {
  instrument_id: string;
  symbol: string;
  instrument_type: InstrumentType;
  /** MIC of the venue orders are routed to, e.g. XNMS. */
  venue: string;
  price: string;
  closing_price: string;
  closing_price_date: string;
}

/** A holding as stored: quantity is signed, negative for a short, exactly as Clear Street reports it. */
export interface PositionRecord {
  symbol: string;
  quantity: string;
  avg_price: string;
  /** Realized today on this instrument; absent means nothing yet. */
  daily_realized_pnl?: string;
}

export interface ClearStreetPosition {
  account_id: number;
  symbol: string;
  instrument_id: string;
  instrument_type: InstrumentType;
  position_type: 'LONG' | 'SHORT';
  quantity: string;
  available_quantity: string;
  market_value: string;
  avg_price: string | null;
  instrument_price: string | null;
  closing_price: string | null;
  closing_price_date: string | null;
  cost_basis: string | null;
  unrealized_pnl: string | null;
  unrealized_pnl_pct: string | null;
  daily_unrealized_pnl: string | null;
  daily_unrealized_pnl_pct: string | null;
  daily_realized_pnl: string | null;
}

export interface ClearStreetOrder {
  id: string;
  client_order_id: string;
  account_id: number;
  symbol: string | null;
  instrument_id: string | null;
  instrument_type: InstrumentType | null;
  side: OrderSide;
  quantity: string;
  filled_quantity: string;
  leaves_quantity: string;
  order_type: OrderType;
  time_in_force: TimeInForce;
  status: OrderStatus;
  limit_price: string | null;
  stop_price: string | null;
  average_fill_price: string | null;
  venue: string;
  created_at: string;
  updated_at: string;
  /** Why an order was rejected or canceled, in words. */
  details?: string[];
}

export interface BalancesSod {
  asof: string | null;
  buying_power: string;
  equity: string;
  long_market_value: string;
  short_market_value: string;
  trade_cash: string | null;
  maintenance_margin_excess: string | null;
  maintenance_margin_requirement: string | null;
}

export interface MarginSessionDetails {
  buying_power: string;
  multiplier: string | null;
}

export interface MarginDetails {
  pattern_day_trader: boolean;
  day_trade_count: number;
  intraday_details: MarginSessionDetails;
  overnight_details: MarginSessionDetails;
  initial_margin_requirement: string;
  initial_margin_excess: string;
  maintenance_margin_requirement: string;
  maintenance_margin_excess: string;
  usage: { used: string; total: string } | null;
}

export interface ClearStreetBalances {
  account_id: number;
  currency: 'USD';
  margin_type: 'NONE' | 'REG_T';
  multiplier: string | null;
  buying_power: string;
  equity: string;
  long_market_value: string;
  short_market_value: string;
  settled_cash: string;
  trade_cash: string;
  withdrawable_cash: string;
  unsettled_credits: string;
  unsettled_debits: string;
  open_order_adjustment: string;
  unrealized_pnl: string;
  daily_unrealized_pnl: string;
  daily_realized_pnl: string;
  daily_pnl: string;
  daily_total_pnl: string;
  daily_change: string;
  margin_details: MarginDetails | null;
  sod: BalancesSod;
}

/** One entry of an error's `details`: Clear Street sends free-form objects (a described violation, or a domain with metadata). */
export type ErrorDetail = Record<string, unknown>;

export interface ApiErrorBody {
  code: number;
  message: string;
  details?: ErrorDetail[];
}

export interface ResponseMetadata {
  request_id: string;
  next_page_token?: string;
  previous_page_token?: string;
  page_number?: number;
  total_items?: number;
  total_pages?: number;
}

/** Every answer, success or error, comes in this envelope; an error answer leaves `data` out. */
export interface Envelope {
  data?: unknown;
  error: ApiErrorBody | null;
  metadata: ResponseMetadata;
}

/** Cash as the simulator books it: settled at the start of the day, plus today's trades until they settle. */
export interface CashBook {
  settled: string;
  unsettled_credits: string;
  unsettled_debits: string;
}

export interface AccountHoldings {
  account: ClearStreetAccount;
  personal: PersonalDetails;
  cash: CashBook;
  positions: PositionRecord[];
  orders: ClearStreetOrder[];
}

/** The whole initial state of a simulator: the market it knows and the accounts it holds. */
export interface ClearStreetSimData {
  instruments: SimInstrument[];
  accounts: AccountHoldings[];
}
