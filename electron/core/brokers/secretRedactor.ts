import type { BrokerCredentials } from './broker';

export type Redact = (text: string) => string;

export const REDACTED = '[redacted]';

/**
 * Every spelling of a connection's secret that a broker could quote back: the secret as stored and as sent (trimmed,
 * without a pasted "Bearer " prefix), the Basic token base64(keyId:secret), and each of those percent-encoded (either
 * hex case, spaces as %20 or +) or escaped inside a JSON string. "Bearer x" and "Basic x" contain x, so x covers them.
 */
export function secretForms({ keyId, secret }: BrokerCredentials): string[] {
  const sent = secret.trim().replace(/^Bearer\s+/i, '');
  const plain = [secret, sent, ...(keyId !== undefined ? [Buffer.from(`${keyId}:${secret}`, 'utf8').toString('base64')] : [])];
  const spellings = plain.flatMap((form) => {
    const percent = encodeURIComponent(form);
    const formEncoded = new URLSearchParams({ _: form }).toString().slice(2);
    return [form, percent, lowerHex(percent), formEncoded, lowerHex(formEncoded), JSON.stringify(form).slice(1, -1)];
  });
  return [...new Set(spellings)].filter((form) => form.length > 0);
}

/**
 * Replaces every form in one pass, longest first, so a form inside a longer one does not leave part of the longer one
 * behind, and the placeholder itself is never scanned again.
 */
export function createRedactor(forms: readonly string[]): Redact {
  if (forms.length === 0) return (text) => text;
  const longestFirst = [...forms].sort((a, b) => b.length - a.length);
  const shortest = longestFirst.at(-1)?.length ?? 0;
  const pattern = new RegExp(longestFirst.map(escapeRegExp).join('|'), 'g');
  // Most of what an adapter returns (ids, symbols, decimals) is shorter than any spelling: those skip the scan.
  return (text) => (text.length < shortest ? text : text.replace(pattern, REDACTED));
}

function lowerHex(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
