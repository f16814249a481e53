import { useEffect } from 'react';
import { formatClock } from '../lib/format';
import { sourceLine } from '../lib/noticeText';
import { useNotificationActions, useNotifications, type Notification } from '../state/notifications';
import './Notifications.css';

const AUTO_DISMISS_MS = 12_000;

function NotificationItem({ notification, onDismiss }: { notification: Notification; onDismiss(id: number): void }) {
  const persistent = notification.tone === 'error' || notification.tone === 'warning';
  useEffect(() => {
    if (persistent) return undefined;
    const timer = setTimeout(() => onDismiss(notification.id), AUTO_DISMISS_MS);
    return () => clearTimeout(timer);
  }, [persistent, notification.id, onDismiss, notification.at]);

  return (
    <div role={persistent ? 'alert' : 'status'} className={`notice notice-${notification.tone}`} data-notice-id={notification.id}>
      <span className="notice-time">{formatClock(notification.at)}</span>
      <p className="notice-text">
        {notification.source ? (
          <>
            <span className="notice-source">{sourceLine(notification.source)}</span>
            {' — '}
          </>
        ) : null}
        {notification.text}
      </p>
      <button type="button" className="icon-button" aria-label="Dismiss notification" onClick={() => onDismiss(notification.id)}>
        ×
      </button>
    </div>
  );
}

/**
 * Results of actions in plain words, each naming the connection and account it is about; errors and unknown outcomes
 * stay until dismissed. The stack sits in the workspace beside the tables, never over them.
 *
 * An open dialog marks everything outside it aria-hidden (Radix, through the aria-hidden package), which would silence
 * every notice raised meanwhile. That package leaves elements carrying aria-live alone, so the region carries one:
 * "off", because the region itself announces nothing; each notice inside is its own live region (status or alert).
 */
export function Notifications() {
  const items = useNotifications();
  const { dismiss } = useNotificationActions();
  return (
    <section className="notifications" aria-label="Notifications" aria-live="off">
      {items.map((notification) => (
        <NotificationItem key={notification.id} notification={notification} onDismiss={dismiss} />
      ))}
    </section>
  );
}
