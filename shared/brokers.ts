export const BROKER_KINDS = ['alpaca', 'clearstreet', 'exness', 'scaletrade'] as const;
export type BrokerKind = (typeof BROKER_KINDS)[number];

/** How a broker lets a position be closed in part. */
export type PartialCloseUnit =
  | { kind: 'none'; reason: string }
  | { kind: 'shares-or-percent' }
  | { kind: 'shares' }
  | { kind: 'lots'; minimalLotsPerLot: number };

/** A ticket's own figures (Position.ticket) that a per-ticket broker's API may give. */
export const TICKET_FIELDS = ['openedAt', 'stopLoss', 'takeProfit', 'swap', 'commission'] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

export type Availability = { available: true } | { available: false; reason: string };

/** One description per broker: the UI and the command offer exactly what it says, and show the reason when not. */
export interface BrokerCapabilities {
  displayName: string;
  credential: 'key-id-and-secret' | 'api-key' | 'jwt' | 'login-and-password';
  multipleAccounts: boolean;
  accountSearch: Availability;
  partialClose: PartialCloseUnit;
  /**
   * cancelOrdersScope: which orders the bulk close cancels first: every open order in the account (Alpaca), or only
   * those on the symbols being closed (Clear Street cancels "existing open orders for the position").
   */
  closeAll: { mode: 'bulk' | 'per-ticket'; cancelOrdersOption: Availability; cancelOrdersScope: 'account' | 'closed-symbols' };
  cancelOrder: Availability;
  /** Every working order of an account cancelled in one request. */
  cancelAllOrders: Availability;
  closeAccount: Availability;
  /** Moving an account's cash to a firm account by journal, so the account can be closed. */
  cashSweep: Availability;
  clientOrderId: boolean;
  /** Whether a close may carry the user's own comment to the broker. */
  closeComment: boolean;
  closeHistory: Availability;
  /** What the history tab lists: the day's filled orders (stock brokers) or closed tickets (margin platforms). */
  closeHistoryTitle: 'Fills' | 'Closed trades';
  presets: ReadonlyArray<{ label: string; baseUrl: string }>;
  /** Which of a ticket's figures the API gives; none at brokers that keep one position per symbol. */
  ticketFields: readonly TicketField[];
}

export const BROKER_CAPABILITIES: Record<BrokerKind, BrokerCapabilities> = {
  alpaca: {
    displayName: 'Alpaca Broker API',
    credential: 'key-id-and-secret',
    multipleAccounts: true,
    accountSearch: { available: true },
    partialClose: { kind: 'shares-or-percent' },
    closeAll: { mode: 'bulk', cancelOrdersOption: { available: true }, cancelOrdersScope: 'account' },
    cancelOrder: { available: true },
    cancelAllOrders: { available: true },
    closeAccount: { available: true },
    cashSweep: { available: true },
    clientOrderId: true,
    closeComment: false,
    closeHistory: { available: true },
    closeHistoryTitle: 'Fills',
    presets: [
      { label: 'Sandbox', baseUrl: 'https://broker-api.sandbox.alpaca.markets' },
      { label: 'Production', baseUrl: 'https://broker-api.alpaca.markets' },
    ],
    ticketFields: [],
  },
  clearstreet: {
    displayName: 'Clear Street',
    credential: 'api-key',
    multipleAccounts: true,
    accountSearch: { available: true },
    partialClose: { kind: 'shares' },
    closeAll: { mode: 'bulk', cancelOrdersOption: { available: true }, cancelOrdersScope: 'closed-symbols' },
    cancelOrder: { available: true },
    cancelAllOrders: { available: true },
    closeAccount: { available: false, reason: 'Clear Street has no API to close an account.' },
    cashSweep: { available: false, reason: 'The Clear Street trading API moves no cash between accounts.' },
    clientOrderId: true,
    closeComment: false,
    closeHistory: { available: true },
    closeHistoryTitle: 'Fills',
    presets: [
      { label: 'Sandbox', baseUrl: 'https://api-dev.clearstreet.com' },
      { label: 'Production', baseUrl: 'https://api.clearstreet.com' },
    ],
    ticketFields: [],
  },
  exness: {
    displayName: 'Exness-style platform',
    credential: 'jwt',
    multipleAccounts: false,
    accountSearch: { available: false, reason: 'One account per token.' },
    partialClose: { kind: 'none', reason: 'The platform closes an order only in full.' },
    closeAll: { mode: 'per-ticket', cancelOrdersOption: { available: false, reason: 'The platform has no working orders.' }, cancelOrdersScope: 'account' },
    cancelOrder: { available: false, reason: 'The platform has no working orders to cancel.' },
    cancelAllOrders: { available: false, reason: 'The platform has no working orders to cancel.' },
    closeAccount: { available: false, reason: 'The platform has no API to close an account.' },
    cashSweep: { available: false, reason: 'The platform has no API to move cash: one account per token, no transfers.' },
    clientOrderId: false,
    closeComment: false,
    closeHistory: { available: true },
    closeHistoryTitle: 'Closed trades',
    presets: [],
    ticketFields: ['openedAt', 'stopLoss', 'takeProfit'],
  },
  scaletrade: {
    displayName: 'ScaleTrade',
    credential: 'login-and-password',
    multipleAccounts: false,
    accountSearch: { available: false, reason: 'One account per login.' },
    partialClose: { kind: 'lots', minimalLotsPerLot: 100 },
    closeAll: { mode: 'per-ticket', cancelOrdersOption: { available: false, reason: 'Pending trades are not cancelled by close all.' }, cancelOrdersScope: 'account' },
    cancelOrder: { available: false, reason: 'ScaleTrade pending trades cannot be cancelled through this API.' },
    cancelAllOrders: { available: false, reason: 'ScaleTrade has no request that cancels every pending trade.' },
    closeAccount: { available: false, reason: 'ScaleTrade has no API to close an account.' },
    cashSweep: { available: false, reason: 'ScaleTrade has no API to move cash: one account per login, no transfers.' },
    clientOrderId: false,
    closeComment: true,
    closeHistory: { available: true },
    closeHistoryTitle: 'Closed trades',
    presets: [],
    ticketFields: ['openedAt', 'stopLoss', 'takeProfit', 'swap', 'commission'],
  },
};
