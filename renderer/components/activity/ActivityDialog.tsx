import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useState } from 'react';
import type { AuditRecord } from '../../../shared/audit';
import { auditListQuery } from '../../api/queries';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { auditCsv, auditCsvFileName } from '../../lib/auditCsv';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, filterAudit, NO_AUDIT_FILTERS, type AuditFilters } from '../../lib/auditFilter';
import { humanise, plural } from '../../lib/format';
import { QueryStatus } from '../common/QueryStatus';
import { DialogFrame, DismissButton } from '../dialogs/DialogFrame';
import { AuditDetailsPanel } from './AuditDetailsPanel';
import { AuditTable } from './AuditTable';
import { ChainStatus } from './ChainStatus';
import { downloadText } from './downloadText';
import './ActivityDialog.css';

const FILTER_DEBOUNCE_MS = 200;

function TextFilter({ label, value, placeholder, type = 'search', onChange, autofocus = false }: { label: string; value: string; placeholder?: string; type?: 'search' | 'date'; onChange(value: string): void; autofocus?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type={type}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        {...(autofocus ? { 'data-autofocus': true } : {})}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

function Select({ label, value, any, options, onChange }: { label: string; value: string; any: string; options: readonly string[]; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="input" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {humanise(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The audit trail, newest first: filter it, check its chain, export what is shown as CSV. */
export function ActivityDialog() {
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const account = useDebouncedValue(filters.account, FILTER_DEBOUNCE_MS);
  const symbol = useDebouncedValue(filters.symbol, FILTER_DEBOUNCE_MS);
  const list = useQuery(auditListQuery(filters.action, filters.outcome));
  const shown = useMemo(
    () => filterAudit(list.data ?? [], { account, symbol, from: filters.from, to: filters.to }),
    [list.data, account, symbol, filters.from, filters.to],
  );
  const [opened, setOpened] = useState<AuditRecord | null>(null);
  const open = useCallback((record: AuditRecord) => setOpened(record), []);
  const set = (field: keyof AuditFilters) => (value: string) => setFilters((current) => ({ ...current, [field]: value }));

  const exportCsv = () => downloadText(auditCsvFileName(new Date()), auditCsv(shown), 'text/csv;charset=utf-8');

  return (
    <DialogFrame
      full
      title="Activity"
      description="Every destructive action and connection change, from the audit trail on this computer, newest first."
      footer={<DismissButton>Close</DismissButton>}
    >
      <ChainStatus />
      <div className="activity-filters" role="group" aria-label="Filter the audit trail">
        <TextFilter label="Account" placeholder="Number or holder name" value={filters.account} onChange={set('account')} autofocus />
        <TextFilter label="Symbol" placeholder="AAPL" value={filters.symbol} onChange={set('symbol')} />
        <Select label="Action" value={filters.action} any="Any action" options={AUDIT_ACTIONS} onChange={set('action')} />
        <Select label="Outcome" value={filters.outcome} any="Any outcome" options={AUDIT_OUTCOMES} onChange={set('outcome')} />
        <TextFilter label="From" type="date" value={filters.from} onChange={set('from')} />
        <TextFilter label="To" type="date" value={filters.to} onChange={set('to')} />
        <div className="activity-tools">
          <span className="muted" data-testid="audit-count">
            {list.data ? `${shown.length} ${plural(shown.length, 'record')}` : ''}
          </span>
          <button type="button" className="button" disabled={list.isFetching} onClick={() => void list.refetch()}>
            Refresh
          </button>
          <button type="button" className="button button-primary" disabled={!list.data} onClick={exportCsv}>
            Export CSV
          </button>
        </div>
      </div>
      <div className="activity-table">
        <QueryStatus query={list} noun="the audit trail" isEmpty={() => shown.length === 0} emptyText="No record matches these filters.">
          {() => <AuditTable records={shown} onOpen={open} />}
        </QueryStatus>
      </div>
      {opened && <AuditDetailsPanel record={opened} records={list.data ?? []} onClose={() => setOpened(null)} />}
    </DialogFrame>
  );
}
