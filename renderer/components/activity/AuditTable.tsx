import { useCallback, type KeyboardEvent, type MouseEvent } from 'react';
import type { AuditRecord } from '../../../shared/audit';
import { auditAccount, paramsInWords } from '../../lib/auditWords';
import { formatTimestamp, humanise, MISSING } from '../../lib/format';
import { Badge, type BadgeTone } from '../common/StatusBadge';
import { VirtualTable, type ColumnSpec } from '../tables/VirtualTable';

const OUTCOME_TONE: Record<string, BadgeTone> = {
  accepted: 'positive',
  filled: 'positive',
  done: 'positive',
  rejected: 'negative',
  failed: 'negative',
  not_sent: 'neutral',
  unknown: 'warning',
};

function Text({ value, mono = false }: { value: string | null; mono?: boolean }) {
  return (
    <span className={mono ? 'mono' : undefined} title={value ?? undefined}>
      {value ?? MISSING}
    </span>
  );
}

const COLUMNS: ColumnSpec<AuditRecord>[] = [
  { id: 'time', header: 'Time', minWidth: 160, sort: { kind: 'time', value: (r) => r.time }, cell: (r) => <span className="num">{formatTimestamp(r.time)}</span> },
  { id: 'user', header: 'User', minWidth: 80, grow: 0.6, sort: { kind: 'text', value: (r) => r.user }, cell: (r) => <Text value={r.user} /> },
  { id: 'connection', header: 'Connection', minWidth: 110, sort: { kind: 'text', value: (r) => r.connection }, cell: (r) => <Text value={r.connection} /> },
  { id: 'broker', header: 'Broker', minWidth: 80, grow: 0.6, sort: { kind: 'text', value: (r) => r.broker }, cell: (r) => <Text value={r.broker} /> },
  { id: 'account', header: 'Account', minWidth: 150, grow: 1.2, sort: { kind: 'text', value: auditAccount }, cell: (r) => <Text value={auditAccount(r)} /> },
  { id: 'symbol', header: 'Symbol', minWidth: 80, grow: 0.5, sort: { kind: 'text', value: (r) => r.symbol ?? null }, cell: (r) => <Text value={r.symbol ?? null} mono /> },
  { id: 'action', header: 'Action', minWidth: 110, sort: { kind: 'text', value: (r) => r.action }, cell: (r) => humanise(r.action) },
  { id: 'phase', header: 'Phase', minWidth: 80, grow: 0.5, sort: { kind: 'text', value: (r) => r.phase }, cell: (r) => r.phase },
  { id: 'params', header: 'Parameters', minWidth: 180, grow: 1.6, cell: (r) => <Text value={paramsInWords(r)} /> },
  { id: 'requestId', header: 'Request id', minWidth: 110, sort: { kind: 'text', value: (r) => r.requestId }, cell: (r) => <Text value={r.requestId} mono /> },
  {
    id: 'outcome',
    header: 'Outcome',
    minWidth: 104,
    grow: 0.6,
    sort: { kind: 'text', value: (r) => r.outcome },
    cell: (r) => (r.outcome === null ? MISSING : <Badge tone={OUTCOME_TONE[r.outcome] ?? 'neutral'}>{humanise(r.outcome)}</Badge>),
  },
  { id: 'errorCode', header: 'Error code', minWidth: 100, grow: 0.6, sort: { kind: 'text', value: (r) => r.errorCode }, cell: (r) => <Text value={r.errorCode} mono /> },
];

// Newest first as the log lists them; a tie in time keeps the log's order.
const INITIAL_SORT = { columnId: 'time', desc: true };
const auditRowId = (record: AuditRecord) => String(record.seq);

const ROW_PREFIX = 'audit-row-';

/** The audit trail; Enter on a row, or a click, opens that record's details. */
export function AuditTable({ records, onOpen }: { records: readonly AuditRecord[]; onOpen(record: AuditRecord): void }) {
  const openOnEnter = useCallback(
    (event: KeyboardEvent, record: AuditRecord) => {
      if (event.key !== 'Enter') return false;
      onOpen(record);
      return true;
    },
    [onOpen],
  );
  // One listener for every row, since rows come and go as the table scrolls.
  const openOnClick = (event: MouseEvent<HTMLDivElement>) => {
    const row = (event.target as Element).closest(`[data-testid^="${ROW_PREFIX}"]`);
    const seq = Number(row?.getAttribute('data-testid')?.slice(ROW_PREFIX.length));
    const record = records.find((r) => r.seq === seq);
    if (record) onOpen(record);
  };
  return (
    <div className="audit-table" onClick={openOnClick}>
      <VirtualTable label="Audit trail" items={records} columns={COLUMNS} getRowId={auditRowId} testIdPrefix="audit-row" initialSort={INITIAL_SORT} onRowKey={openOnEnter} />
    </div>
  );
}
