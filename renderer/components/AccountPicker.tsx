import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Account, ConnectionSummary } from '../../shared/domain';
import { accountsQuery } from '../api/queries';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { accountSearchOf, withBrokerMatches } from '../lib/accountFilter';
import { nextActiveIndex } from '../lib/listNavigation';
import { dialogStore } from '../state/dialogs';
import { useSelectedAccount, useSelectionActions } from '../state/selection';
import { plainKey } from '../lib/shortcuts';
import { errorText } from './common/QueryStatus';
import { StatusBadge } from './common/StatusBadge';
import './AccountPicker.css';

const SEARCH_DEBOUNCE_MS = 250;
const OPTION_HEIGHT = 46;
const LISTBOX_ID = 'account-listbox';

const optionId = (accountId: string) => `account-option-${accountId}`;
const NO_ACCOUNTS: readonly Account[] = [];
// One formatter for every render: toLocaleString builds a new one per call, dear on each keystroke.
const counts = new Intl.NumberFormat('en-US');
const count = (n: number) => counts.format(n);

interface AccountOptionProps {
  account: Account;
  selected: boolean;
  active: boolean;
  start: number;
  position: number;
  setSize: number;
  onPick(account: Account): void;
}

const AccountOption = memo(function AccountOption({ account, selected, active, start, position, setSize, onPick }: AccountOptionProps) {
  return (
    <div
      id={optionId(account.id)}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      data-testid={`account-item-${account.id}`}
      className={`account-option ${active ? 'account-option-active' : ''} ${selected ? 'account-option-selected' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onPick(account)}
    >
      <span className="account-line">
        <span className="account-number">{account.number}</span>
        <StatusBadge status={account.status} tone={account.statusTone} />
      </span>
      <span className="account-holder">{account.name}</span>
    </div>
  );
});

/**
 * Searchable list of a connection's accounts: arrows move, Enter opens, 100,000 accounts stay fast. The list streams in
 * page by page with a count; typing filters what is loaded at once, and the broker's own search (debounced) adds what
 * it finds that is not loaded yet or matches by e-mail or phone.
 */
export function AccountPicker({ connection }: { connection: ConnectionSummary }) {
  const [search, setSearch] = useState('');
  const searchable = connection.capabilities.accountSearch;
  const typed = search.trim();
  const debounced = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  const query = useQuery(accountsQuery(connection.name, ''));
  const brokerSearch = useQuery({ ...accountsQuery(connection.name, debounced), enabled: searchable.available && debounced !== '' });
  const loaded = query.data?.accounts ?? NO_ACCOUNTS;
  const complete = query.data?.complete === true;
  const localSearch = useMemo(() => accountSearchOf(loaded), [loaded]);
  const filter = searchable.available ? typed : '';
  const local = useMemo(() => localSearch.filter(filter), [localSearch, filter]);
  const brokerFound = typed !== '' && debounced === typed && brokerSearch.data && !brokerSearch.isPlaceholderData ? brokerSearch.data.accounts : undefined;
  const accounts = useMemo(() => withBrokerMatches(local, brokerFound, localSearch, filter), [local, brokerFound, localSearch, filter]);
  const selected = useSelectedAccount();
  const { selectAccount } = useSelectionActions();
  const [activeId, setActiveId] = useState<string | null>(null);
  const activeIndex = activeId === null ? -1 : accounts.findIndex((account) => account.id === activeId);

  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // "/" or A (switch account) jumps to the account search from anywhere outside a field or dialog, as in most desk tools.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const key = plainKey(event);
      if ((key !== '/' && key !== 'a') || event.defaultPrevented || dialogStore.getState().open) return;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // Rows all have one height and are never measured, so they need no key of their own: keyed by place, the virtualizer
  // lays the rows out again only when their number changes, and a keystroke updates the rows on screen in place.
  // eslint-disable-next-line react-hooks/incompatible-library -- this app is not built with the React Compiler, whose memoisation the rule guards
  const virtualizer = useVirtualizer({
    count: accounts.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => OPTION_HEIGHT,
    overscan: 8,
  });

  // aria-activedescendant may only name an option in the DOM: one scrolled out of the virtual window names none.
  const virtualItems = virtualizer.getVirtualItems();
  const activeDescendant = activeId !== null && virtualItems.some((item) => item.index === activeIndex) ? optionId(activeId) : undefined;

  useEffect(() => {
    if (!complete) return;
    const listed = selected ? loaded.find((account) => account.id === selected.id) : undefined;
    // Keep the open account's number, name and status as fresh as the list.
    if (listed && listed !== selected) selectAccount(listed);
    const only = loaded[0];
    if (!selected && !connection.capabilities.multipleAccounts && loaded.length === 1 && only) selectAccount(only);
  }, [loaded, complete, selected, selectAccount, connection.capabilities.multipleAccounts]);

  const onKeyDown = (event: KeyboardEvent) => {
    const pageSize = Math.floor((listRef.current?.clientHeight ?? OPTION_HEIGHT * 10) / OPTION_HEIGHT);
    const next = nextActiveIndex(event.key, activeIndex === -1 ? null : activeIndex, accounts.length, pageSize);
    if (next !== null) {
      if (event.currentTarget instanceof HTMLInputElement && (event.key === 'Home' || event.key === 'End')) return;
      event.preventDefault();
      setActiveId(accounts[next]?.id ?? null);
      virtualizer.scrollToIndex(next);
      return;
    }
    if (event.key === 'Enter') {
      const active = accounts[activeIndex];
      if (active) {
        event.preventDefault();
        selectAccount(active);
      }
    }
  };

  const pick = useCallback(
    (account: Account) => {
      setActiveId(account.id);
      selectAccount(account);
    },
    [selectAccount],
  );

  return (
    <section className="panel panel-accounts" aria-labelledby="accounts-heading">
      <div className="panel-title">
        <h2 id="accounts-heading">Accounts</h2>
        {query.data ? (
          <span className="count" data-testid="account-count">
            {typed !== '' && searchable.available ? `${count(accounts.length)} of ${count(loaded.length)}` : count(loaded.length)}
          </span>
        ) : null}
        {(query.isFetching || brokerSearch.isFetching) && query.data ? <span className="busy-dot" aria-label="Searching" role="img" /> : null}
      </div>
      <div className="search">
        <label htmlFor="account-search" className="sr-only">
          Search accounts
        </label>
        <input
          ref={searchRef}
          id="account-search"
          type="search"
          role="combobox"
          aria-expanded="true"
          aria-controls={LISTBOX_ID}
          aria-autocomplete="list"
          aria-activedescendant={activeDescendant}
          placeholder={searchable.available ? 'Account number or name' : 'Search not available'}
          title={searchable.available ? 'Press / to search from anywhere' : undefined}
          aria-keyshortcuts="/"
          disabled={!searchable.available}
          autoComplete="off"
          spellCheck={false}
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setActiveId(null);
          }}
          onKeyDown={onKeyDown}
        />
        {searchable.available ? null : <p className="reason">{searchable.reason}</p>}
      </div>
      {query.isPending ? <p className="state state-loading">Loading accounts…</p> : null}
      {query.data && !complete ? (
        <p className="state state-loading" role="status" data-testid="accounts-loading">
          {count(loaded.length)} accounts loaded, more on the way…
        </p>
      ) : null}
      {query.isError ? (
        <div className="state state-error" role="alert">
          <p>Could not load accounts: {errorText(query.error)}</p>
          <button type="button" className="button button-small" onClick={() => void query.refetch()}>
            Try again
          </button>
        </div>
      ) : null}
      {complete && accounts.length === 0 && !brokerSearch.isFetching ? (
        <p className="state state-empty">{typed ? `No account matches “${typed}”.` : 'This connection has no accounts.'}</p>
      ) : null}
      <div
        id={LISTBOX_ID}
        ref={listRef}
        role="listbox"
        aria-label="Accounts"
        aria-activedescendant={activeDescendant}
        tabIndex={accounts.length > 0 ? 0 : -1}
        className="account-list"
        onKeyDown={onKeyDown}
      >
        <div className="vlist-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((item) => {
            const account = accounts[item.index];
            if (!account) return null;
            return (
              <AccountOption
                key={item.index}
                account={account}
                selected={account.id === selected?.id}
                active={item.index === activeIndex}
                start={item.start}
                position={item.index + 1}
                setSize={accounts.length}
                onPick={pick}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}
