import { z } from 'zod';
import { BROKER_KINDS, type BrokerKind } from '../../../shared/brokers';
import { connectionNameSchema } from '../../../shared/contract';
import type { FirmAccount } from '../../../shared/domain';

/** How to reach one broker login. Deliberately has no secret: secrets live only in the keychain, keyed by name. */
export interface ConnectionProfile {
  name: string;
  broker: BrokerKind;
  baseUrl: string;
  keyId?: string;
  login?: number;
  /** Where wind-downs sweep cash unless told otherwise, as the broker answered when it was set. */
  firmAccount?: FirmAccount;
  createdAt: string;
}

/** Strict, so a file that somehow gained a secret (or any unknown field) is refused rather than carried along. */
export const connectionProfileSchema = z
  .object({
    name: connectionNameSchema,
    broker: z.enum(BROKER_KINDS),
    baseUrl: z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }),
    // Absent or a value, never an undefined key: the same shape as ConnectionProfile under exactOptionalPropertyTypes.
    keyId: z.string().min(1).max(256).exactOptional(),
    login: z.number().int().positive().max(2 ** 31 - 1).exactOptional(),
    firmAccount: z.object({ accountId: z.string().min(1), number: z.string().min(1), name: z.string() }).strict().exactOptional(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .strict();
