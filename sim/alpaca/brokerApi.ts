import type { OpenApiDocument, ParameterObject } from '../shared/openApiContract';

// The endpoints of Alpaca's Broker API that Closeout uses, described from the Broker API reference (BROKERS.md and
// its seed page) in OpenAPI form: paths, parameters and the fields Closeout reads or the simulator must send. The
// vendor's own OpenAPI file is an older edition without the account close and with recursive order schemas, so this
// one is written here instead, and both the simulator's answers and the adapter's requests are checked against it.

const decimal = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };
const nullableDecimal = { type: ['string', 'null'], pattern: '^-?\\d+(\\.\\d+)?$' };
const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const date = { type: 'string', format: 'date' };
const JOURNAL_STATUS = ['pending', 'canceled', 'executed', 'queued', 'rejected', 'deleted'];

const accountId: ParameterObject = { name: 'account_id', in: 'path', required: true, schema: uuid };
const orderId: ParameterObject = { name: 'order_id', in: 'path', required: true, schema: uuid };
/** A position is named by its symbol in position form (BTCUSD, never BTC/USD) or by its asset id. */
const symbolOrAssetId: ParameterObject = { name: 'symbol_or_asset_id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9.-]+$' } };
/** qty and percentage: up to nine decimal places. */
const nineDecimals = { type: 'string', pattern: '^\\d+(\\.\\d{1,9})?$' };

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = json(ref('Error'));

export const ALPACA_BROKER_API: OpenApiDocument = {
  paths: {
    '/v1/accounts': {
      get: {
        parameters: [
          { name: 'query', in: 'query', schema: { type: 'string' } },
          { name: 'status', in: 'query', schema: { type: 'string' } },
          { name: 'created_after', in: 'query', schema: dateTime },
          { name: 'created_before', in: 'query', schema: dateTime },
          { name: 'sort', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'] } },
          { name: 'entities', in: 'query', schema: { type: 'string' } },
        ],
        responses: { '200': json({ type: 'array', maxItems: 1000, items: ref('Account') }) },
      },
    },
    '/v1/accounts/{account_id}': {
      parameters: [accountId],
      get: { responses: { '200': json(ref('Account')), '404': error } },
    },
    '/v1/accounts/{account_id}/actions/close': {
      parameters: [accountId],
      post: { responses: { '204': {}, '404': error } },
    },
    '/v1/trading/accounts/{account_id}/account': {
      parameters: [accountId],
      get: { responses: { '200': json(ref('TradeAccount')), '404': error } },
    },
    '/v1/trading/accounts/{account_id}/positions': {
      parameters: [accountId],
      get: { responses: { '200': json({ type: 'array', items: ref('Position') }), '404': error } },
      delete: {
        parameters: [{ name: 'cancel_orders', in: 'query', schema: { type: 'boolean' } }],
        responses: {
          '207': json({
            type: 'array',
            items: {
              type: 'object',
              required: ['symbol', 'status', 'body'],
              properties: { symbol: { type: 'string' }, status: { type: 'integer' }, body: { oneOf: [ref('Order'), ref('Error')] } },
            },
          }),
          '404': error,
          '422': error,
          '500': error,
        },
      },
    },
    '/v1/trading/accounts/{account_id}/positions/{symbol_or_asset_id}': {
      parameters: [accountId, symbolOrAssetId],
      delete: {
        parameters: [
          { name: 'qty', in: 'query', schema: nineDecimals },
          { name: 'percentage', in: 'query', schema: nineDecimals },
        ],
        responses: { '200': json(ref('Order')), '403': error, '404': error, '422': error },
      },
    },
    '/v1/trading/accounts/{account_id}/orders': {
      parameters: [accountId],
      get: {
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'closed', 'all'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
          { name: 'after', in: 'query', schema: dateTime },
          { name: 'until', in: 'query', schema: dateTime },
          { name: 'direction', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'] } },
          { name: 'symbols', in: 'query', schema: { type: 'array', items: { type: 'string' } }, explode: false },
        ],
        responses: { '200': json({ type: 'array', items: ref('Order') }), '404': error },
      },
      delete: {
        responses: {
          '207': json({
            type: 'array',
            items: { type: 'object', required: ['id', 'status'], properties: { id: uuid, status: { type: 'integer' }, body: ref('Order') } },
          }),
          '404': error,
        },
      },
    },
    '/v1/trading/accounts/{account_id}/orders/{order_id}': {
      parameters: [accountId, orderId],
      delete: { responses: { '204': {}, '404': error, '422': error } },
    },
    '/v1/journals': {
      get: {
        parameters: [
          { name: 'after', in: 'query', schema: date },
          { name: 'before', in: 'query', schema: date },
          { name: 'status', in: 'query', schema: { enum: JOURNAL_STATUS } },
          { name: 'entry_type', in: 'query', schema: { enum: ['JNLC', 'JNLS'] } },
          { name: 'to_account', in: 'query', schema: uuid },
          { name: 'from_account', in: 'query', schema: uuid },
        ],
        responses: { '200': json({ type: 'array', items: ref('Journal') }), '400': error },
      },
      post: {
        requestBody: json({
          type: 'object',
          required: ['to_account', 'from_account', 'entry_type'],
          properties: {
            to_account: uuid,
            from_account: uuid,
            entry_type: { enum: ['JNLC', 'JNLS'] },
            amount: { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' },
            description: { type: 'string', maxLength: 1024 },
          },
        }),
        // 403: the amount requested to move is not available; 404: one of the accounts is not found.
        responses: { '200': json(ref('Journal')), '400': error, '403': error, '404': error, '422': error },
      },
    },
    '/v1/journals/{journal_id}': {
      parameters: [{ name: 'journal_id', in: 'path', required: true, schema: uuid }],
      delete: { responses: { '204': {}, '404': error, '422': error } },
    },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        required: ['code', 'message'],
        // The HTTP status followed by a five-digit suffix, e.g. 40410000.
        properties: { code: { type: 'integer', minimum: 10_000_000, maximum: 99_999_999 }, message: { type: 'string' } },
      },
      Account: {
        type: 'object',
        required: ['id', 'account_number', 'status', 'currency', 'last_equity', 'created_at'],
        properties: {
          id: uuid,
          account_number: { type: 'string' },
          status: {
            enum: [
              'ONBOARDING', 'SUBMITTED', 'RESUBMITTED', 'SUBMISSION_FAILED', 'ACTION_REQUIRED', 'EDITED', 'ACCOUNT_UPDATED',
              'APPROVAL_PENDING', 'REAPPROVAL_PENDING', 'SIGNED_UP', 'KYC_SUBMITTED', 'LIMITED', 'AML_REVIEW', 'APPROVED',
              'REJECTED', 'ACTIVE', 'INACTIVE', 'DISABLED', 'DISABLE_PENDING', 'ACCOUNT_CLOSED', 'PAPER_ONLY',
            ],
          },
          currency: { type: 'string' },
          last_equity: decimal,
          created_at: dateTime,
          account_type: { type: 'string' },
          identity: { type: 'object', properties: { given_name: { type: 'string' }, family_name: { type: 'string' } } },
        },
      },
      TradeAccount: {
        type: 'object',
        required: ['id', 'account_number', 'status', 'currency', 'cash', 'equity', 'buying_power'],
        properties: {
          id: uuid, account_number: { type: 'string' }, status: { type: 'string' }, currency: { type: 'string' }, cash: decimal, equity: decimal, buying_power: decimal,
          cash_withdrawable: decimal, cash_transferable: decimal, pending_transfer_out: decimal,
        },
      },
      Journal: {
        type: 'object',
        required: ['id', 'entry_type', 'from_account', 'to_account', 'settle_date', 'status', 'net_amount'],
        properties: {
          id: uuid,
          entry_type: { enum: ['JNLC', 'JNLS'] },
          from_account: uuid,
          to_account: uuid,
          settle_date: { type: ['string', 'null'] },
          status: { enum: JOURNAL_STATUS },
          net_amount: decimal,
          description: { type: 'string' },
        },
      },
      Position: {
        type: 'object',
        required: [
          'asset_id', 'symbol', 'exchange', 'asset_class', 'side', 'qty', 'qty_available', 'avg_entry_price', 'market_value', 'cost_basis',
          'unrealized_pl', 'unrealized_plpc', 'unrealized_intraday_pl', 'unrealized_intraday_plpc', 'current_price', 'lastday_price', 'change_today',
        ],
        properties: {
          asset_id: uuid,
          // Crypto in position form: BTCUSD, never BTC/USD.
          symbol: { type: 'string', pattern: '^[A-Z0-9.]+$' },
          exchange: { type: 'string' },
          asset_class: { enum: ['us_equity', 'crypto', 'us_option'] },
          side: { enum: ['long', 'short'] },
          qty: decimal, qty_available: decimal, avg_entry_price: decimal, market_value: decimal, cost_basis: decimal,
          unrealized_pl: decimal, unrealized_plpc: decimal, unrealized_intraday_pl: decimal, unrealized_intraday_plpc: decimal,
          current_price: decimal, lastday_price: decimal, change_today: decimal,
        },
      },
      Order: {
        type: 'object',
        required: ['id', 'client_order_id', 'created_at', 'symbol', 'asset_class', 'qty', 'filled_qty', 'type', 'side', 'time_in_force', 'status'],
        properties: {
          id: uuid,
          client_order_id: { type: 'string', maxLength: 48 },
          created_at: dateTime,
          submitted_at: dateTime,
          // Crypto orders keep the pair's slash: BTC/USD.
          symbol: { type: 'string' },
          asset_class: { enum: ['us_equity', 'crypto', 'us_option'] },
          qty: nullableDecimal,
          notional: nullableDecimal,
          filled_qty: decimal,
          limit_price: nullableDecimal,
          type: { enum: ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'] },
          side: { enum: ['buy', 'sell'] },
          time_in_force: { enum: ['day', 'gtc', 'opg', 'cls', 'ioc', 'fok'] },
          status: {
            enum: [
              'new', 'partially_filled', 'filled', 'done_for_day', 'canceled', 'expired', 'replaced', 'pending_cancel', 'pending_replace',
              'accepted', 'pending_new', 'accepted_for_bidding', 'stopped', 'rejected', 'suspended', 'calculated',
            ],
          },
        },
      },
    },
  },
};
