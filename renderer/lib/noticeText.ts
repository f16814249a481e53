/** A notice's words and how loudly the UI shows them. */
export type NoticeTone = 'success' | 'info' | 'warning' | 'error';

export interface NoticeText {
  tone: NoticeTone;
  text: string;
}
