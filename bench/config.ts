export interface ListPositionsConfig {
  positions: number;
  warmupRounds: number;
  rounds: number;
}

export interface CorePollCpuConfig {
  /** The two sizes: 10,000 and 50,000 positions. */
  positions: number;
  largePositions: number;
  rounds: number;
}

export interface ListAccountsConfig {
  /** Accounts the simulator holds; it answers them 1,000 a page. */
  accounts: number;
  warmupRounds: number;
  rounds: number;
}

export interface CloseTicketsConfig {
  tickets: number;
  /** The simulator's rate limit: `limit` requests per fixed window of `windowMs`. */
  limit: number;
  windowMs: number;
  latencyMs: number;
  runs: number;
}

export interface CloseoutAccountsConfig {
  /** Empty, active accounts wound down in one run (a run takes at most 1,000). */
  accounts: number;
  /** The simulator's rate limit: `limit` requests per fixed window of `windowMs`. */
  limit: number;
  windowMs: number;
  runs: number;
}

export interface RendererTableConfig {
  rows: number;
  /** The same table with this few rows is the floor of the data-to-paint time, and is scrolled too. */
  floorRows: number;
  /** The largest account painted and scrolled. */
  largeRows: number;
  runs: number;
  scrollMs: number;
  /** How fast scrollTop moves while scrolling, bouncing between top and bottom: a fast fling, several rows a frame. */
  scrollPxPerSecond: number;
  scrollRuns: number;
  polls: number;
}

export interface PickerFilterConfig {
  /** Accounts loaded in the picker. */
  accounts: number;
  /** Each run types an account number and a holder's name, one keystroke at a time. */
  runs: number;
}

export interface NavigationConfig {
  /** Positions the opened account holds, a fresh browser for each run at each size; the goal is on the first size. */
  positions: number[];
  runs: number;
}

export interface IpcBridgeConfig {
  /** Positions the in-memory adapter answers with. */
  positions: number;
  callsPerBatch: number;
  batches: number;
}

export interface JournalWritesConfig {
  /** Closes per timed round; rounds alternate with the floor. */
  actionsPerRound: number;
  rounds: number;
}

export interface AuditVerifyConfig {
  records: number;
  runs: number;
}

export interface BenchConfig {
  listPositions: ListPositionsConfig;
  corePollCpu: CorePollCpuConfig;
  listAccounts: ListAccountsConfig;
  closeTickets: CloseTicketsConfig;
  closeoutAccounts: CloseoutAccountsConfig;
  rendererTable: RendererTableConfig;
  pickerFilter: PickerFilterConfig;
  navigation: NavigationConfig;
  ipcBridge: IpcBridgeConfig;
  journalWrites: JournalWritesConfig;
  auditVerify: AuditVerifyConfig;
}

/** `npm run bench`: the sizes the goals are stated for. */
export const FULL_CONFIG: BenchConfig = {
  listPositions: { positions: 10_000, warmupRounds: 5, rounds: 31 },
  corePollCpu: { positions: 10_000, largePositions: 50_000, rounds: 11 },
  listAccounts: { accounts: 100_000, warmupRounds: 1, rounds: 7 },
  closeTickets: { tickets: 500, limit: 50, windowMs: 1000, latencyMs: 20, runs: 3 },
  closeoutAccounts: { accounts: 1000, limit: 250, windowMs: 1000, runs: 1 },
  rendererTable: { rows: 10_000, floorRows: 100, largeRows: 50_000, runs: 5, scrollMs: 2000, scrollPxPerSecond: 3000, scrollRuns: 3, polls: 5 },
  pickerFilter: { accounts: 100_000, runs: 5 },
  navigation: { positions: [100, 10_000, 50_000], runs: 5 },
  ipcBridge: { positions: 20, callsPerBatch: 2000, batches: 15 },
  journalWrites: { actionsPerRound: 100, rounds: 9 },
  auditVerify: { records: 1_000_000, runs: 3 },
};

/** The smoke `npm test` runs through the same code: small sizes, one or two runs, no goal asserted. */
export const SMOKE_CONFIG: BenchConfig = {
  listPositions: { positions: 200, warmupRounds: 1, rounds: 3 },
  corePollCpu: { positions: 200, largePositions: 400, rounds: 2 },
  listAccounts: { accounts: 2_500, warmupRounds: 1, rounds: 2 },
  closeTickets: { tickets: 20, limit: 10, windowMs: 200, latencyMs: 2, runs: 1 },
  closeoutAccounts: { accounts: 10, limit: 50, windowMs: 200, runs: 1 },
  rendererTable: { rows: 200, floorRows: 20, largeRows: 400, runs: 1, scrollMs: 300, scrollPxPerSecond: 3000, scrollRuns: 1, polls: 1 },
  pickerFilter: { accounts: 2_500, runs: 1 },
  navigation: { positions: [100, 1_000], runs: 1 },
  ipcBridge: { positions: 20, callsPerBatch: 200, batches: 3 },
  journalWrites: { actionsPerRound: 5, rounds: 2 },
  auditVerify: { records: 2_000, runs: 1 },
};
