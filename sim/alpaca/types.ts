/** Wire shapes of the Alpaca Broker API as the simulator serves them; decimals are strings, as Alpaca sends them. */

export const ACCOUNT_STATUSES = [
  'ONBOARDING', 'SUBMITTED', 'RESUBMITTED', 'SUBMISSION_FAILED', 'ACTION_REQUIRED', 'EDITED', 'ACCOUNT_UPDATED',
  'APPROVAL_PENDING', 'REAPPROVAL_PENDING', 'SIGNED_UP', 'KYC_SUBMITTED', 'LIMITED', 'AML_REVIEW', 'APPROVED',
  'REJECTED', 'ACTIVE', 'INACTIVE', 'DISABLED', 'DISABLE_PENDING', 'ACCOUNT_CLOSED', 'PAPER_ONLY',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface AlpacaContact {
  email_address: string;
  phone_number: string;
  street_address: string[];
  city: string;
  state: string;
  postal_code: string;
}

export interface AlpacaIdentity {
  given_name: string;
  family_name: string;
  date_of_birth: string;
  country_of_tax_residence: string;
  funding_source: string[];
}

/** Served by both GET /v1/accounts and GET /v1/accounts/{id}, with the contact and identity that `query` searches. */
export interface AlpacaAccount {
  id: string;
  account_number: string;
  status: AccountStatus;
  crypto_status: AccountStatus;
  currency: 'USD';
  last_equity: string;
  created_at: string;
  account_type: 'trading' | 'custodial' | 'donor_advised';
  contact: AlpacaContact;
  identity: AlpacaIdentity;
}

/** Equities, crypto pairs ("BTC/USD") and option contracts ("AAPL240119C00100000"). */
export type AssetClass = 'us_equity' | 'crypto' | 'us_option';

/** What the simulator knows about an instrument; price and lastday_price are its market, not Alpaca asset fields. */
export interface SimAsset {
  asset_id: string;
  /** As Alpaca's assets and orders name it: a crypto pair with its slash. */
  symbol: string;
  asset_class: AssetClass;
  name: string;
  exchange: string;
  fractionable: boolean;
  shortable: boolean;
  price: string;
  lastday_price: string;
}

/** A holding as stored: qty is signed, negative for a short, exactly as Alpaca reports it. */
export interface PositionRecord {
  symbol: string;
  qty: string;
  avg_entry_price: string;
}

export interface AlpacaPosition {
  asset_id: string;
  symbol: string;
  exchange: string;
  asset_class: AssetClass;
  asset_marginable: boolean;
  qty: string;
  qty_available: string;
  avg_entry_price: string;
  side: 'long' | 'short';
  market_value: string;
  cost_basis: string;
  unrealized_pl: string;
  unrealized_plpc: string;
  unrealized_intraday_pl: string;
  unrealized_intraday_plpc: string;
  current_price: string;
  lastday_price: string;
  change_today: string;
}

export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop';
export type OrderSide = 'buy' | 'sell';
export type TimeInForce = 'day' | 'gtc' | 'opg' | 'cls' | 'ioc' | 'fok';
export type OrderStatus =
  | 'new' | 'partially_filled' | 'filled' | 'done_for_day' | 'canceled' | 'expired' | 'replaced' | 'pending_cancel'
  | 'pending_replace' | 'accepted' | 'pending_new' | 'accepted_for_bidding' | 'stopped' | 'rejected' | 'suspended'
  | 'calculated';

export interface AlpacaOrder {
  id: string;
  client_order_id: string;
  created_at: string;
  updated_at: string;
  submitted_at: string;
  filled_at: string | null;
  expired_at: string | null;
  canceled_at: string | null;
  failed_at: string | null;
  replaced_at: string | null;
  replaced_by: string | null;
  replaces: string | null;
  asset_id: string;
  symbol: string;
  asset_class: AssetClass;
  notional: string | null;
  qty: string | null;
  filled_qty: string;
  filled_avg_price: string | null;
  /** Alpaca's own responses send "" for a simple order (see the close-position examples in its reference). */
  order_class: string;
  order_type: OrderType;
  type: OrderType;
  side: OrderSide;
  time_in_force: TimeInForce;
  limit_price: string | null;
  stop_price: string | null;
  status: OrderStatus;
  extended_hours: boolean;
  legs: null;
  trail_percent: string | null;
  trail_price: string | null;
  hwm: string | null;
  commission: string;
  source: null;
}

export interface AlpacaAssetView {
  id: string;
  class: AssetClass;
  exchange: string;
  symbol: string;
  name: string;
  status: 'active';
  tradable: boolean;
  marginable: boolean;
  shortable: boolean;
  easy_to_borrow: boolean;
  fractionable: boolean;
}

export interface AccountHoldings {
  account: AlpacaAccount;
  cash: string;
  positions: PositionRecord[];
  orders: AlpacaOrder[];
}

/** The whole initial state of a simulator: the market it knows and the accounts under its broker key. */
export interface AlpacaSimData {
  assets: SimAsset[];
  accounts: AccountHoldings[];
}

/** Kept when an account is closed, so a test can see whether the client closed it with something still in it. */
export interface AccountClosure {
  accountId: string;
  at: string;
  previousStatus: AccountStatus;
  cash: string;
  positionCount: number;
  openOrderCount: number;
}

export interface AlpacaErrorBody {
  code: number;
  message: string;
  [detail: string]: unknown;
}

export const JOURNAL_STATUSES = ['pending', 'canceled', 'executed', 'queued', 'rejected', 'deleted'] as const;
export type JournalStatus = (typeof JOURNAL_STATUSES)[number];

/** A cash journal (JNLC) as Alpaca serves it; symbol, qty and price are the securities fields, empty for cash. */
export interface AlpacaJournal {
  id: string;
  entry_type: 'JNLC';
  from_account: string;
  to_account: string;
  symbol: null;
  qty: null;
  price: '0';
  status: JournalStatus;
  settle_date: string | null;
  system_date: string | null;
  net_amount: string;
  description: string;
  created_at: string;
}

/** What a pending journal becomes at the end of the simulated day; set by the sandbox's description fixtures. */
export type JournalEndOfDay = 'execute' | 'reject' | 'stay';

export interface SimJournal {
  journal: AlpacaJournal;
  endOfDay: JournalEndOfDay;
}
