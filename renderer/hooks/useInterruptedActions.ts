import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { interruptedActionsQuery } from '../api/queries';
import { foundNotice, isBeingRead, type InterruptedAction } from '../lib/interrupted';
import { pushNotice } from '../state/notifications';

const NONE: InterruptedAction[] = [];

/**
 * The actions a stopped Closeout process left unfinished, as the core settles them. Each one still being read when
 * this window first sees it is announced, like any other outcome; its verdict is announced when the push brings it.
 */
export function useInterruptedActions(): InterruptedAction[] {
  const { data } = useQuery(interruptedActionsQuery());
  const announced = useRef(new Set<string>());
  useEffect(() => {
    const found = (data ?? NONE).filter((action) => isBeingRead(action) && !announced.current.has(action.actionId));
    for (const action of found) announced.current.add(action.actionId);
    const [first, ...others] = found;
    if (first) pushNotice(foundNotice([first, ...others]));
  }, [data]);
  return data ?? NONE;
}
