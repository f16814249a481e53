import { z } from 'zod';
import { validationError, type AppError } from '../../../../shared/errors';

/** What Closeout reads from the platform's JWT. The platform verifies the signature; Closeout only reads the payload. */
export interface PlatformToken {
  /** The bare JWT, for the Authorization header only. */
  jwt: string;
  userId: string;
  email: string | null;
  expiresAt: Date | null;
}

const BASE64URL_PART = /^[A-Za-z0-9_-]+={0,2}$/;

const payloadSchema = z.object({
  userId: z.union([z.string().trim().min(1), z.number().int()]),
  email: z.string().nullish(),
  exp: z.number().nullish(),
});

function invalid(rule: string): AppError {
  return validationError('secret', rule);
}

/**
 * Reads the token a connection stores as its secret. A person may paste it with its "Bearer " prefix, which is dropped.
 * Errors say what is wrong with the token and never repeat any of it.
 */
export function readPlatformToken(secret: string): PlatformToken {
  const jwt = secret.trim().replace(/^Bearer\s+/i, '');
  const parts = jwt.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL_PART.test(part))) {
    throw invalid('must be the platform\'s token: a JWT of three base64url parts separated by dots');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8'));
  } catch {
    throw invalid('is not a readable JWT: its middle part is not base64url-encoded JSON');
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw invalid('is a JWT without a userId in its payload, so it is not the platform\'s sign-in token');
  const { userId, email, exp } = parsed.data;
  return {
    jwt,
    userId: String(userId),
    email: email?.trim() || null,
    expiresAt: exp === null || exp === undefined ? null : new Date(exp * 1000),
  };
}
