// Plain http carries the secret (a Basic header, a bearer token, a login password) where anyone on the network path
// can read or change it. Only a host on this machine has no such path, which is where the simulators listen.

export const BASE_URL_RULE = 'must start with https:// (plain http:// is allowed only for localhost, 127.0.0.0/8 and [::1])';

/** The address is https, or http to this machine itself; anything that is not an absolute URL is not allowed. */
export function isAllowedBaseUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/**
 * Takes the hostname as the URL parser leaves it: IPv4 in any spelling (127.1, 0x7f.0.0.1, 2130706433) is already
 * dotted decimal and IPv6 is compressed and bracketed, so no other spelling of a loopback address reaches this.
 */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
