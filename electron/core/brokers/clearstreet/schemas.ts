import { z } from 'zod';

// The fields Closeout reads from Clear Street's answers. Objects accept extra fields (zod strips them); decimals stay
// text here and become DecimalString in the mapping, so no value is ever read as a binary float.

const text = z.string();
const optionalText = z.string().nullish();

/** Account ids are JSON integers (i64); beyond 2^53 they could not be read exactly, so such an answer is refused. */
const accountId = z.union([z.number().int().refine(Number.isSafeInteger, 'an account id too large to read exactly'), z.string().regex(/^\d+$/)]);

export const metadataSchema = z.object({
  request_id: optionalText,
  next_page_token: optionalText,
});

/** The envelope every answer comes in: `data` on success, `error` otherwise, `metadata` always. */
export function envelopeSchema<S extends z.ZodType>(data: S) {
  return z.object({ data, metadata: metadataSchema.nullish() });
}

export const accountSchema = z.object({
  id: accountId,
  full_name: optionalText,
  short_name: optionalText,
  status: text,
});
export type ClearStreetAccount = z.infer<typeof accountSchema>;

export const balancesSchema = z.object({
  currency: optionalText,
  equity: optionalText,
  trade_cash: optionalText,
  settled_cash: optionalText,
  buying_power: optionalText,
  daily_pnl: optionalText,
});
export type ClearStreetBalances = z.infer<typeof balancesSchema>;

export const positionSchema = z.object({
  symbol: text,
  instrument_type: optionalText,
  position_type: optionalText,
  quantity: text,
  available_quantity: optionalText,
  avg_price: optionalText,
  instrument_price: optionalText,
  market_value: optionalText,
  unrealized_pnl: optionalText,
  unrealized_pnl_pct: optionalText,
});
export type ClearStreetPosition = z.infer<typeof positionSchema>;

export const orderSchema = z.object({
  id: text,
  client_order_id: optionalText,
  symbol: optionalText,
  instrument_id: optionalText,
  instrument_type: optionalText,
  side: text,
  quantity: optionalText,
  filled_quantity: optionalText,
  order_type: optionalText,
  time_in_force: optionalText,
  limit_price: optionalText,
  stop_price: optionalText,
  average_fill_price: optionalText,
  status: text,
  created_at: text,
  updated_at: optionalText,
});
export type ClearStreetOrder = z.infer<typeof orderSchema>;

/** ApiError: `code` is the HTTP status; `details` are free-form objects (a described violation, or a domain with metadata). */
export const apiErrorSchema = z.object({
  code: z.union([z.number(), z.string()]).optional(),
  message: z.string().optional(),
  details: z.array(z.unknown()).nullish(),
});
