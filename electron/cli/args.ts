import { BROKER_KINDS, type BrokerKind } from '../../shared/brokers';
import { parseAuditHead, type AuditHead } from '../../shared/audit';
import type { RequestOf } from '../../shared/contract';

export type CloseAmountInput = RequestOf<'position:close'>['amount'];

/** The words a person can ask help about: every command of the contract. */
export const TOPICS = ['connections', 'accounts', 'positions', 'orders', 'close', 'close-all', 'cancel', 'close-account', 'wind-down', 'flatten', 'audit', 'ui'] as const;
export type Topic = (typeof TOPICS)[number];

export type Command =
  | { name: 'help'; topic: Topic | null }
  | { name: 'version' }
  | { name: 'connections add'; connection: string; broker: BrokerKind; baseUrl: string; keyId?: string | undefined; login?: number }
  | { name: 'connections list' }
  | { name: 'connections remove'; connection: string }
  | { name: 'connections test'; connection: string }
  | { name: 'connections rotate'; connection: string }
  | { name: 'connections edit'; connection: string; baseUrl?: string; firmAccount?: string | null }
  | { name: 'accounts'; connection: string; search?: string | undefined; limit?: number }
  | { name: 'positions'; connection: string; accountId?: string }
  | { name: 'orders'; connection: string; accountId?: string }
  | { name: 'close'; connection: string; accountId?: string; positionId: string; amount: CloseAmountInput; retryOf?: string | undefined; wait: boolean }
  | { name: 'close-all'; connection: string; accountId?: string; cancelOrders: boolean; wait: boolean }
  | { name: 'cancel'; connection: string; accountId?: string; orderId: string }
  | { name: 'close-account'; connection: string; accountId: string }
  | {
      name: 'wind-down';
      /** Optional with --resume, where the run names its connection; checked against it when given. */
      connection?: string;
      /** The accounts: a file (CSV with an account column, or one per line) or the text given to --accounts. */
      list?: { kind: 'file'; path: string } | { kind: 'text'; text: string };
      /** --resume: the run to go on with, its accounts and firm account as the journal kept them. */
      resume?: string | undefined;
      reportFile?: string | undefined;
      runId?: string | undefined;
      /**
       * --sweep-to: the firm account (id or number) each account's cash is journaled to before the close; null with
       * --no-sweep; absent: the connection's firm account (or, on --resume, the run's).
       */
      sweepTo?: string | null | undefined;
    }
  | {
      name: 'flatten';
      /** --connections: the connections whose accounts are flattened. */
      connections: string[];
      /** --accounts: ids or numbers, each optionally CONNECTION:ID; every account of the connections when absent. */
      accounts?: string[];
    }
  | { name: 'audit'; show: AuditShow }
  | UiCommand;

/** `closeout ui`: the app in a browser. Demo brokers unless --real; one browser client unless --multi-client. */
export interface UiCommand {
  name: 'ui';
  real: boolean;
  multiClient: boolean;
  /** Open the system browser where there is a display (--no-open: only print the address). */
  open: boolean;
}

/** What `closeout audit` does: list the trail, print its head, verify it (against a head noted earlier), or export it. */
export type AuditShow = { kind: 'list' } | { kind: 'head' } | { kind: 'verify'; expectHead?: AuditHead } | { kind: 'export'; file: string };

export interface Invocation {
  command: Command;
  dataDir?: string;
  json: boolean;
  yes: boolean;
  /** --settle: on an unknown outcome, wait for the core's reading of the broker and exit by its verdict. */
  settle: boolean;
}

/** A mistake on the command line: one line naming the flag or argument and the rule, then a hint to the help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly topic: Topic | null = null,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type FlagKind = 'value' | 'switch';

// Every flag means the same thing and takes a value or not wherever it appears, so the command line can be split into
// flags and arguments before the command is known; which command accepts which flag is checked afterwards.
const FLAG_KINDS: Record<string, FlagKind> = {
  'data-dir': 'value',
  json: 'switch',
  help: 'switch',
  version: 'switch',
  yes: 'switch',
  settle: 'switch',
  wait: 'switch',
  broker: 'value',
  'base-url': 'value',
  'key-id': 'value',
  login: 'value',
  search: 'value',
  limit: 'value',
  account: 'value',
  position: 'value',
  order: 'value',
  qty: 'value',
  percent: 'value',
  'cancel-orders': 'switch',
  verify: 'switch',
  head: 'switch',
  'expect-head': 'value',
  export: 'value',
  'retry-of': 'value',
  file: 'value',
  accounts: 'value',
  report: 'value',
  'run-id': 'value',
  real: 'switch',
  'multi-client': 'switch',
  'no-open': 'switch',
  resume: 'value',
  'sweep-to': 'value',
  'no-sweep': 'switch',
  'firm-account': 'value',
  'no-firm-account': 'switch',
  connections: 'value',
};

const GLOBAL_FLAGS = ['data-dir', 'json', 'help'];

const COMMAND_FLAGS: Record<string, readonly string[]> = {
  'connections add': ['broker', 'base-url', 'key-id', 'login'],
  'connections list': [],
  'connections remove': ['yes'],
  'connections test': [],
  'connections rotate': [],
  'connections edit': ['base-url', 'firm-account', 'no-firm-account'],
  accounts: ['search', 'limit'],
  positions: ['account'],
  orders: ['account'],
  close: ['account', 'position', 'qty', 'percent', 'retry-of', 'yes', 'settle', 'wait'],
  'close-all': ['account', 'cancel-orders', 'yes', 'settle', 'wait'],
  cancel: ['account', 'order', 'yes', 'settle'],
  'close-account': ['account', 'yes', 'settle'],
  'wind-down': ['file', 'accounts', 'report', 'run-id', 'resume', 'sweep-to', 'no-sweep', 'yes'],
  flatten: ['connections', 'accounts', 'yes'],
  audit: ['verify', 'head', 'expect-head', 'export'],
  ui: ['real', 'multi-client', 'no-open'],
  help: [],
};

const CONNECTIONS_SUBCOMMANDS = ['add', 'list', 'remove', 'test', 'rotate', 'edit'];

type Flags = Map<string, string | true>;

export function parseArgs(argv: readonly string[]): Invocation {
  const { flags, positionals } = tokenize(argv);
  const dataDir = flags.get('data-dir');
  const globals = { json: flags.has('json'), yes: flags.has('yes'), settle: flags.has('settle'), ...(typeof dataDir === 'string' ? { dataDir } : {}) };
  const [word, ...rest] = positionals;

  if (word === undefined) {
    if (flags.has('version')) return { ...globals, command: { name: 'version' } };
    if (flags.has('help')) return { ...globals, command: { name: 'help', topic: null } };
    throw new UsageError('missing command');
  }
  if (word === 'help') {
    if (rest.length > 1) throw new UsageError(`unexpected argument "${rest[1]}"`);
    return { ...globals, command: { name: 'help', topic: rest[0] === undefined ? null : topicOf(rest[0]) } };
  }
  const topic = topicOf(word);
  if (flags.has('help')) return { ...globals, command: { name: 'help', topic } };

  const key = commandKey(topic, rest);
  const args = topic === 'connections' ? rest.slice(1) : rest;
  checkFlags(key, topic, flags);
  return { ...globals, command: buildCommand(key, topic, args, flags) };
}

function tokenize(argv: readonly string[]): { flags: Flags; positionals: string[] } {
  const flags: Flags = new Map();
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index] as string;
    if (token === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (token === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    if (!token.startsWith('--')) throw new UsageError(`unknown option ${token}: flags are spelled --name`);
    const equals = token.indexOf('=');
    const name = token.slice(2, equals < 0 ? undefined : equals);
    const kind = FLAG_KINDS[name];
    if (kind === undefined) throw new UsageError(`unknown flag --${name}`, null, `--${name}`);
    if (flags.has(name)) throw new UsageError(`--${name} is given more than once`, null, `--${name}`);
    if (kind === 'switch') {
      if (equals >= 0) throw new UsageError(`--${name} takes no value`, null, `--${name}`);
      flags.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (equals >= 0) {
      value = token.slice(equals + 1);
    } else {
      value = argv[index + 1];
      index += 1;
    }
    if (value === undefined) throw new UsageError(`--${name} needs a value`, null, `--${name}`);
    if (value === '') throw new UsageError(`--${name} must not be empty`, null, `--${name}`);
    flags.set(name, value);
  }
  return { flags, positionals };
}

/** Older names that still work exactly as the command they stand for. */
const ALIASES: ReadonlyMap<string, Topic> = new Map([['closeout-accounts', 'wind-down']]);

function topicOf(word: string): Topic {
  const name = ALIASES.get(word) ?? word;
  const topic = TOPICS.find((candidate) => candidate === name);
  if (topic === undefined) throw new UsageError(`unknown command "${word}"`);
  return topic;
}

function commandKey(topic: Topic, rest: readonly string[]): string {
  if (topic !== 'connections') return topic;
  const sub = rest[0];
  if (sub === undefined || !CONNECTIONS_SUBCOMMANDS.includes(sub)) {
    const given = sub === undefined ? 'nothing' : `"${sub}"`;
    throw new UsageError(`connections takes add, list, remove, test, rotate or edit, not ${given}`, topic);
  }
  return `connections ${sub}`;
}

function checkFlags(key: string, topic: Topic, flags: Flags): void {
  const allowed = COMMAND_FLAGS[key] ?? [];
  for (const name of flags.keys()) {
    if (GLOBAL_FLAGS.includes(name) || allowed.includes(name)) continue;
    throw new UsageError(`${key} does not take --${name}`, topic, `--${name}`);
  }
}

function buildCommand(key: string, topic: Topic, args: readonly string[], flags: Flags): Command {
  if (key === 'connections list') {
    expectArguments(key, topic, args, 0);
    return { name: 'connections list' };
  }
  if (key === 'audit') {
    expectArguments(key, topic, args, 0);
    return { name: 'audit', show: auditShow(flags, topic) };
  }
  if (key === 'ui') {
    expectArguments(key, topic, args, 0);
    return { name: 'ui', real: flags.has('real'), multiClient: flags.has('multi-client'), open: !flags.has('no-open') };
  }

  const value = (name: string) => {
    const found = flags.get(name);
    return typeof found === 'string' ? found : undefined;
  };
  if (key === 'wind-down' && value('resume') !== undefined) return resumeCommand(topic, args, value, flags);
  if (key === 'flatten') return flattenCommand(topic, args, value);
  expectArguments(key, topic, args, 1);
  const connection = args[0] as string;
  const required = (name: string, rule: string) => {
    const found = value(name);
    if (found === undefined) throw new UsageError(`--${name} is required: ${rule}`, topic, `--${name}`);
    return found;
  };
  const account = value('account');
  const accountId = account === undefined ? {} : { accountId: account };

  switch (key) {
    case 'connections add': {
      const broker = required('broker', `one of ${BROKER_KINDS.join(', ')}`);
      const kind = BROKER_KINDS.find((candidate) => candidate === broker);
      if (kind === undefined) throw new UsageError(`--broker must be one of ${BROKER_KINDS.join(', ')}`, topic, '--broker');
      const baseUrl = required('base-url', "the broker API's address");
      const keyId = value('key-id');
      const login = value('login');
      return {
        name: 'connections add',
        connection,
        broker: kind,
        baseUrl,
        keyId,
        ...(login === undefined ? {} : { login: parseLogin(login, topic) }),
      };
    }
    case 'connections remove':
      return { name: 'connections remove', connection };
    case 'connections test':
      return { name: 'connections test', connection };
    case 'connections rotate':
      return { name: 'connections rotate', connection };
    case 'connections edit':
      return { name: 'connections edit', connection, ...connectionChanges(value('base-url'), value('firm-account'), flags.has('no-firm-account'), topic) };
    case 'accounts': {
      const search = value('search');
      const limit = value('limit');
      return {
        name: 'accounts',
        connection,
        search,
        ...(limit === undefined ? {} : { limit: parseLimit(limit, topic) }),
      };
    }
    case 'positions':
      return { name: 'positions', connection, ...accountId };
    case 'orders':
      return { name: 'orders', connection, ...accountId };
    case 'close': {
      const retryOf = value('retry-of');
      return {
        name: 'close',
        connection,
        ...accountId,
        positionId: required('position', 'the id of the position to close, as positions lists it'),
        amount: closeAmount(value('qty'), value('percent'), topic),
        retryOf,
        wait: flags.has('wait'),
      };
    }
    case 'close-all':
      return { name: 'close-all', connection, ...accountId, cancelOrders: flags.has('cancel-orders'), wait: flags.has('wait') };
    case 'cancel':
      return { name: 'cancel', connection, ...accountId, orderId: required('order', 'the id of the order to cancel, as orders lists it') };
    case 'wind-down': {
      const reportFile = value('report');
      const runId = value('run-id');
      const sweepTo = sweepChoice(value('sweep-to'), flags.has('no-sweep'), topic);
      return {
        name: 'wind-down',
        connection,
        list: accountList(value('file'), value('accounts'), topic),
        reportFile,
        runId,
        ...(sweepTo === undefined ? {} : { sweepTo }),
      };
    }
    default:
      return { name: 'close-account', connection, accountId: required('account', 'close-account always names the account') };
  }
}

/** `flatten --connections A,B [--accounts ...]`: the connections are a flag, since there may be several. */
function flattenCommand(topic: Topic, args: readonly string[], value: (name: string) => string | undefined): Command {
  if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}" after flatten: name the connections with --connections A,B`, topic);
  const connections = listOf(value('connections'));
  if (connections === undefined) throw new UsageError('--connections is required: the connections to flatten, separated by commas', topic, '--connections');
  const accounts = listOf(value('accounts'));
  return { name: 'flatten', connections, ...(accounts === undefined ? {} : { accounts }) };
}

/** A list given as one value: names or ids separated by commas, spaces around them and empty entries dropped. */
function listOf(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return [...new Set(text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))];
}

/** `wind-down [NAME] --resume RUN_ID`: the run already knows its accounts, so no list and no other run id. */
function resumeCommand(topic: Topic, args: readonly string[], value: (name: string) => string | undefined, flags: Flags): Command {
  if (args.length > 1) throw new UsageError(`unexpected argument "${args[1]}" after wind-down`, topic);
  for (const name of ['file', 'accounts', 'run-id']) {
    if (value(name) !== undefined) throw new UsageError(`--resume cannot be combined with --${name}: the run already knows its accounts and its id`, topic, `--${name}`);
  }
  const reportFile = value('report');
  const sweepTo = sweepChoice(value('sweep-to'), flags.has('no-sweep'), topic);
  return {
    name: 'wind-down',
    resume: value('resume') as string,
    ...(args[0] === undefined ? {} : { connection: args[0] }),
    ...(reportFile === undefined ? {} : { reportFile }),
    ...(sweepTo === undefined ? {} : { sweepTo }),
  };
}

/** --sweep-to names the firm account, --no-sweep turns the sweep off; neither leaves it to the connection (or the run). */
function sweepChoice(sweepTo: string | undefined, noSweep: boolean, topic: Topic): string | null | undefined {
  if (sweepTo !== undefined && noSweep) throw new UsageError('--sweep-to cannot be combined with --no-sweep: give one', topic, '--no-sweep');
  return noSweep ? null : sweepTo;
}

/** `connections edit`: a new address, a firm account or none (--no-firm-account), at least one of them. */
function connectionChanges(baseUrl: string | undefined, firmAccount: string | undefined, noFirmAccount: boolean, topic: Topic): { baseUrl?: string; firmAccount?: string | null } {
  if (firmAccount !== undefined && noFirmAccount) throw new UsageError('--firm-account cannot be combined with --no-firm-account: give one', topic, '--no-firm-account');
  if (baseUrl === undefined && firmAccount === undefined && !noFirmAccount) {
    throw new UsageError('--base-url, --firm-account or --no-firm-account is required: what to change', topic, '--base-url');
  }
  return { ...(baseUrl === undefined ? {} : { baseUrl }), ...(noFirmAccount ? { firmAccount: null } : firmAccount === undefined ? {} : { firmAccount }) };
}

function auditShow(flags: Flags, topic: Topic): AuditShow {
  const modes = ['verify', 'head', 'export'].filter((name) => flags.has(name));
  if (modes.length > 1) throw new UsageError(`--${modes[0]} cannot be combined with --${modes[1]}: give one`, topic, `--${modes[1]}`);
  const expected = flags.get('expect-head');
  if (typeof expected === 'string') {
    if (!flags.has('verify')) throw new UsageError('--expect-head needs --verify: it is what the check compares against', topic, '--expect-head');
    const expectHead = parseAuditHead(expected);
    if (!expectHead) throw new UsageError('--expect-head must be SEQ:HASH as `closeout audit --head` prints it (a record number, a colon, 64 hex digits)', topic, '--expect-head');
    return { kind: 'verify', expectHead };
  }
  const file = flags.get('export');
  if (typeof file === 'string') return { kind: 'export', file };
  if (flags.has('verify')) return { kind: 'verify' };
  return flags.has('head') ? { kind: 'head' } : { kind: 'list' };
}

function expectArguments(key: string, topic: Topic, args: readonly string[], count: 0 | 1): void {
  if (args.length < count) throw new UsageError(`${key} needs the connection NAME`, topic, 'NAME');
  if (args.length > count) throw new UsageError(`unexpected argument "${args[count]}" after ${key}`, topic);
}

function closeAmount(qty: string | undefined, percent: string | undefined, topic: Topic): CloseAmountInput {
  if (qty !== undefined && percent !== undefined) {
    throw new UsageError('--qty cannot be combined with --percent: give one amount, or neither to close it all', topic, '--qty');
  }
  if (qty !== undefined) return { kind: 'quantity', quantity: qty };
  if (percent !== undefined) return { kind: 'percent', percent };
  return { kind: 'all' };
}

function accountList(file: string | undefined, accounts: string | undefined, topic: Topic): NonNullable<Extract<Command, { name: 'wind-down' }>['list']> {
  if (file !== undefined && accounts !== undefined) throw new UsageError('--file cannot be combined with --accounts: give the list one way', topic, '--file');
  if (file !== undefined) return { kind: 'file', path: file };
  if (accounts !== undefined) return { kind: 'text', text: accounts };
  throw new UsageError('--file or --accounts is required: the accounts to wind down', topic, '--file');
}

function parseLimit(limit: string, topic: Topic): number {
  if (!/^[1-9]\d{0,6}$/.test(limit)) throw new UsageError('--limit must be a whole number from 1 to 9999999', topic, '--limit');
  return Number(limit);
}

function parseLogin(login: string, topic: Topic): number {
  if (!/^[1-9]\d{0,15}$/.test(login)) throw new UsageError('--login must be a whole number above 0', topic, '--login');
  return Number(login);
}
