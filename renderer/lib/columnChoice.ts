import type { BrokerKind } from '../../shared/brokers';
import type { KeyValueStorage } from './skipConfirm';

/** The tables whose columns can be chosen. */
export type ChoosableTable = 'positions' | 'orders' | 'history';

/** A column the chooser lists: its id, its header, and whether a broker's table shows it before any choice. */
export interface ColumnOption {
  id: string;
  header: string;
}

// One key per table and broker, holding the ids of the columns shown: a layout, never an account or a secret.
const PREFIX = 'closeout.columns:';

export function columnChoiceKey(table: ChoosableTable, broker: BrokerKind): string {
  return `${PREFIX}${table}:${broker}`;
}

/** The ids shown by choice for this table at this broker; null when none was made (or storage cannot be read). */
export function readShownColumns(storage: KeyValueStorage | null, table: ChoosableTable, broker: BrokerKind): string[] | null {
  if (!storage) return null;
  try {
    const text = storage.getItem(columnChoiceKey(table, broker));
    if (text === null) return null;
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((id) => typeof id === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** Stores the choice; false when storage refused it, in which case it holds for this session only. */
export function writeShownColumns(storage: KeyValueStorage | null, table: ChoosableTable, broker: BrokerKind, shown: readonly string[]): boolean {
  if (!storage) return false;
  try {
    storage.setItem(columnChoiceKey(table, broker), JSON.stringify(shown));
    return true;
  } catch {
    return false;
  }
}

/**
 * The columns to show, in the table's order: the chosen ones that the table still has, else its defaults. A choice
 * that would leave nothing shown falls back to the defaults too.
 */
export function shownColumnIds(options: readonly ColumnOption[], defaults: readonly string[], chosen: readonly string[] | null): ReadonlySet<string> {
  const available = new Set(options.map((option) => option.id));
  const picked = (chosen ?? defaults).filter((id) => available.has(id));
  return new Set(picked.length > 0 ? picked : defaults.filter((id) => available.has(id)));
}

/** The choice after a column is turned on or off, in the table's order; the last shown column stays. */
export function toggleColumn(options: readonly ColumnOption[], shown: ReadonlySet<string>, id: string, show: boolean): string[] {
  const next = options.map((option) => option.id).filter((candidate) => (candidate === id ? show : shown.has(candidate)));
  return next.length > 0 ? next : [...shown];
}
