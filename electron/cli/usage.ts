import type { Topic } from './args';

const OVERVIEW = `Usage: closeout [--data-dir DIR] <command> [--json]

Closes positions, orders and accounts at the brokers, with the same checks as the Closeout app.
DIR also comes from CLOSEOUT_HOME; by default it is the app's own data folder.

Commands:
  connections add NAME --broker alpaca|clearstreet|exness|scaletrade --base-url URL [--key-id ID] [--login N]
                                            secret read from stdin when piped, else prompted; stored in the keychain
  connections list|remove NAME              connections test|rotate NAME
  connections edit NAME [--base-url URL] [--firm-account ACCOUNT | --no-firm-account]
  accounts NAME [--search TEXT] [--limit N]
  positions NAME [--account ID]             orders NAME [--account ID]
  close NAME [--account ID] --position ID [--qty Q | --percent P] [--retry-of ACTION_ID] [--wait]
  close-all NAME [--account ID] [--cancel-orders] [--wait]
  cancel NAME [--account ID] --order ID
  close-account NAME --account ID
  wind-down NAME (--file FILE | --accounts ID,ID,...) [--report FILE.csv] [--run-id ID] [--sweep-to ACCOUNT | --no-sweep]
  wind-down [NAME] --resume RUN_ID [--sweep-to ACCOUNT | --no-sweep] [--report FILE.csv]
                                            (closeout-accounts: the same command under its old name)
  flatten --connections NAME,NAME,... [--accounts ID,ID,...]
                                            every position closed and open order cancelled, across connections
  audit [--verify [--expect-head SEQ:HASH] | --head | --export FILE.jsonl]
  ui [--real] [--multi-client] [--no-open]  the app in a browser, on 127.0.0.1: demo brokers unless --real
  help [command]

Every command takes --json: one JSON document on stdout, failures included ({"error": {...}}).
Destructive commands (close, close-all, cancel, close-account, wind-down, flatten, connections remove) ask for
confirmation on a terminal and need --yes otherwise. --account may be left out when the connection has exactly one
account.

Exit codes: 0 done, 1 refused or failed at the broker, 2 bad usage or input, 3 outcome unknown,
4 a wind-down parked: what is left waits (settlement, cash to leave); resume it with --resume RUN_ID
--settle (close, close-all, cancel, close-account): when the outcome is unknown, wait while Closeout reads the broker
(never sending again) and report and exit by what it found; 3 only if reading cannot tell.
An action whose process stopped (killed, crashed) before it ended is read back from the broker by the next Closeout
that starts; the next close, cancel or close-all on the same target reports how it ended instead of sending anything
new, and exits by that: 0 it happened, 1 it did not, 3 reading could not tell. Run it again to send anew.
Environment: CLOSEOUT_HOME (data folder), CLOSEOUT_BROKER_TIMEOUT_MS (how long a broker call may take),
CLOSEOUT_RENDERER_DIR (the app's built page for ui; default dist/renderer)`;

const TOPIC_HELP: Record<Topic, string> = {
  connections: `Usage:
  closeout connections add NAME --broker alpaca|clearstreet|exness|scaletrade --base-url URL [--key-id ID] [--login N]
  closeout connections list
  closeout connections remove NAME [--yes]
  closeout connections test NAME
  closeout connections rotate NAME
  closeout connections edit NAME [--base-url URL] [--firm-account ACCOUNT | --no-firm-account]

add: the secret (API secret, key, token or password) is read from stdin when piped (one trailing newline is dropped),
     otherwise prompted for without echo. It goes to the OS keychain only, never to a file or the output.
     Alpaca needs --key-id; ScaleTrade needs --login. The connection is tested first with one read-only call
     (the first page of accounts): a secret or address the broker refuses is reported in its words and nothing is saved.
test: the same read-only call again; says how many accounts the connection reaches, or what the broker answered.
rotate: a new secret, read like add's, tested before it replaces the old one in the keychain.
edit: a new --base-url, tested with the stored secret before it is saved; --firm-account ACCOUNT (id or number, Alpaca
     only) sets the firm account wind-downs sweep cash to, found at the broker before it is saved (--no-firm-account
     clears it). A new address keeps the firm account only if the broker there knows it.
remove: deletes the connection and its secret; asks first on a terminal, needs --yes otherwise.`,
  accounts: `Usage: closeout accounts NAME [--search TEXT] [--limit N]

Lists the connection's accounts: id (what --account takes), number, name, status, currency. Every account, however
many: a broker that answers a thousand at a time (Alpaca) is read page by page. --search is the broker's own search
(Alpaca: every word in the number, name, e-mail or phone). --limit N stops after the first N (oldest first at Alpaca).`,
  positions: `Usage: closeout positions NAME [--account ID]

Lists open positions. The id column is what close --position takes.
--json prints the positions with id, symbol, side, quantity, avgPrice, lastPrice, unrealizedPnl and more.`,
  orders: `Usage: closeout orders NAME [--account ID]

Lists orders. The id column is what cancel --order takes.
--json prints the orders with id, symbol, side, quantity, status and more.`,
  close: `Usage: closeout close NAME [--account ID] --position ID [--qty Q | --percent P] [--retry-of ACTION_ID] [--yes] [--settle] [--wait]

Closes one position at market: all of it, Q units (--qty) or P percent (--percent).
Asks for yes on a terminal, needs --yes otherwise. Exits 3 when the outcome is unknown: check before retrying, or
give --settle to wait while Closeout reads the broker and exit by what it found.
--retry-of ACTION_ID sends an earlier close of the same position again, deliberately, once reading the broker has
shown it did not happen: the same client order id goes out (where the broker takes one), so a broker that did act
refuses the duplicate. A close that happened, or whose outcome is still unknown, is refused (exit 2).
--wait follows the closing order until it ends, reading the broker (never sending again), and prints its fill: price,
quantity, what is left and the realised P&L (estimated from the average entry price where the broker gives none);
--json carries them as "fill".`,
  'close-all': `Usage: closeout close-all NAME [--account ID] [--cancel-orders] [--yes] [--settle] [--wait]

Closes every position of the account at market, cancelling its open orders first with --cancel-orders.
On a terminal you confirm by typing the account number; needs --yes otherwise.
Exits 1 when the broker refused any of the positions; the receipt lists each one.
--wait follows every closing order until it ends, reading the broker (never sending again), and prints each fill:
price, quantity, what stays open and the realised P&L (estimated from the average entry price where the broker gives
none); --json carries them as each item's "fill".`,
  cancel: `Usage: closeout cancel NAME [--account ID] --order ID [--yes] [--settle]

Cancels one open order. Asks for yes on a terminal, needs --yes otherwise.`,
  'close-account': `Usage: closeout close-account NAME --account ID [--yes] [--settle]

Closes the account at the broker. Shows the close check first (positions, open orders, cash, blockers) and refuses
while anything blocks the close. On a terminal you confirm by typing the account number; needs --yes otherwise.`,
  'wind-down': `Usage: closeout wind-down NAME (--file FILE | --accounts ID,ID,...) [--report FILE.csv] [--run-id ID] [--sweep-to ACCOUNT | --no-sweep] [--yes]
       closeout wind-down [NAME] --resume RUN_ID [--sweep-to ACCOUNT | --no-sweep] [--report FILE.csv] [--yes]
       closeout closeout-accounts ...   (the same command under its old name)

Winds down many accounts: for each one, cancel its open orders, close its positions at market, wait until it is
flat, let the sale proceeds settle, sweep the cash out (with --sweep-to), read it again, and close it at the broker
where the broker allows that (Alpaca; elsewhere it stays open). The plan says which steps will wait and why.

--sweep-to ACCOUNT journals each account's settled cash to that firm account (id or number; Alpaca only) as a step
of the run. Without it the run sweeps to the connection's firm account (connections edit --firm-account), if it has
one; --no-sweep, or a connection without one, moves no cash, and an account holding cash waits until it is withdrawn
at the broker. A resume keeps the firm account its run was confirmed with unless --sweep-to or --no-sweep is given.
A step that must wait (sale proceeds settle the next business day; a journal above the broker's limit executes at its
end of day) parks the account instead of failing it: the run exits 4 and lists what it waits for. --resume RUN_ID
goes on from where it stopped, reading every account again and never sending a settled step twice.

The list: --accounts takes ids or account numbers separated by commas or spaces; --file takes a CSV whose header
has an account_id, account_number or account column, or a plain file with one id or number per line.
First a preflight of every account (status, positions, open orders, cash) and the plan are shown on stderr. On a
terminal you confirm once by typing the number of accounts to wind down; needs --yes otherwise. Progress goes to
stderr, the report to stdout (a table, or JSON with --json); --report FILE writes it as CSV (JSON for FILE.json).

A failure stops that account, nothing more is sent for it, and the run moves on. Progress is saved in the journal in
the data folder (closeout.db): running the same list again resumes where each account stopped, without
sending a settled step again; a step whose outcome was unknown is checked by reading the account first. The run id
comes from the connection and the accounts found, in any order; --run-id names a run explicitly. A run that is
already under way, in the app or in another closeout command, is refused before anything is sent (exit 1).
Exits 0 when every account is done or skipped, 1 when any stopped, 3 when any step's outcome is unknown.`,
  flatten: `Usage: closeout flatten --connections NAME,NAME,... [--accounts REF,REF,...] [--yes]

A desk's kill switch across connections: for every account picked, cancel its open orders, then close every position
at market. Without --accounts, every account of the connections; --accounts takes account ids or numbers, each as
CONNECTION:REF where two connections have it.
First the plan is shown on stderr: per account the positions to close, the orders to cancel, and what its broker cannot
do (orders it cannot cancel, holdings no order can close); nothing is sent to an account that could not be read. On a
terminal you confirm once by typing the number of positions; needs --yes otherwise.
Each close and cancel is its own action, recorded in the journal before it is sent. Each connection's items go out at
its own pace, all connections at once; a rate limit (429) is waited out and that item goes again, and an item whose
answer never came is outcome unknown and never sent again. An account another flatten is running on, in the app or in
another closeout, is refused; so is an item that any action touched after the plan was read.
Progress goes to stderr, a result per item to stdout (a table, or JSON with --json).
Exits 0 when every item was taken, 1 when any was refused, 3 when any outcome is unknown.`,
  audit: `Usage: closeout audit [--verify [--expect-head SEQ:HASH] | --head | --export FILE.jsonl]

Prints the audit trail: every destructive attempt and its outcome, from the app and this command alike.
--verify checks the chain instead: each record's hash over the one before, each record's signature (an HMAC under a
  key kept in the OS keychain), and the recorded newest record, so an edited, inserted, reordered or removed record,
  or records cut from the end, make it exit 1. With --expect-head SEQ:HASH it also checks that record SEQ still has
  the hash noted earlier, which catches a rewrite of the whole trail up to that record by someone holding the key.
--head prints the newest record as SEQ:HASH, to paste into a ticket or a compliance system for --expect-head later.
--export FILE.jsonl writes the chain as JSON lines, one record each, checkable without Closeout (see the README).
The trail lives in the journal (closeout.db in the data folder); reading it needs no broker and no connection secret.`,
  ui: `Usage: closeout ui [--real] [--multi-client] [--no-open]

Serves the Closeout app to a browser at http://127.0.0.1:PORT (a free port) until stopped with Ctrl-C, prints the
address with a token made for this run, and opens the system browser where there is a display (--no-open: don't).
The token is printed once, only here; every call from the page carries it. Only that page's own origin may call,
and one browser tab at a time (--multi-client lets more in).
Demo mode unless --real: simulated brokers on loopback with ready connections, secrets in memory, a data folder of
its own removed when it stops; your saved connections, the keychain and DIR are not touched.
--real: your saved connections from DIR and their secrets from the keychain. Any program on this machine that has
the address can then act on those accounts for as long as this runs. --json prints {"url", "origin", "demo"}.
Needs the app's page built (npm run build:renderer; npm start does it).`,
};

export function helpText(topic: Topic | null): string {
  return topic === null ? OVERVIEW : TOPIC_HELP[topic];
}

export function usageHint(topic: Topic | null): string {
  return topic === null ? "Run 'closeout --help' for usage." : `Run 'closeout ${topic} --help' for usage.`;
}
