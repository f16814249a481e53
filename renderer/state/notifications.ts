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

export const notificationStore = create<NotificationState>()((set, get) => ({
  items: [],
  nextId: 1,
  actions: {
    push: (notice) => {
      const id = get().nextId;
      set((state) => ({ nextId: id + 1, items: [...state.items, { ...notice, id, at: Date.now() }].slice(-MAX_NOTIFICATIONS) }));
      return id;
    },
    dismiss: (id) => set((state) => ({ items: state.items.filter((item) => item.id !== id) })),
  },
}));

export const pushNotice = (notice: NoticeText): number => notificationStore.getState().actions.push(notice);
export const useNotifications = () => notificationStore((state) => state.items);
export const useNotificationActions = () => notificationStore((state) => state.actions);
