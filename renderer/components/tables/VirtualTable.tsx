import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import { RovingGridContext, useRovingRows } from '../../hooks/useRovingRows';
import { fractionPlaces, paddedWidth } from '../../lib/figureParts';
import { keepShown, type RowSelection } from '../../lib/rowSelection';
import type { SortKind } from '../../lib/sortKeys';
import { nextSort, sortItems, type TableSort } from '../../lib/tableSort';
import { Figure, type FigureValue } from '../common/Figure';
import './VirtualTable.css';

export interface ColumnSpec<T> {
  id: string;
  header: string;
  /** Smallest width in px; the table scrolls sideways rather than squeeze below the sum. */
  minWidth: number;
  /** Share of the spare width. */
  grow?: number;
  align?: 'end';
  /** Keeps the column in view at the right edge while the rest scrolls sideways (row actions). */
  pinEnd?: boolean;
  sort?: { kind: SortKind; value(item: T): string | null };
  /** A number's cell: shown as a Figure whose decimal point lines up with the other rows' (give this or `cell`). */
  figure?(item: T): FigureValue;
  cell?(item: T): ReactNode;
}

interface VirtualTableProps<T> {
  label: string;
  items: readonly T[];
  columns: readonly ColumnSpec<T>[];
  /** Must stay the same function across renders (declare it at module level): when it changes, the virtualizer measures every row again. */
  getRowId(item: T): string;
  /** e.g. "position-row": rows get data-testid="position-row-<id>". */
  testIdPrefix: string;
  initialSort?: TableSort;
  /** Rows can be picked (Space, Shift+arrows, Ctrl+A, clicks); the selection lives with the caller. */
  selection?: RowSelection;
  onSelectionChange?(next: RowSelection): void;
  /** A focused row's own shortcut keys; true when the key was taken. */
  onRowKey?(event: KeyboardEvent, item: T): boolean;
  /** What the rows are filtered by: a new filter, like a new sort, starts the table at the top. */
  filter?: string | undefined;
}

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 30;
const OVERSCAN = 12;

interface RowProps<T> {
  item: T;
  id: string;
  columns: readonly ColumnSpec<T>[];
  start: number;
  rowIndex: number;
  testId: string;
  tabStop: boolean;
  /** undefined where rows cannot be picked, so aria-selected is left out. */
  selected: boolean | undefined;
  /** The row's figures, by column index (undefined in columns that show no figure). */
  figures: readonly (FigureValue | undefined)[];
  /** Each column's most decimal places among the rows in view. */
  places: readonly number[];
}

function cellClass(column: { align?: 'end'; pinEnd?: boolean }): string {
  return `vt-cell${column.align === 'end' ? ' vt-cell-end' : ''}${column.pinEnd ? ' vt-cell-pinned' : ''}`;
}

function TableRowImpl<T>({ item, id, columns, start, rowIndex, testId, tabStop, selected, figures, places }: RowProps<T>) {
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      tabIndex={tabStop ? 0 : -1}
      className={`vt-row ${rowIndex % 2 === 0 ? 'vt-row-even' : ''}${selected ? ' vt-row-selected' : ''}`}
      data-testid={testId}
      data-row-id={id}
      style={{ transform: `translateY(${start}px)` }}
    >
      {columns.map((column, index) => {
        const figure = figures[index];
        return (
          <div key={column.id} role="gridcell" className={cellClass(column)}>
            {figure ? <Figure {...figure} places={places[index]} /> : column.cell?.(item)}
          </div>
        );
      })}
    </div>
  );
}

// Rows compare by the item itself: TanStack Query's structural sharing keeps an unchanged position the same object
// across polls, so only rows whose data changed render again.
const TableRow = memo(TableRowImpl) as <T>(props: RowProps<T>) => ReactElement;

const SORT_GLYPH = { asc: '▲', desc: '▼' } as const;

const NO_FIGURES: readonly undefined[] = [];
type RowFigures = readonly (FigureValue | undefined)[];
/** Each row's figures, kept per column set and item: an unchanged row gets the same array back and stays memoised. */
const figureCaches = new WeakMap<object, WeakMap<object, RowFigures>>();

function figuresOf<T>(columns: readonly ColumnSpec<T>[], item: T): RowFigures {
  if (!columns.some((column) => column.figure !== undefined)) return NO_FIGURES;
  let cache = figureCaches.get(columns);
  if (cache === undefined) {
    cache = new WeakMap();
    figureCaches.set(columns, cache);
  }
  let figures = cache.get(item as object);
  if (figures === undefined) {
    figures = columns.map((column) => column.figure?.(item));
    cache.set(item as object, figures);
  }
  return figures;
}

interface ColumnFit {
  /** Each column's most decimal places among the rows in view. */
  places: readonly number[];
  /** Each figure column's widest padded figure in view, in character widths (0 in other columns). */
  widths: readonly number[];
}

/**
 * Each column's most decimal places among the rows in view, so every figure of a column is padded to line up on the
 * point, and the width its widest padded figure needs. Only rows in view count (scrolling formats only the rows that
 * come into view), so ten thousand rows are never all formatted; the arrays stay the same while the numbers do, and
 * rows stay memoised.
 */
function useColumnFit<T>(columns: readonly ColumnSpec<T>[], shown: readonly T[]): ColumnFit {
  const places = columns.map(() => 0);
  const rows = shown.map((item) => figuresOf(columns, item));
  for (const figures of rows) {
    figures.forEach((figure, index) => {
      if (figure) places[index] = Math.max(places[index] ?? 0, fractionPlaces(figure.text));
    });
  }
  const widths = columns.map(() => 0);
  for (const figures of rows) {
    figures.forEach((figure, index) => {
      if (figure) widths[index] = Math.max(widths[index] ?? 0, paddedWidth(figure.text, places[index] ?? 0));
    });
  }
  const key = `${places.join(',')};${widths.join(',')}`;
  return useMemo(() => {
    const [placesText = '', widthsText = ''] = key.split(';');
    return { places: placesText.split(',').map(Number), widths: widthsText.split(',').map(Number) };
  }, [key]);
}

/** A cell's padding on both sides (VirtualTable.css), which a figure's width does not include. */
const CELL_PADDING = 12;

/** A column's smallest width: its own, or what its widest figure in view needs when that is more. */
function columnMin(minWidth: number, chars: number): string {
  return chars === 0 ? `${minWidth}px` : `max(${minWidth}px, calc(${chars}ch + ${CELL_PADDING}px))`;
}

// The body's order is computed here rather than by TanStack Table: its row model builds a Row object per item, which
// for 10,000 positions took most of the time from data to paint and three quarters of the renderer's heap.
/**
 * A sortable table whose body renders only the rows in view, so ten thousand rows scroll as smoothly as ten. It is a
 * grid to the keyboard: one Tab stop, arrows inside (useRovingRows), rows picked when the caller keeps a selection.
 */
export function VirtualTable<T>({ label, items, columns, getRowId, testIdPrefix, initialSort, selection, onSelectionChange, onRowKey, filter }: VirtualTableProps<T>) {
  const [sort, setSort] = useState<TableSort | null>(initialSort ?? null);
  const sortSpec = useMemo(() => (sort ? columns.find((column) => column.id === sort.columnId)?.sort : undefined), [columns, sort]);
  const sorted = useMemo(
    () => (sort && sortSpec ? sortItems(items, sortSpec.kind, (item) => sortSpec.value(item), sort.desc) : items),
    [items, sort, sortSpec],
  );

  // Stable while the rows are: a new key function makes the virtualizer measure all ten thousand rows again.
  const getItemKey = useCallback(
    (index: number) => {
      const item = sorted[index];
      return item === undefined ? index : getRowId(item);
    },
    [sorted, getRowId],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- this app is not built with the React Compiler, whose memoisation the rule guards
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin: HEADER_HEIGHT,
    getItemKey,
    // A scroll re-renders the window with the frame's other updates rather than synchronously inside the scroll event.
    useFlushSync: false,
  });

  const order = useMemo(() => sorted.map(getRowId), [sorted, getRowId]);
  // Rows that are gone or filtered out leave the selection: an action on it acts only on rows on screen.
  useEffect(() => {
    if (!selection || !onSelectionChange) return;
    const kept = keepShown(selection, new Set(order));
    if (kept !== selection) onSelectionChange(kept);
  }, [order, selection, onSelectionChange]);

  // A new order or filter starts at the top, where its first rows are.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [sort, filter]);

  const scrollToIndex = useCallback((index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }), [virtualizer]);
  const rowKey = useCallback(
    (event: KeyboardEvent, id: string) => {
      const item = sorted[order.indexOf(id)];
      return item !== undefined && onRowKey !== undefined && onRowKey(event, item);
    },
    [sorted, order, onRowKey],
  );
  const roving = useRovingRows({
    order,
    containerRef: scrollRef,
    scrollToIndex,
    rowHeight: ROW_HEIGHT,
    gridId: label,
    ...(selection ? { selection } : {}),
    ...(onSelectionChange ? { onSelectionChange } : {}),
    onRowKey: rowKey,
  });

  const virtualRows = virtualizer.getVirtualItems();
  const { places, widths } = useColumnFit(
    columns,
    virtualRows.flatMap((virtualRow) => {
      const item = sorted[virtualRow.index];
      return item === undefined ? [] : [item];
    }),
  );
  const tabStopRendered = virtualRows.some((virtualRow) => order[virtualRow.index] === roving.tabStopId);

  const layout = useMemo(
    () =>
      ({
        '--vt-columns': columns.map((column, index) => `minmax(${columnMin(column.minWidth, widths[index] ?? 0)}, ${column.grow ?? 1}fr)`).join(' '),
        '--vt-min-width': `calc(${columns.map((column, index) => columnMin(column.minWidth, widths[index] ?? 0)).join(' + ')})`,
      }) as CSSProperties,
    [columns, widths],
  );

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={sorted.length + 1}
      aria-multiselectable={onSelectionChange ? true : undefined}
      tabIndex={tabStopRendered ? undefined : 0}
      className="vt"
      style={layout}
      data-grid-id={label}
      onKeyDown={roving.onKeyDown}
      onClick={roving.onClick}
      onFocus={roving.onFocus}
      onBlur={roving.onBlur}
    >
      <div role="rowgroup" className="vt-head">
        <div role="row" aria-rowindex={1} className="vt-row vt-head-row">
          {columns.map((column) => (
            <HeaderCell key={column.id} column={column} sort={sort} onSort={setSort} />
          ))}
        </div>
      </div>
      <RovingGridContext.Provider value>
        <div role="rowgroup" className="vt-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualRows.map((virtualRow) => {
            const item = sorted[virtualRow.index];
            if (item === undefined) return null;
            const id = getRowId(item);
            return (
              <TableRow
                key={id}
                item={item}
                id={id}
                columns={columns}
                start={virtualRow.start - virtualizer.options.scrollMargin}
                rowIndex={virtualRow.index + 2}
                testId={`${testIdPrefix}-${id}`}
                tabStop={id === roving.tabStopId}
                selected={onSelectionChange ? (selection?.ids.has(id) ?? false) : undefined}
                figures={figuresOf(columns, item)}
                places={places}
              />
            );
          })}
        </div>
      </RovingGridContext.Provider>
    </div>
  );
}

interface HeaderCellProps<T> {
  column: ColumnSpec<T>;
  sort: TableSort | null;
  onSort(next: TableSort | null): void;
}

function HeaderCell<T>({ column, sort, onSort }: HeaderCellProps<T>) {
  const direction = sort?.columnId === column.id ? (sort.desc ? 'desc' : 'asc') : null;
  if (!column.sort) {
    return (
      <div role="columnheader" className={`${cellClass(column)} vt-header`}>
        <span className={column.header ? '' : 'sr-only'}>{column.header || 'Actions'}</span>
      </div>
    );
  }
  const descFirst = column.sort.kind !== 'text';
  return (
    <div
      role="columnheader"
      aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
      className={`${cellClass(column)} vt-header`}
    >
      <button type="button" className="sort-button" tabIndex={-1} onClick={() => onSort(nextSort(sort, column.id, descFirst))}>
        <span>{column.header}</span>
        <span className="sort-glyph" aria-hidden="true">
          {direction ? SORT_GLYPH[direction] : ''}
        </span>
      </button>
    </div>
  );
}
