import { z } from 'zod';
import { toDecimalString } from '../../../../shared/decimal';
import { CASH_JOURNAL_STATUSES, type CashJournal, type CashJournalStatus } from '../../../../shared/domain';
import type { CashJournalRequest } from '../broker';
import type { DestructiveAction } from '../brokerErrors';
import { mapAnswer, type AlpacaClient } from './client';
import { journalSchema, type AlpacaJournal } from './schemas';

const JOURNAL: DestructiveAction = { what: 'the cash journal', check: 'check the journals of the account' };
const JOURNALS_PATH = '/v1/journals';

/** POST /v1/journals (JNLC): the journal comes back pending, queued or already executed. */
export async function journalCash(client: AlpacaClient, request: CashJournalRequest): Promise<{ requestId: string | null; journal: CashJournal }> {
  const answer = await client.send({
    method: 'POST',
    path: JOURNALS_PATH,
    body: { entry_type: 'JNLC', from_account: request.fromAccountId, to_account: request.toAccountId, amount: request.amount, description: request.description },
    action: JOURNAL,
    notFound: `Account ${request.fromAccountId} or ${request.toAccountId} was not found.`,
  });
  const raw = client.read(answer, journalSchema);
  return { requestId: answer.requestId, journal: mapAnswer(answer, () => toCashJournal(raw)) };
}

/** GET /v1/journals filtered to cash out of one account: how a journal is read back by its id or its description. */
export async function listCashJournals(client: AlpacaClient, accountId: string, options: { toAccountId?: string | undefined; since?: string | undefined }): Promise<CashJournal[]> {
  const answer = await client.send({
    method: 'GET',
    path: JOURNALS_PATH,
    query: { entry_type: 'JNLC', from_account: accountId, to_account: options.toAccountId, after: options.since },
    notFound: 'Alpaca has no journals at this address: check the connection URL.',
  });
  const raw = client.read(answer, z.array(journalSchema));
  return mapAnswer(answer, () => raw.map(toCashJournal));
}

function toCashJournal(raw: AlpacaJournal): CashJournal {
  return {
    id: raw.id,
    fromAccountId: raw.from_account,
    toAccountId: raw.to_account,
    amount: toDecimalString(raw.net_amount ?? '0'),
    status: journalStatus(raw.status),
    description: raw.description ?? '',
    settleDate: raw.settle_date ?? null,
  };
}

/** A status Alpaca adds later is not guessed at: it reads as pending, which moves nothing until it becomes known. */
function journalStatus(status: string): CashJournalStatus {
  const lower = status.toLowerCase();
  return (CASH_JOURNAL_STATUSES as readonly string[]).includes(lower) ? (lower as CashJournalStatus) : 'pending';
}
