/** The account on screen: read as often as before, so what a desk watches is never older than this. */
export const FOCUSED_POLL_MS = 5_000;
/**
 * An account read by a view that is not the one on screen (a dialog left open on it): kept roughly current at a
 * twelfth of the cost. Every action on it still re-reads it at once.
 */
export const OTHER_POLL_MS = 60_000;

export interface PollSight {
  /** The account is the one the window shows. */
  focused: boolean;
  /** The window (or the `closeout ui` tab) can be seen: not hidden, minimised or in a background tab. */
  visible: boolean;
}

/**
 * How often a polled list is read again, from what is on screen: the focused account often, others rarely, nothing
 * while nobody can see the window (returning to it reads at once, as a stale list is refetched on focus).
 */
export function pollInterval(sight: PollSight): number | false {
  if (!sight.visible) return false;
  return sight.focused ? FOCUSED_POLL_MS : OTHER_POLL_MS;
}
