import type { UnsettledCash } from './settlement';
import type { AlpacaAccount, AlpacaOrder, PositionRecord } from './types';

/** The live, mutable record of one account; the simulator's own operations change it, tests read it through the state. */
export interface AccountBook {
  account: AlpacaAccount;
  cash: string;
  positions: PositionRecord[];
  orders: AlpacaOrder[];
  /** Sale proceeds already in `cash` that cannot leave the account before their settlement day. */
  unsettled: UnsettledCash[];
}
