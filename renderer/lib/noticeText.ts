/** A notice's words and how loudly the UI shows them. */
export type NoticeTone = 'success' | 'info' | 'warning' | 'error';

/** The connection and account a notice is about: with several accounts open in a day, the words alone are ambiguous. */
export interface NoticeSource {
  connection: string;
  accountNumber: string;
}

export interface NoticeText {
  tone: NoticeTone;
  text: string;
  source?: NoticeSource;
  /**
   * Names what the notice is about, e.g. one action: a later notice with the same key takes its place, so an
   * "outcome unknown" is replaced by the verdict rather than left beside it.
   */
  key?: string;
  /**
   * Says how reading the broker settled the action: an answer about the same action arriving after it (a push can
   * overtake the answer) must not put "outcome unknown" back.
   */
  settled?: boolean;
}

/** The key of every notice about one action the core named: its answer, and the push that settles it later. */
export const actionNoticeKey = (actionId: string): string => `action:${actionId}`;

/** "Alpaca demo · PA1234" */
export const sourceLine = (source: NoticeSource): string => `${source.connection} · ${source.accountNumber}`;

/** The notice about one action of one account: named by its source, replaceable by whatever settles that action. */
export function aboutAction(notice: NoticeText, source: NoticeSource | null, actionId: string | null | undefined): NoticeText {
  return { ...notice, ...(source ? { source: { connection: source.connection, accountNumber: source.accountNumber } } : {}), ...(actionId ? { key: actionNoticeKey(actionId) } : {}) };
}

/** The notice of how reading the broker settled an action: it replaces that action's answer wherever it is shown. */
export function settlingAction(notice: NoticeText, source: NoticeSource | null, actionId: string): NoticeText {
  return { ...aboutAction(notice, source, actionId), settled: true };
}
