import { z } from 'zod';
import { validationError, type AppError } from '../../../../shared/errors';
import { jwtPayload } from '../jwtPayload';

/**
 * What Closeout reads from the platform's bearer token. The platform verifies it; Closeout only reads what a JWT's
 * payload says about its user and expiry, and accepts a token that says nothing (an opaque one, or a JWT with other
 * claims): the platform, not Closeout, decides which tokens it issues.
 */
export interface PlatformToken {
  /** The bare token, for the Authorization header only. */
  bearer: string;
  /** userId as the reference code puts it, else the registered `sub`; null when the token names no user. */
  userId: string | null;
  email: string | null;
  expiresAt: Date | null;
  /** Why the expiry could not be read; null when it was. */
  expiryUnread: string | null;
}

/** RFC 6750's b64token: what may follow "Bearer " in an Authorization header. */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

const userClaim = z.union([z.string().trim().min(1), z.number().int()]).transform(String);
const payloadSchema = z.object({
  userId: userClaim.optional().catch(undefined),
  sub: userClaim.optional().catch(undefined),
  email: z.string().nullish().catch(undefined),
  exp: z.number().nullish().catch(undefined),
});

function invalid(rule: string): AppError {
  return validationError('secret', rule);
}

/**
 * Reads the token a connection stores as its secret. A person may paste it with its "Bearer " prefix, which is dropped.
 * Only text that cannot be a bearer token at all is refused; errors never repeat any of it.
 */
export function readPlatformToken(secret: string): PlatformToken {
  const bearer = secret.trim().replace(/^Bearer(\s+|$)/i, '');
  if (bearer === '') throw invalid('must be the token the platform issued');
  if (!BEARER_TOKEN.test(bearer)) throw invalid("must be the platform's token: letters, digits and - . _ ~ + / only, without spaces");
  const payload = payloadSchema.safeParse(jwtPayload(bearer));
  if (!payload.success) {
    return { bearer, userId: null, email: null, expiresAt: null, expiryUnread: 'the token is not a JWT whose payload Closeout can read' };
  }
  const { userId, sub, email, exp } = payload.data;
  const hasExpiry = typeof exp === 'number';
  return {
    bearer,
    userId: userId ?? sub ?? null,
    email: email?.trim() || null,
    expiresAt: hasExpiry ? new Date(exp * 1000) : null,
    expiryUnread: hasExpiry ? null : 'the token carries no expiry (no exp claim)',
  };
}
