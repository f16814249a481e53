interface TableFilterProps {
  /** The accessible name, e.g. "Filter positions by symbol". */
  label: string;
  query: string;
  onQuery(query: string): void;
  shown: number;
  total: number;
}

/** A search box that narrows a table; says how many rows it shows while it filters. Escape clears it. */
export function TableFilter({ label, query, onQuery, shown, total }: TableFilterProps) {
  const filtering = query.trim() !== '';
  return (
    <span className="table-filter">
      <input
        type="search"
        className="input input-small"
        aria-label={label}
        placeholder="Filter by symbol"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && filtering) {
            event.preventDefault();
            onQuery('');
          }
        }}
      />
      <span className="muted" role="status">
        {filtering ? `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} shown` : ''}
      </span>
    </span>
  );
}
