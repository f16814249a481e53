import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActionKind } from '../../shared/actions';
import type { BulkItemRequest, BulkItemResult, BulkProgress } from '../../shared/bulk';
import { call } from '../api/client';
import { queryKeys } from '../api/queries';
import { bulkSummary } from '../lib/bulkSummary';
import { aboutAction } from '../lib/noticeText';
import { actionLogWriter } from '../state/actionLog';
import type { AccountTarget } from '../state/dialogs';
import { inFlightRegistry } from '../state/inFlight';
import { pushNotice } from '../state/notifications';
import { useSendOnce } from './useSendOnce';

export interface BulkSendItem {
  /** The row's id (position or order), as the result list and its test ids name it. */
  id: string;
  label: string;
  request: BulkItemRequest;
  target: AccountTarget;
  /** Two sends under one key never overlap: the same key as the row's single close or cancel. */
  key: string;
}

/** A result as the dialog lists it: the core's answer with the row it belongs to. */
export type BulkRowResult = BulkItemResult & { id: string; label: string };

const KIND: Record<BulkItemRequest['kind'], ActionKind> = { close: 'close_position', cancel: 'cancel_order' };

let runs = 0;

/** Each ended item in the Actions panel, as a single close or cancel would be. */
function logResult(entryId: string, result: BulkItemResult): void {
  if (result.errorCode === null && result.actionId !== null) {
    actionLogWriter.answer(entryId, { actionId: result.actionId, kind: KIND[result.kind], state: result.state, message: result.message, requestId: result.requestId, order: null });
    return;
  }
  actionLogWriter.fail(entryId, {
    code: result.errorCode ?? 'internal',
    message: result.message,
    retryable: false,
    outcome: result.state === 'unknown' ? 'unknown' : 'rejected',
    ...(result.brokerCode ? { brokerCode: result.brokerCode } : {}),
    ...(result.requestId ? { requestId: result.requestId } : {}),
    ...(result.actionId ? { actionId: result.actionId } : {}),
  });
}

/**
 * Hands picked rows to the core's one rate-limited bulk runner (`actions:runMany`): each item is its own action there,
 * with its intent, lease and audit records. Here each item is marked in flight and logged in the Actions panel, and the
 * dialog gets progress and, at the end, a result per item.
 */
export function useBulkSend(what: string) {
  const queryClient = useQueryClient();
  const once = useSendOnce();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const mutation = useMutation<BulkRowResult[], Error, readonly BulkSendItem[]>({
    mutationFn: async (items) => {
      // A row already in flight (its own close, say) is left out rather than sent twice.
      const sendable = items.filter((item) => inFlightRegistry.begin(item.key, item.label));
      const skipped = items.filter((item) => !sendable.includes(item));
      const entries = sendable.map((item) =>
        actionLogWriter.start({
          kind: KIND[item.request.kind],
          connection: item.target.connection,
          accountId: item.target.accountId,
          accountNumber: item.target.accountNumber,
          subject: item.id,
          label: `${item.label} in account ${item.target.accountNumber}`,
        }),
      );
      const runId = `bulk-${Date.now().toString(36)}-${(runs += 1)}`;
      setProgress({ done: 0, total: sendable.length });
      const logged = new Set<number>();
      const onProgress = (event: BulkProgress) => {
        if (event.runId !== runId) return;
        setProgress({ done: event.done, total: event.total });
        logged.add(event.result.index);
        logResult(entries[event.result.index] as string, event.result);
        inFlightRegistry.end((sendable[event.result.index] as BulkSendItem).key);
      };
      const unsubscribe = window.closeout?.on('bulk:progress', onProgress);
      try {
        const results = sendable.length > 0 ? await call('actions:runMany', { runId, items: sendable.map((item) => item.request) }) : [];
        for (const result of results) if (!logged.has(result.index)) onProgress({ runId, done: results.length, total: results.length, result });
        const rows: BulkRowResult[] = [
          ...results.map((result) => ({ ...result, id: (sendable[result.index] as BulkSendItem).id, label: (sendable[result.index] as BulkSendItem).label })),
          ...skipped.map((item, index): BulkRowResult => ({
            index: sendable.length + index,
            kind: item.request.kind,
            connection: item.target.connection,
            accountId: item.target.accountId,
            targetId: item.id,
            state: 'rejected',
            message: `${item.label} is already in flight: nothing more was sent.`,
            actionId: null,
            errorCode: 'in_flight',
            brokerCode: null,
            requestId: null,
            id: item.id,
            label: item.label,
          })),
        ];
        const [first] = items;
        const oneAccount = first !== undefined && items.every((item) => item.target.connection === first.target.connection && item.target.accountId === first.target.accountId);
        pushNotice(aboutAction(bulkSummary(rows, what), oneAccount ? first.target : null, null));
        return rows;
      } finally {
        unsubscribe?.();
        for (const item of sendable) inFlightRegistry.end(item.key);
        const accounts = new Map(items.map((item) => [`${item.target.connection}|${item.target.accountId}`, item.target]));
        for (const target of accounts.values()) void queryClient.invalidateQueries({ queryKey: queryKeys.account(target.connection, target.accountId) });
      }
    },
  });
  const send = (items: readonly BulkSendItem[]) => {
    if (items.length === 0 || !once.claim()) return;
    mutation.mutate(items);
  };
  return { mutation, send, progress };
}
