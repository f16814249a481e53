import type { ActionKind, FillReport } from '../../../shared/actions';
import type { AuditEntry } from '../../../shared/audit';
import type { Journal } from './journal';

// Every destructive action is an intent row before anything is sent, and its state moves only forward:
//   prepared -> sent -> accepted | rejected | unknown -> settled (happened, partly, not_happened, still_unknown)
// 'sent' commits before the request leaves, so a 'prepared' intent certainly never reached the broker. An intent left
// in prepared, sent or an unsettled unknown by a process that is gone is claimed by the next process that starts or
// acts on its target, marked interrupted, and settled by reading the broker, never by sending again. One whose reading
// could not tell (still_unknown) is read again by the next process that acts on its target.

export type IntentState = 'prepared' | 'sent' | 'accepted' | 'rejected' | 'unknown' | 'settled';
export type IntentVerdict = 'happened' | 'partly' | 'not_happened' | 'still_unknown';

export interface Intent {
  actionId: string;
  kind: ActionKind;
  connection: string;
  broker: string;
  accountId: string;
  /** The lease key of what it acts on (leaseKeys.ts): overlapping keys are the same or nested targets. */
  target: string;
  params: Record<string, unknown>;
  clientOrderId: string | null;
  retryOf: string | null;
  /** "close 2 AAPL": filled in when the request is about to leave. */
  summary: string;
  /** What to read to settle it (a serialised ReconcileTarget), known once it is sent. */
  settleTarget: unknown;
  state: IntentState;
  verdict: IntentVerdict | null;
  message: string | null;
  requestId: string | null;
  owner: string;
  settler: string | null;
  /** Set when a process other than its owner took it over because the owner had stopped. */
  interruptedAt: string | null;
  /** Set once a person has been told how an interrupted intent ended (the answer to a later send on its target). */
  reportedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface IntentRow {
  action_id: string;
  kind: string;
  connection: string;
  broker: string;
  account_id: string;
  target: string;
  params: string;
  client_order_id: string | null;
  retry_of: string | null;
  summary: string;
  settle_target: string | null;
  state: IntentState;
  verdict: IntentVerdict | null;
  message: string | null;
  request_id: string | null;
  owner: string;
  settler: string | null;
  interrupted_at: string | null;
  reported_at: string | null;
  created_at: string;
  updated_at: string;
}

function toIntent(row: IntentRow): Intent {
  return {
    actionId: row.action_id,
    kind: row.kind as ActionKind,
    connection: row.connection,
    broker: row.broker,
    accountId: row.account_id,
    target: row.target,
    params: JSON.parse(row.params) as Record<string, unknown>,
    clientOrderId: row.client_order_id,
    retryOf: row.retry_of,
    summary: row.summary,
    settleTarget: row.settle_target === null ? null : (JSON.parse(row.settle_target) as unknown),
    state: row.state,
    verdict: row.verdict,
    message: row.message,
    requestId: row.request_id,
    owner: row.owner,
    settler: row.settler,
    interruptedAt: row.interrupted_at,
    reportedAt: row.reported_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type NewIntent = Pick<Intent, 'actionId' | 'kind' | 'connection' | 'broker' | 'accountId' | 'target' | 'params' | 'clientOrderId' | 'retryOf' | 'summary'>;

/** The audit entry that goes with an intent: same action id, connection, broker, account and parameters. */
export function auditEntryFor(intent: Pick<Intent, 'actionId' | 'kind' | 'connection' | 'broker' | 'accountId' | 'params'>, entry: Pick<AuditEntry, 'phase' | 'requestId' | 'outcome' | 'errorCode' | 'message'>): AuditEntry {
  return { actionId: intent.actionId, action: intent.kind, connection: intent.connection, broker: intent.broker, accountId: intent.accountId, params: intent.params, ...entry };
}

/** Every statement runs inside the caller's journal transaction (journal.write). */
export interface Intents {
  get(actionId: string): Intent | null;
  prepare(intent: NewIntent): void;
  markSent(actionId: string, summary: string, settleTarget: unknown): void;
  /** The broker's answer (or the refusal before sending): accepted, rejected or unknown. */
  finish(actionId: string, state: 'accepted' | 'rejected' | 'unknown', message: string | null, requestId: string | null): void;
  settle(actionId: string, verdict: IntentVerdict, message: string): void;
  /**
   * What following the action's order found: its fill (a close all's: one per position it followed, in order), kept
   * beside the outcome. Reading only; nothing is sent.
   */
  recordFill(actionId: string, fill: FillReport | readonly FillReport[]): void;
  /**
   * Intents a gone process left unsettled: all of them, or those whose target overlaps `target`. On a target, also
   * those it could only settle as still unknown: before anything more is sent there, they are read again.
   */
  abandoned(target?: string): Intent[];
  /**
   * Takes one over: this process becomes its settler and it is marked interrupted (a verdict of still unknown is
   * dropped, to be read again). The returned intent keeps the state it was left in: 'prepared' tells the settler
   * nothing was sent.
   */
  claim(intent: Intent): Intent;
  /** Interrupted intents on targets overlapping `target` whose ending nobody has been told yet; marks them told. */
  takeUnreported(target: string): Intent[];
  /** A deliberate retry has seen how this one ended: it no longer answers for its target. */
  markReported(actionId: string): void;
  /** Intents on overlapping targets that are not settled yet, whoever holds them. */
  unsettledOverlapping(target: string): Intent[];
  /** Interrupted intents, newest first: what the app shows in its Actions panel at start. */
  interrupted(limit: number): Intent[];
  /**
   * The newest action on an overlapping target, by any process, begun at or after `since` and not known to have
   * failed: a plan read before it is stale for that target.
   */
  actedOnSince(target: string, since: string): Intent | null;
}

export function openIntents(journal: Journal): Intents {
  const { db } = journal;
  const now = () => new Date().toISOString();
  const overlaps = 'substr(target, 1, length(:target)) = :target OR substr(:target, 1, length(target)) = target';
  const statements = {
    get: db.prepare<[string], IntentRow>('SELECT * FROM intents WHERE action_id = ?'),
    insert: db.prepare(
      `INSERT INTO intents (action_id, kind, connection, broker, account_id, target, params, client_order_id, retry_of, summary, state, owner, created_at, updated_at)
       VALUES (@actionId, @kind, @connection, @broker, @accountId, @target, @params, @clientOrderId, @retryOf, @summary, 'prepared', @owner, @now, @now)`,
    ),
    sent: db.prepare("UPDATE intents SET state = 'sent', summary = ?, settle_target = ?, updated_at = ? WHERE action_id = ? AND state = 'prepared'"),
    finish: db.prepare("UPDATE intents SET state = ?, message = ?, request_id = ?, updated_at = ? WHERE action_id = ? AND state IN ('prepared', 'sent')"),
    settle: db.prepare("UPDATE intents SET state = 'settled', verdict = ?, message = ?, updated_at = ? WHERE action_id = ? AND verdict IS NULL"),
    recordFill: db.prepare('UPDATE intents SET fill = ?, updated_at = ? WHERE action_id = ?'),
    unsettled: db.prepare<[], IntentRow>("SELECT * FROM intents WHERE verdict IS NULL AND state IN ('prepared', 'sent', 'unknown')"),
    unsettledOverlapping: db.prepare<{ target: string }, IntentRow>(
      `SELECT * FROM intents WHERE verdict IS NULL AND state IN ('prepared', 'sent', 'unknown') AND (${overlaps})`,
    ),
    // Before a send, an intent whose reading could not tell (still_unknown) is read again too: it may have happened.
    unresolvedOverlapping: db.prepare<{ target: string }, IntentRow>(
      `SELECT * FROM intents WHERE ((verdict IS NULL AND state IN ('prepared', 'sent', 'unknown')) OR verdict = 'still_unknown') AND (${overlaps})`,
    ),
    claim: db.prepare(
      "UPDATE intents SET settler = ?, state = 'unknown', verdict = NULL, reported_at = NULL, interrupted_at = coalesce(interrupted_at, ?), updated_at = ? WHERE action_id = ?",
    ),
    unreported: db.prepare<{ target: string }, IntentRow>(
      `SELECT * FROM intents WHERE interrupted_at IS NOT NULL AND verdict IS NOT NULL AND reported_at IS NULL AND (${overlaps}) ORDER BY created_at`,
    ),
    report: db.prepare('UPDATE intents SET reported_at = ? WHERE action_id = ?'),
    interrupted: db.prepare<[number], IntentRow>('SELECT * FROM intents WHERE interrupted_at IS NOT NULL ORDER BY interrupted_at DESC LIMIT ?'),
    actedOnSince: db.prepare<{ target: string; since: string }, IntentRow>(
      `SELECT * FROM intents WHERE created_at >= :since AND (${overlaps})
         AND (state IN ('sent', 'accepted', 'unknown') OR (state = 'settled' AND verdict IN ('happened', 'partly', 'still_unknown')))
       ORDER BY created_at DESC LIMIT 1`,
    ),
  };

  const abandoned = (row: IntentRow) => {
    const responsible = row.settler ?? row.owner;
    return responsible !== journal.me && !journal.isRunning(responsible);
  };

  return {
    get: (actionId) => {
      const row = statements.get.get(actionId);
      return row ? toIntent(row) : null;
    },
    prepare: (intent) =>
      void statements.insert.run({ ...intent, params: JSON.stringify(intent.params), owner: journal.me, now: now() }),
    markSent: (actionId, summary, settleTarget) => void statements.sent.run(summary, JSON.stringify(settleTarget), now(), actionId),
    finish: (actionId, state, message, requestId) => void statements.finish.run(state, message, requestId, now(), actionId),
    settle: (actionId, verdict, message) => void statements.settle.run(verdict, message, now(), actionId),
    recordFill: (actionId, fill) => void statements.recordFill.run(JSON.stringify(fill), now(), actionId),
    abandoned: (target) => (target === undefined ? statements.unsettled.all() : statements.unresolvedOverlapping.all({ target })).filter(abandoned).map(toIntent),
    claim(intent) {
      const at = now();
      statements.claim.run(journal.me, at, at, intent.actionId);
      return { ...intent, settler: journal.me, verdict: null, reportedAt: null, interruptedAt: intent.interruptedAt ?? at, updatedAt: at };
    },
    takeUnreported(target) {
      const rows = statements.unreported.all({ target });
      const at = now();
      for (const row of rows) statements.report.run(at, row.action_id);
      return rows.map(toIntent);
    },
    markReported: (actionId) => void statements.report.run(now(), actionId),
    unsettledOverlapping: (target) => statements.unsettledOverlapping.all({ target }).map(toIntent),
    interrupted: (limit) => statements.interrupted.all(limit).map(toIntent),
    actedOnSince: (target, since) => {
      const row = statements.actedOnSince.get({ target, since });
      return row ? toIntent(row) : null;
    },
  };
}
