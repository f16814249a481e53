import type { ReactNode } from 'react';
import { useScrollTabStop } from '../../hooks/useScrollTabStop';

/**
 * A box whose content may scroll. While it does, it is a named region and a Tab stop, so the keyboard can scroll what
 * the mouse can (WCAG 2.1.1); while everything fits it is a plain box that adds no stop.
 */
export function ScrollRegion({ className, label, children }: { className: string; label: string; children: ReactNode }) {
  const { ref, scrolls } = useScrollTabStop<HTMLDivElement>();
  const named = scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {};
  return (
    <div ref={ref} className={className} {...named}>
      {children}
    </div>
  );
}

interface ScrollListProps {
  className: string;
  label: string;
  children: ReactNode;
  id?: string;
  /** An <ol>, for items in the order they happened. */
  ordered?: boolean;
}

/** A list whose items may scroll: named always, a Tab stop while it scrolls, for the same reason as ScrollRegion. */
export function ScrollList({ className, label, children, id, ordered = false }: ScrollListProps) {
  const { ref, scrolls } = useScrollTabStop<HTMLElement>();
  const props = { ref, id, className, 'aria-label': label, tabIndex: scrolls ? 0 : undefined };
  return ordered ? <ol {...props}>{children}</ol> : <ul {...props}>{children}</ul>;
}
