import type { Database } from 'better-sqlite3';

// Each migration runs once, in order, inside the transaction that opens the journal; PRAGMA user_version counts them.
// Never edit a migration that has shipped: add the next one.
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

  CREATE TABLE processes (
    token TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    start_id TEXT,
    started_at TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
  ) STRICT;

  -- body is the record as JSON text, exactly as hashed: hash = sha256(prev_hash, a line feed, body); mac = HMAC(key, hash).
  -- action_id, account_id, action and outcome repeat fields of the body for filtering; only the body is the record.
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    mac TEXT NOT NULL,
    key_id TEXT NOT NULL,
    action_id TEXT NOT NULL,
    account_id TEXT,
    action TEXT NOT NULL,
    outcome TEXT
  ) STRICT;
  CREATE INDEX audit_by_action_id ON audit (action_id);
  CREATE INDEX audit_by_account ON audit (account_id, seq);

  CREATE TABLE leases (
    key TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    action_id TEXT NOT NULL,
    description TEXT NOT NULL,
    since TEXT NOT NULL
  ) STRICT;

  CREATE TABLE intents (
    action_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    connection TEXT NOT NULL,
    broker TEXT NOT NULL,
    account_id TEXT NOT NULL,
    target TEXT NOT NULL,
    params TEXT NOT NULL,
    client_order_id TEXT,
    retry_of TEXT,
    summary TEXT NOT NULL,
    settle_target TEXT,
    state TEXT NOT NULL CHECK (state IN ('prepared', 'sent', 'accepted', 'rejected', 'unknown', 'settled')),
    verdict TEXT CHECK (verdict IN ('happened', 'partly', 'not_happened', 'still_unknown')),
    message TEXT,
    request_id TEXT,
    owner TEXT NOT NULL,
    settler TEXT,
    interrupted_at TEXT,
    reported_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX intents_by_state ON intents (state);
  CREATE INDEX intents_interrupted ON intents (interrupted_at) WHERE interrupted_at IS NOT NULL;

  CREATE TABLE closeout_runs (
    run_id TEXT PRIMARY KEY,
    connection TEXT NOT NULL,
    record TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  `,
  // What a close's or cancel's order did once Closeout followed it to its end: a FillReport as JSON.
  `
  ALTER TABLE intents ADD COLUMN fill TEXT;
  `,
  // How each connection's calls last went (by name in lower case), so the list shows it after a restart and to every process.
  `
  CREATE TABLE connection_health (
    connection TEXT PRIMARY KEY,
    last_success_at TEXT,
    last_error_at TEXT,
    last_error_code TEXT,
    last_error_message TEXT,
    reach_accounts INTEGER,
    reach_more INTEGER,
    updated_at TEXT NOT NULL
  ) STRICT;
  `,
  // Each account of a wind-down run in a row of its own, so a step writes its account, not the whole run (1,000 accounts
  // made that quadratic). The accounts of runs written before move here, and leave their run's record.
  `
  CREATE TABLE closeout_run_accounts (
    run_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    record TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (run_id, account_id)
  ) STRICT;
  INSERT INTO closeout_run_accounts (run_id, account_id, record, updated_at)
    SELECT r.run_id, a.key, CASE WHEN a.type IN ('object', 'array') THEN a.value ELSE json_quote(a.value) END, r.updated_at
    FROM closeout_runs r,
      json_each(CASE WHEN json_valid(r.record) AND json_type(r.record, '$.accounts') = 'object' THEN r.record ELSE '{}' END, '$.accounts') a;
  UPDATE closeout_runs SET record = json_remove(record, '$.accounts')
    WHERE json_valid(record) AND json_type(record, '$.accounts') = 'object';
  `,
];

/** Brings the journal's tables up to date; the caller holds a write transaction. */
export function migrate(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`it was written by a newer Closeout (journal version ${version}, this one knows ${MIGRATIONS.length})`);
  }
  for (const [index, sql] of MIGRATIONS.entries()) {
    if (index < version) continue;
    db.exec(sql);
  }
  db.pragma(`user_version = ${MIGRATIONS.length}`);
}
