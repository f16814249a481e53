import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react';
import { nextActiveIndex } from '../lib/listNavigation';
import { extendTo, onlyRow, selectAll, toggleRow, NO_SELECTION, type RowSelection } from '../lib/rowSelection';
import { dialogStore } from '../state/dialogs';
import { registerGrid } from '../state/gridFocus';

/** True inside a roving grid: its controls leave the Tab order to the grid's one stop and are reached by arrows. */
export const RovingGridContext = createContext(false);

export const useInRovingGrid = () => useContext(RovingGridContext);

const CONTROLS = 'button:not(:disabled), input:not(:disabled), a[href]';

interface RovingOptions {
  /** Row ids in the order shown. */
  order: readonly string[];
  containerRef: RefObject<HTMLDivElement | null>;
  scrollToIndex(index: number): void;
  /** For PageUp and PageDown: a page is the rows that fit in the container. */
  rowHeight: number;
  /** Names the grid for focus returning from a dialog (see state/gridFocus). */
  gridId: string;
  selection?: RowSelection;
  onSelectionChange?(next: RowSelection): void;
  /** A row's own shortcuts (C, P, X): true when the key was taken. */
  onRowKey?(event: KeyboardEvent, id: string): boolean;
}

function rowOf(element: EventTarget | null): HTMLElement | null {
  return element instanceof HTMLElement ? element.closest<HTMLElement>('[data-row-id]') : null;
}

/** The first row after `id` in the earlier order that is still listed, else the nearest one before it. */
function nextStillListed(before: readonly string[], now: readonly string[], id: string): string | null {
  const listed = new Set(now);
  const at = before.indexOf(id);
  for (let index = at + 1; at >= 0 && index < before.length; index += 1) if (listed.has(before[index] as string)) return before[index] as string;
  for (let index = at - 1; index >= 0; index -= 1) if (listed.has(before[index] as string)) return before[index] as string;
  return now[0] ?? null;
}

function moveAmong(elements: HTMLElement[], current: Element, step: number): HTMLElement | null {
  const index = elements.indexOf(current as HTMLElement);
  return elements[index + step] ?? null;
}

/**
 * Grid-like roving focus for a virtual table: the table is one Tab stop (its active row), arrows move between rows,
 * Right and Left between a row's controls, Up from the first row to the column headers. With a selection, Space
 * toggles the row, Shift+arrows extend, Ctrl+A picks every row shown and Esc clears. When the focused row goes away
 * (closed, filtered out) the row that took its place is active, and focused if focus had nowhere else to go.
 */
export function useRovingRows({ order, containerRef, scrollToIndex, rowHeight, gridId, selection, onSelectionChange, onRowKey }: RovingOptions) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const hadFocus = useRef(false);
  const pendingFocus = useRef<string | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  // The order as last rendered: when the active row goes, the row after it there that is still listed takes its place.
  const orderBefore = useRef<readonly string[]>(order);

  const index = activeId === null ? -1 : order.indexOf(activeId);
  // The row that holds the Tab stop: the active one, else the first.
  const current = index >= 0 ? activeId : (order[0] ?? null);

  const focusRow = useCallback(
    (id: string) => {
      pendingFocus.current = id;
      setActiveId(id);
      setFocusTick((tick) => tick + 1);
    },
    [],
  );

  // Focus lands once the virtualizer has rendered the row, a frame or two after scrolling to it.
  useLayoutEffect(() => {
    const id = pendingFocus.current;
    if (id === null) return undefined;
    const at = order.indexOf(id);
    if (at < 0) return undefined;
    scrollToIndex(at);
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      const row = containerRef.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(id)}"]`);
      if (row) {
        pendingFocus.current = null;
        row.focus({ preventScroll: true });
      } else if (tries < 10) {
        tries += 1;
        frame = requestAnimationFrame(attempt);
      }
    };
    attempt();
    return () => cancelAnimationFrame(frame);
    // focusTick asks again for the same row.
  }, [focusTick, order, scrollToIndex, containerRef]);

  // The active row went away (closed and re-read, or filtered out): the next row still listed becomes active, and
  // takes focus if focus fell to the page with it (not while a dialog holds focus: closing it brings focus here).
  useEffect(() => {
    if (activeId !== null && index < 0) {
      const successor = nextStillListed(orderBefore.current, order, activeId);
      if (successor === null) setActiveId(null);
      else if (hadFocus.current && document.activeElement === document.body && dialogStore.getState().open === null) focusRow(successor);
      else setActiveId(successor);
    }
    orderBefore.current = order;
  }, [activeId, index, order, focusRow]);

  // A dialog opened from a row gives focus back to that row, or to the one that took its place.
  useEffect(
    () =>
      registerGrid(gridId, (id) => {
        // A row gone while the dialog was open has already handed the active place to the row after it.
        const target = id !== null && order.includes(id) ? id : current;
        if (target !== null) focusRow(target);
      }),
    [gridId, order, current, focusRow],
  );

  const select = useCallback((next: RowSelection) => onSelectionChange?.(next), [onSelectionChange]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const container = containerRef.current;
      if (!container) return;
      const target = event.target as HTMLElement;
      const headers = [...container.querySelectorAll<HTMLElement>('[role="columnheader"] button')];
      if (headers.includes(target)) {
        const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        const next = step === 0 ? null : moveAmong(headers, target, step);
        if (next) next.focus();
        else if (event.key === 'ArrowDown' && current !== null) focusRow(current);
        else return;
        event.preventDefault();
        return;
      }
      const row = rowOf(target);
      const id = row?.dataset.rowId;
      if (!row || id === undefined) return;
      const onRow = target === row;
      const controls = [...row.querySelectorAll<HTMLElement>(CONTROLS)];

      if (!onRow) {
        // Inside a row's control: Left and Right move along the row; Up, Down and Esc go back to the rows.
        if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
          const next = moveAmong(controls, target, event.key === 'ArrowRight' ? 1 : -1);
          (next ?? (event.key === 'ArrowLeft' ? row : target)).focus();
          event.preventDefault();
        } else if (event.key === 'Escape' || event.key === 'ArrowUp' || event.key === 'ArrowDown') {
          focusRow(id);
          event.preventDefault();
        }
        return;
      }

      const picked = selection ?? NO_SELECTION;
      const at = order.indexOf(id);
      const pageSize = Math.max(1, Math.floor(container.clientHeight / rowHeight) - 1);
      const step = nextActiveIndex(event.key, at, order.length, pageSize);
      if (step !== null) {
        event.preventDefault();
        if (event.key === 'ArrowUp' && at === 0 && !event.shiftKey) {
          headers[0]?.focus();
          return;
        }
        const nextId = order[step];
        if (nextId === undefined) return;
        if (event.shiftKey && onSelectionChange) select(extendTo(picked, order, id, nextId));
        focusRow(nextId);
        return;
      }
      if (event.key === 'ArrowRight') {
        event.preventDefault();
        controls[0]?.focus();
        return;
      }
      if (onSelectionChange) {
        if (event.key === ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
          event.preventDefault();
          select(toggleRow(picked, id));
          return;
        }
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'a') {
          event.preventDefault();
          select(selectAll(order));
          return;
        }
        if (event.key === 'Escape' && picked.ids.size > 0) {
          event.preventDefault();
          event.stopPropagation();
          select(NO_SELECTION);
          return;
        }
      }
      if (onRowKey?.(event, id)) event.preventDefault();
    },
    [containerRef, current, focusRow, onRowKey, onSelectionChange, order, rowHeight, select, selection],
  );

  const onClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      const target = event.target as HTMLElement;
      const row = rowOf(target);
      const id = row?.dataset.rowId;
      if (!row || id === undefined || target.closest(CONTROLS)) return;
      setActiveId(id);
      if (!onSelectionChange) return;
      const picked = selection ?? NO_SELECTION;
      if (event.shiftKey) select(extendTo(picked, order, current ?? id, id));
      else if (event.ctrlKey || event.metaKey) select(toggleRow(picked, id));
      else select(picked.ids.size === 1 && picked.ids.has(id) ? NO_SELECTION : onlyRow(id));
    },
    [current, onSelectionChange, order, select, selection, setActiveId],
  );

  const focusHandlers = useMemo(
    () => ({
      onFocus: (event: { target: EventTarget }) => {
        hadFocus.current = true;
        // The grid itself is the Tab stop only while its active row is scrolled out of the rendered window.
        if (event.target === containerRef.current) {
          if (current !== null) focusRow(current);
          return;
        }
        const id = rowOf(event.target)?.dataset.rowId;
        if (id !== undefined) setActiveId(id);
      },
      onBlur: (event: { relatedTarget: EventTarget | null }) => {
        // Focus moved somewhere else on purpose; a row removed under focus blurs with nothing related.
        const related = event.relatedTarget;
        if (related instanceof Node && !containerRef.current?.contains(related)) hadFocus.current = false;
      },
    }),
    [containerRef, current, focusRow, setActiveId],
  );

  return { tabStopId: current, onKeyDown, onClick, ...focusHandlers };
}
