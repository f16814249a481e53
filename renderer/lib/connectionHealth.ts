import type { ConnectionHealth } from '../../shared/domain';

export type HealthTone = 'ok' | 'failing' | 'unused';

/** A time of the connection's health: the clock alone today, the date too otherwise (health outlives the session). */
export function healthTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  return at.toDateString() === now.toDateString() ? at.toLocaleTimeString() : at.toLocaleString();
}

/** Failing when the last call that failed came after the last that worked. */
export function healthTone(health: ConnectionHealth | undefined): HealthTone {
  if (!health || (health.lastSuccessAt === null && health.lastError === null)) return 'unused';
  if (health.lastError !== null && (health.lastSuccessAt === null || health.lastError.at > health.lastSuccessAt)) return 'failing';
  return 'ok';
}

/** The last success and the last error of the connection's calls, in a person's words. */
export function healthText(health: ConnectionHealth | undefined, now: Date = new Date()): string {
  if (!health) return 'Not used yet';
  const parts: string[] = [];
  if (health.lastSuccessAt) parts.push(`OK at ${healthTime(health.lastSuccessAt, now)}`);
  if (health.reach) parts.push(`${health.reach.more ? 'at least ' : ''}${health.reach.accounts.toLocaleString('en-US')} accounts`);
  if (health.lastError) parts.push(`last error at ${healthTime(health.lastError.at, now)}: ${health.lastError.message}`);
  return parts.length === 0 ? 'Not used yet' : parts.join(' · ');
}

/** One short line for the connection list: how the last call went and when. */
export function healthBrief(health: ConnectionHealth | undefined, now: Date = new Date()): string {
  switch (healthTone(health)) {
    case 'unused':
      return 'Not used yet';
    case 'failing':
      return `Failing since ${healthTime(health?.lastError?.at ?? '', now)}`;
    case 'ok':
      return `OK at ${healthTime(health?.lastSuccessAt ?? '', now)}`;
  }
}
