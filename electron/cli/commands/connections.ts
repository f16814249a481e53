import { BROKER_CAPABILITIES } from '../../../shared/brokers';
import type { ConnectionSummary } from '../../../shared/domain';
import type { Command } from '../args';
import { askConsent, consentPrompt } from '../confirm';
import { call, CommandFailure, validated, type CommandContext, type CommandResult } from '../context';
import { describeRemove } from '../describeAction';
import { EXIT } from '../exitCodes';
import { formatConnections } from '../format';
import { askHidden, readPiped } from '../prompts';
import { printable } from '../table';

// Stands in for the secret while the rest of the request is checked, so a typo in a flag is reported before anyone
// types or pipes a secret.
const PLACEHOLDER_SECRET = 'placeholder';

export async function addConnection(ctx: CommandContext, command: Extract<Command, { name: 'connections add' }>): Promise<CommandResult> {
  const request = {
    name: command.connection,
    broker: command.broker,
    baseUrl: command.baseUrl,
    keyId: command.keyId,
    login: command.login,
  };
  await validated(ctx, 'connections:add', { ...request, secret: PLACEHOLDER_SECRET });
  const secret = await readSecret(ctx, command.connection);
  const summary = await call(ctx, 'connections:add', { ...request, secret });
  const broker = BROKER_CAPABILITIES[summary.broker].displayName;
  return {
    value: summary,
    human: printable(`Added connection ${summary.name} (${broker}, ${summary.baseUrl}); its secret is in the OS keychain. ${reachText(summary)}`),
    exitCode: EXIT.done,
  };
}

export async function testConnection(ctx: CommandContext, command: Extract<Command, { name: 'connections test' }>): Promise<CommandResult> {
  const summary = await call(ctx, 'connections:test', { name: command.connection });
  return { value: summary, human: printable(`Connection ${summary.name} works. ${reachText(summary)}`), exitCode: EXIT.done };
}

export async function rotateConnection(ctx: CommandContext, command: Extract<Command, { name: 'connections rotate' }>): Promise<CommandResult> {
  await validated(ctx, 'connections:rotate', { name: command.connection, secret: PLACEHOLDER_SECRET });
  const secret = await readSecret(ctx, command.connection);
  const summary = await call(ctx, 'connections:rotate', { name: command.connection, secret });
  return { value: summary, human: printable(`Connection ${summary.name} now uses the new secret, which the broker accepted. ${reachText(summary)}`), exitCode: EXIT.done };
}

export async function editConnection(ctx: CommandContext, command: Extract<Command, { name: 'connections edit' }>): Promise<CommandResult> {
  const { name: _name, connection, ...changes } = command;
  const summary = await call(ctx, 'connections:edit', { name: connection, ...changes });
  const firm = summary.firmAccount;
  const said = [
    ...(changes.baseUrl === undefined ? [] : [`now goes to ${summary.baseUrl}`]),
    ...(changes.firmAccount === undefined ? [] : [firm ? `sweeps wind-down cash to firm account ${firm.number} (${firm.name})` : 'has no firm account']),
  ];
  return { value: summary, human: printable(`Connection ${summary.name} ${said.join(' and ')}. ${reachText(summary)}`), exitCode: EXIT.done };
}

/** What the one read-only call of a test found. */
function reachText(summary: ConnectionSummary): string {
  const reach = summary.health?.reach;
  if (!reach) return '';
  const accounts = `${reach.accounts.toLocaleString('en-US')} account${reach.accounts === 1 ? '' : 's'}`;
  return `It reaches ${reach.more ? 'at least ' : ''}${accounts}.`;
}

export async function listConnections(ctx: CommandContext): Promise<CommandResult> {
  const connections = await call(ctx, 'connections:list', {});
  return { value: connections, human: formatConnections(connections), exitCode: EXIT.done };
}

export async function removeConnection(ctx: CommandContext, command: Extract<Command, { name: 'connections remove' }>): Promise<CommandResult> {
  const name = command.connection;
  const terminal = consentPrompt(ctx, 'remove a connection');
  if (terminal) {
    const connections = await call(ctx, 'connections:list', {});
    const summary = connections.find((connection) => connection.name.toLowerCase() === name.toLowerCase());
    await askConsent(terminal, describeRemove(summary, name), 'yes');
  }
  const removed = await call(ctx, 'connections:remove', { name });
  return { value: removed, human: printable(`Removed connection ${name} and its secret.`), exitCode: EXIT.done };
}

/** Piped input is taken whole (scripts, secret managers); a person types it with echo off. */
async function readSecret(ctx: CommandContext, name: string): Promise<string> {
  if (!ctx.terminal) return readPiped(ctx.stdin);
  const secret = await askHidden(ctx.terminal, `Secret for ${name}: `);
  if (secret === null) {
    throw new CommandFailure({ code: 'precondition_failed', outcome: 'not_sent', retryable: false, message: 'Cancelled: nothing was saved.' });
  }
  return secret;
}
