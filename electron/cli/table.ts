import { neutralizeControls } from '../../shared/controlCharacters';

export interface Column<T> {
  header: string;
  value: (row: T) => string | null;
  align?: 'left' | 'right';
}

/**
 * Text from a broker or a file is shown in a terminal: control characters could move the cursor or recolour it, and
 * bidirectional controls reorder what is shown.
 */
export const printable = neutralizeControls;

/** Aligned columns with a header; values are printed as they are (decimals stay exactly the broker's digits), null as "-". */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((column) => printable(column.value(row) ?? '-')));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((line) => (line[index] as string).length)));
  const renderLine = (line: readonly string[]) =>
    line
      .map((cell, index) => {
        const width = widths[index] as number;
        return columns[index]?.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [renderLine(columns.map((column) => column.header)), ...cells.map(renderLine)].join('\n');
}
