import { z } from 'zod';

// The fields Closeout reads from ScaleTrade's answers, after parseExactJson: a JSON number arrives as its text, so
// numeric fields accept strings (and the same values sent as JSON strings). Objects accept extra fields.

const numeric = z.string().regex(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, { message: 'must be a number' });
const optionalText = z.string().nullish();

export const errorBodySchema = z.object({
  error: z.string().optional(),
  message: z.string().optional(),
});

export const signInSchema = z.object({
  __token: z.string().min(1, { message: 'the sign-in answer has no token' }),
  name: optionalText,
});

export const accountMeSchema = z.object({
  login: numeric,
  currency: optionalText,
  name: optionalText,
  balance: numeric.nullish(),
  equity: numeric.nullish(),
  margin_free: numeric.nullish(),
  enable: numeric.nullish(),
  enable_read_only: numeric.nullish(),
});
export type ScaleTradeAccountMe = z.infer<typeof accountMeSchema>;

export const tradeTableSchema = z.object({
  structure: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  count: z.string().regex(/^\d+$/, { message: 'must be a whole number' }),
});
export type TradeTableBody = z.infer<typeof tradeTableSchema>;

/** The seed's close answer. */
export const closedAnswerSchema = z.object({ data: z.literal('OK') });

/** The newer close answer: accepted into processing, not yet executed. `close_volume` in one edition, `volume` in another. */
export const acceptedAnswerSchema = z.object({
  accepted: z.union([z.literal(true), z.literal('true')]),
  order: numeric.nullish(),
  state: numeric.nullish(),
  close_volume: numeric.nullish(),
  volume: numeric.nullish(),
});
export type AcceptedAnswer = z.infer<typeof acceptedAnswerSchema>;

export const closeAnswerSchema = z.union([closedAnswerSchema, acceptedAnswerSchema]);
