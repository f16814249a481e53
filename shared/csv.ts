import { neutralizeControls } from './controlCharacters';

// CSV as a spreadsheet reads it; shared by the app's exports and the command line's reports, so both read the same.

export interface CsvColumn<T> {
  header: string;
  value(row: T): string | null;
}

// A spreadsheet runs a cell that starts with one of these as a formula; a leading apostrophe keeps it text (OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field under RFC 4180: quoted when it holds a quote or comma, inner quotes doubled. Cells hold broker text, so
 * control characters (line breaks included: a cell is one line) and bidirectional controls become spaces first.
 */
export function csvField(value: string | null): string {
  const text = value === null ? '' : FORMULA_START.test(value) ? `'${value}` : value;
  const plain = neutralizeControls(text);
  return /[",]/.test(plain) ? `"${plain.replace(/"/g, '""')}"` : plain;
}

/** A header line, then one line per row, CRLF-separated as RFC 4180 asks. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((column) => csvField(column.header)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(column.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export interface CsvRow {
  cells: string[];
  /** 1-based line where the row starts. */
  line: number;
}

/** Reads RFC 4180 text: quoted cells may hold commas, doubled quotes and line breaks; rows end at CRLF, LF or CR. */
export function parseCsvRows(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
    cells = [];
    cell = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        cell += char;
      }
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else {
      cell += char;
    }
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
