import { z } from 'zod';

// The fields Closeout reads from the platform's answers. Bodies are parsed with every number kept as its source text,
// so numeric fields are strings here (whether the platform sent 0.25 or "0.25") and become DecimalString in the mapping.

const numberText = z.string();
const optionalNumber = numberText.nullish();
const optionalText = z.string().nullish();

/** `{"message": [...]}`; the reference code sends the array as a JSON string inside `message`. */
export const listAnswerSchema = z.object({ message: z.union([z.array(z.unknown()), z.string()]) });

/** One open order, i.e. one position ticket. */
export const openOrderSchema = z.object({
  orderId: z.string().min(1),
  symbol: z.string().min(1),
  type: z.string(),
  quantity: numberText,
  openPrice: optionalNumber,
  currentPrice: optionalNumber,
  profit: optionalNumber,
  profitLoss: optionalNumber,
  openTime: optionalText,
  takeProfit: optionalNumber,
  stopLoss: optionalNumber,
  status: optionalText,
});
export type OpenOrder = z.infer<typeof openOrderSchema>;

export const closedOrderSchema = openOrderSchema.extend({
  closePrice: optionalNumber,
  closeTime: optionalText,
  closedAt: optionalText,
});
export type ClosedOrder = z.infer<typeof closedOrderSchema>;

/** What a close answer says about the order: the seed's summary, or the whole closed order. */
export const closedSummarySchema = z.object({
  orderId: optionalText,
  status: optionalText,
  closePrice: optionalNumber,
  profit: optionalNumber,
  profitLoss: optionalNumber,
  closeTime: optionalText,
  closedAt: optionalText,
});
export type ClosedSummary = z.infer<typeof closedSummarySchema>;

export const closeAnswerSchema = z.object({ message: optionalText, order: closedSummarySchema.nullish() });

/** `{status:"success", message:<number>}`; a currency is read when an edition sends one. */
export const balanceSchema = z.object({ status: optionalText, message: numberText, currency: optionalText });
export type Balance = z.infer<typeof balanceSchema>;

/** Flat error bodies: `{"error": "..."}`, sometimes with `"message"`. */
export const errorBodySchema = z.object({ error: z.unknown().optional(), message: z.unknown().optional() });
