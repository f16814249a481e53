// Pure text handling (no Node): the list support staff paste or export, turned into account references.
import { parseCsvRows, type CsvRow } from './csv';

/** Header names that mark the account column of a CSV file, best first. */
const ACCOUNT_HEADERS = ['account_id', 'account_number', 'account'] as const;
/** The contract's identifier rule, checked here so a bad line is named by its line number. */
const REFERENCE_PATTERN = /^[A-Za-z0-9._:/-]{1,128}$/;
export const MAX_ACCOUNTS = 1000;
/** A list of 1000 accounts with a few more columns fits well under this; anything bigger is the wrong file. */
export const MAX_ACCOUNT_LIST_BYTES = 5 * 1024 * 1024;

export interface AccountList {
  /** Ids or account numbers, in the order given, each once. */
  accounts: string[];
  /** One sentence per problem, naming the line; a list with errors should not be run. */
  errors: string[];
}

/**
 * Reads either a pasted list (ids or numbers separated by spaces, commas, semicolons or new lines) or a CSV file
 * whose first line is a header with an account, account_id or account_number column (other columns are ignored).
 */
export function parseAccountList(text: string): AccountList {
  const rows = parseCsvRows(text.replace(/^\uFEFF/, ''));
  const firstRow = rows.find((row) => row.cells.some((cell) => cell.trim() !== ''));
  const column = firstRow ? accountColumn(firstRow.cells) : null;
  const found = column !== null && firstRow ? fromCsv(rows.slice(rows.indexOf(firstRow) + 1), column) : fromPasted(text);

  const accounts: string[] = [];
  const errors = [...found.errors];
  const seen = new Set<string>();
  for (const { value, line } of found.references) {
    if (!REFERENCE_PATTERN.test(value) || value === '.' || value === '..') {
      errors.push(`line ${line}: "${shorten(value)}" is not an account id or number (letters, digits and . _ : / - only, at most 128)`);
      continue;
    }
    if (seen.has(value)) continue;
    seen.add(value);
    accounts.push(value);
  }
  if (accounts.length === 0 && errors.length === 0) errors.push('the list names no account');
  if (accounts.length > MAX_ACCOUNTS) errors.push(`the list names ${accounts.length} accounts; at most ${MAX_ACCOUNTS} can be closed out in one run`);
  return { accounts, errors };
}

interface Reference {
  value: string;
  line: number;
}

interface Found {
  references: Reference[];
  errors: string[];
}

function accountColumn(header: readonly string[]): { index: number; name: string } | null {
  const names = header.map((cell) => cell.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  for (const wanted of ACCOUNT_HEADERS) {
    const index = names.indexOf(wanted);
    if (index >= 0) return { index, name: header[index]?.trim() ?? wanted };
  }
  return null;
}

function fromCsv(rows: readonly CsvRow[], column: { index: number; name: string }): Found {
  const references: Reference[] = [];
  const errors: string[] = [];
  for (const row of rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const value = row.cells[column.index]?.trim() ?? '';
    if (value === '') errors.push(`line ${row.line}: no account in column ${column.name}`);
    else references.push({ value, line: row.line });
  }
  return { references, errors };
}

function fromPasted(text: string): Found {
  const references: Reference[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, index) => {
    for (const token of lineText.split(/[\s,;]+/)) {
      const value = token.replace(/^(["'])(.*)\1$/, '$2').trim();
      if (value !== '') references.push({ value, line: index + 1 });
    }
  });
  return { references, errors: [] };
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}...` : value;
}
