import type { AuditKeyStore } from '../credentials/auditKeyStore';
import { openAuditChain, type AuditLog } from './auditChain';
import { openIntents, type Intents } from './intents';
import { openJournal, type Journal } from './journal';
import { openLeases, type Leases } from './leases';

/** The journal and the four things kept in it, opened together on one connection. */
export interface JournalStores {
  journal: Journal;
  audit: AuditLog;
  intents: Intents;
  leases: Leases;
}

export function openJournalStores(dataDir: string, keys: AuditKeyStore): JournalStores {
  const journal = openJournal(dataDir);
  return { journal, audit: openAuditChain(journal, keys), intents: openIntents(journal), leases: openLeases(journal) };
}
