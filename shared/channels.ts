// The names of the IPC channels and push events, with no schema and no import: the preload bundles this module and
// nothing else of the contract, so it stays a few kilobytes (the main process validates every call against the
// contract's schemas anyway). contract.ts checks that these lists and its own keys are the same, both ways.

export const CHANNEL_NAMES = [
  'app:info',
  'connections:list',
  'connections:add',
  'connections:remove',
  'connections:test',
  'connections:rotate',
  'connections:edit',
  'accounts:list',
  'accounts:stream',
  'positions:list',
  'orders:list',
  'positions:poll',
  'orders:poll',
  'positions:history',
  'account:closeCheck',
  'account:balances',
  'position:close',
  'positions:closeAll',
  'order:cancel',
  'orders:cancelAll',
  'position:cancelThenClose',
  'account:close',
  'account:sweepCash',
  'cash:journals',
  'audit:list',
  'audit:verify',
  'actions:interrupted',
  'windDown:prepare',
  'windDown:resume',
  'windDown:runs',
  'windDown:run',
  'windDown:cancel',
  'actions:runMany',
  'flatten:prepare',
  'flatten:run',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNEL_NAMES as readonly string[]).includes(value);
}

export const PUSH_EVENT_NAMES = ['action:updated', 'action:progress', 'windDown:progress', 'accounts:page', 'bulk:progress'] as const;

export type PushEventName = (typeof PUSH_EVENT_NAMES)[number];

export function isPushEventName(value: unknown): value is PushEventName {
  return typeof value === 'string' && (PUSH_EVENT_NAMES as readonly string[]).includes(value);
}
