import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AppError, describeError } from '../../../shared/errors';
import { toAppError } from '../../api/client';
import { formatClock } from '../../lib/format';

export function errorText(error: unknown): string {
  const appError = error instanceof AppError ? error : toAppError(error);
  return describeError(appError);
}

interface QueryStatusProps<T> {
  query: UseQueryResult<T>;
  /** Names what is loading, e.g. "positions". */
  noun: string;
  isEmpty(data: T): boolean;
  emptyText: string;
  children(data: T): ReactNode;
}

/**
 * Loading, failure and empty states in words. When a refresh fails after data arrived, the data stays on screen with
 * a line saying how old it is, because a blank table would read as "no positions".
 */
export function QueryStatus<T>({ query, noun, isEmpty, emptyText, children }: QueryStatusProps<T>) {
  if (query.isPending) return <p className="state state-loading">Loading {noun}…</p>;
  if (query.isError && query.data === undefined) {
    return (
      <div className="state state-error" role="alert">
        <p>
          Could not load {noun}: {errorText(query.error)}
        </p>
        <button type="button" className="button button-small" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const data = query.data as T;
  return (
    <>
      {query.isError ? (
        <p className="state-stale" role="alert">
          Refreshing {noun} failed: {errorText(query.error)}. Showing {noun} from {formatClock(query.dataUpdatedAt)}.
        </p>
      ) : null}
      {isEmpty(data) ? <p className="state state-empty">{emptyText}</p> : children(data)}
    </>
  );
}
