import { z } from 'zod';

// The fields Closeout reads from Alpaca's answers. Objects accept extra fields (zod strips them); decimals stay text
// here and become DecimalString in the mapping, so no value is ever read as a binary float. Positions, which can run
// to ten thousand a poll, are read field by field in mapping.ts instead (see rowFields.ts).

const text = z.string();
const optionalText = z.string().nullish();

export const accountSchema = z.object({
  id: text,
  account_number: optionalText,
  status: text,
  currency: optionalText,
  account_name: optionalText,
  created_at: optionalText,
  identity: z.object({ given_name: optionalText, family_name: optionalText }).nullish(),
});
export type AlpacaAccount = z.infer<typeof accountSchema>;

export const tradeAccountSchema = z.object({
  id: optionalText,
  cash: optionalText,
  equity: optionalText,
  last_equity: optionalText,
  buying_power: optionalText,
  currency: optionalText,
  cash_transferable: optionalText,
  pending_transfer_out: optionalText,
});

/** A journal as Alpaca answers it; JNLC carries net_amount, and the status says whether the cash has moved. */
export const journalSchema = z.object({
  id: text,
  entry_type: text,
  from_account: text,
  to_account: text,
  status: text,
  net_amount: optionalText,
  description: optionalText,
  settle_date: optionalText,
});
export type AlpacaJournal = z.infer<typeof journalSchema>;
export type AlpacaTradeAccount = z.infer<typeof tradeAccountSchema>;

export const orderSchema = z.object({
  id: text,
  client_order_id: optionalText,
  symbol: text,
  asset_class: optionalText,
  side: text,
  type: optionalText,
  order_type: optionalText,
  qty: optionalText,
  notional: optionalText,
  filled_qty: optionalText,
  filled_avg_price: optionalText,
  limit_price: optionalText,
  stop_price: optionalText,
  time_in_force: optionalText,
  status: text,
  created_at: text,
  updated_at: optionalText,
  submitted_at: optionalText,
  filled_at: optionalText,
});
export type AlpacaOrder = z.infer<typeof orderSchema>;

const quantityText = z.union([z.string(), z.number()]).transform(String).optional();

/**
 * Alpaca's error body: `code` is the HTTP status followed by a five-digit suffix, e.g. 42210000. An "insufficient qty"
 * refusal adds the quantities that explain it.
 */
export const errorBodySchema = z.object({
  code: z.union([z.number(), z.string()]).optional(),
  message: z.string().optional(),
  existing_qty: quantityText,
  held_for_orders: quantityText,
  available: quantityText,
});

/** One line of a 207 answer to "close all positions": body is the closing order, or an error body. */
export const positionCloseItemSchema = z.object({
  symbol: text,
  status: z.number().int(),
  body: z.unknown().optional(),
});

/** One line of a 207 answer to "cancel all orders". */
export const orderCancelItemSchema = z.object({
  id: text,
  status: z.number().int(),
  body: z.unknown().optional(),
});
