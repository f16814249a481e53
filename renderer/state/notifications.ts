import { create } from 'zustand';
import type { NoticeText } from '../lib/noticeText';

export interface Notification extends NoticeText {
  id: number;
  at: number;
}

export const MAX_NOTIFICATIONS = 6;

interface NotificationState {
  items: Notification[];
  nextId: number;
  actions: {
    push(notice: NoticeText): number;
    dismiss(id: number): void;
  };
}

/**
 * A notice whose key is already shown takes that notice's place and id (the same toast, now saying what settled it),
 * unless the shown one is already the settled word; any other one joins the end, the oldest going once there are too
 * many.
 */
export const notificationStore = create<NotificationState>()((set, get) => ({
  items: [],
  nextId: 1,
  actions: {
    push: (notice) => {
      const at = Date.now();
      const held = notice.key === undefined ? undefined : get().items.find((item) => item.key === notice.key);
      if (held?.settled && !notice.settled) return held.id;
      if (held) {
        set((state) => ({ items: state.items.map((item) => (item.id === held.id ? { ...notice, id: held.id, at } : item)) }));
        return held.id;
      }
      const id = get().nextId;
      set((state) => ({ nextId: id + 1, items: [...state.items, { ...notice, id, at }].slice(-MAX_NOTIFICATIONS) }));
      return id;
    },
    dismiss: (id) => set((state) => ({ items: state.items.filter((item) => item.id !== id) })),
  },
}));

export const pushNotice = (notice: NoticeText): number => notificationStore.getState().actions.push(notice);
export const useNotifications = () => notificationStore((state) => state.items);
export const useNotificationActions = () => notificationStore((state) => state.actions);
