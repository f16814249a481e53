import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState, type CSSProperties, type ReactElement, type ReactNode } from 'react';
import { compareSortKeys, toSortKey, type SortKey, type SortKind } from '../../lib/sortKeys';

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
  cell(item: T): ReactNode;
}

interface VirtualTableProps<T> {
  label: string;
  items: readonly T[];
  columns: readonly ColumnSpec<T>[];
  getRowId(item: T): string;
  /** e.g. "position-row": rows get data-testid="position-row-<id>". */
  testIdPrefix: string;
  initialSort?: SortingState;
}

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 30;
const OVERSCAN = 12;

interface RowProps<T> {
  item: T;
  columns: readonly ColumnSpec<T>[];
  start: number;
  rowIndex: number;
  testId: string;
}

function cellClass(column: { align?: 'end'; pinEnd?: boolean }): string {
  return `vt-cell${column.align === 'end' ? ' vt-cell-end' : ''}${column.pinEnd ? ' vt-cell-pinned' : ''}`;
}

function TableRowImpl<T>({ item, columns, start, rowIndex, testId }: RowProps<T>) {
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`vt-row ${rowIndex % 2 === 0 ? 'vt-row-even' : ''}`}
      data-testid={testId}
      style={{ transform: `translateY(${start}px)` }}
    >
      {columns.map((column) => (
        <div key={column.id} role="cell" className={cellClass(column)}>
          {column.cell(item)}
        </div>
      ))}
    </div>
  );
}

// Rows compare by the item itself: TanStack Query's structural sharing keeps an unchanged position the same object
// across polls, so only rows whose data changed render again.
const TableRow = memo(TableRowImpl) as <T>(props: RowProps<T>) => ReactElement;

const SORT_GLYPH = { asc: '▲', desc: '▼' } as const;

/** A sortable table whose body renders only the rows in view, so ten thousand rows scroll as smoothly as ten. */
export function VirtualTable<T>({ label, items, columns, getRowId, testIdPrefix, initialSort = [] }: VirtualTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSort);
  const columnDefs = useMemo<ColumnDef<T, SortKey>[]>(
    () =>
      columns.map((column) => {
        const sort = column.sort;
        if (!sort) return { id: column.id, enableSorting: false };
        return {
          id: column.id,
          // Parsed once per row and cached by the table, so sorting compares ready Decimals.
          accessorFn: (item: T) => toSortKey(sort.kind, sort.value(item)),
          sortingFn: (a, b, id) => compareSortKeys(a.getValue<SortKey>(id), b.getValue<SortKey>(id)),
          sortDescFirst: sort.kind !== 'text',
        };
      }),
    [columns],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- this app is not built with the React Compiler, whose memoisation the rule guards
  const table = useReactTable({
    data: items as T[],
    columns: columnDefs,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (item) => getRowId(item),
  });
  const rows = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
  });

  const layout = useMemo(
    () =>
      ({
        '--vt-columns': columns.map((column) => `minmax(${column.minWidth}px, ${column.grow ?? 1}fr)`).join(' '),
        '--vt-min-width': `${columns.reduce((sum, column) => sum + column.minWidth, 0)}px`,
      }) as CSSProperties,
    [columns],
  );
  const specById = useMemo(() => new Map(columns.map((column) => [column.id, column])), [columns]);

  return (
    <div ref={scrollRef} role="table" aria-label={label} aria-rowcount={rows.length + 1} className="vt" style={layout}>
      <div role="rowgroup" className="vt-head">
        {table.getHeaderGroups().map((group) => (
          <div role="row" aria-rowindex={1} key={group.id} className="vt-row vt-head-row">
            {group.headers.map((header) => {
              const spec = specById.get(header.column.id);
              const sorted = header.column.getIsSorted();
              const canSort = header.column.getCanSort();
              const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined;
              return (
                <div
                  key={header.id}
                  role="columnheader"
                  aria-sort={ariaSort}
                  className={`${cellClass(spec ?? {})} vt-header`}
                >
                  {canSort ? (
                    <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                      <span>{spec?.header}</span>
                      <span className="sort-glyph" aria-hidden="true">
                        {sorted ? SORT_GLYPH[sorted] : ''}
                      </span>
                    </button>
                  ) : (
                    <span className={spec?.header ? '' : 'sr-only'}>{spec?.header || 'Actions'}</span>
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div role="rowgroup" className="vt-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtualRow) => {
          const row = rows[virtualRow.index];
          if (!row) return null;
          return (
            <TableRow
              key={row.id}
              item={row.original}
              columns={columns}
              start={virtualRow.start - virtualizer.options.scrollMargin}
              rowIndex={virtualRow.index + 2}
              testId={`${testIdPrefix}-${row.id}`}
            />
          );
        })}
      </div>
    </div>
  );
}
