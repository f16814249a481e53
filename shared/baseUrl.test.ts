import { describe, expect, it } from 'vitest';
import { isAllowedBaseUrl } from './baseUrl';

describe('isAllowedBaseUrl', () => {
  it('allows https to any host', () => {
    expect(isAllowedBaseUrl('https://broker-api.alpaca.markets')).toBe(true);
    expect(isAllowedBaseUrl('https://10.0.0.5:8443/api')).toBe(true);
  });

  it('allows plain http to localhost, anywhere in 127.0.0.0/8 and [::1], however the address is spelled', () => {
    for (const url of [
      'http://127.0.0.1:4010',
      'http://localhost:3000/v1',
      'http://LOCALHOST',
      'http://127.45.6.7',
      'http://127.1',
      'http://0x7f.0.0.1',
      'http://2130706433',
      'http://[::1]:8080',
      'http://[0:0:0:0:0:0:0:1]',
    ]) {
      expect(isAllowedBaseUrl(url), url).toBe(true);
    }
  });

  it('refuses plain http to every other host, including names and addresses that only look local', () => {
    for (const url of [
      'http://broker-api.alpaca.markets',
      'http://10.0.0.5',
      'http://192.168.1.10:8080',
      'http://128.0.0.1',
      'http://127.0.0.1.nip.io',
      'http://localhost.evil.example',
      'http://localhost.',
      'http://[::ffff:127.0.0.1]',
      'http://[::2]',
      'http://0.0.0.0',
    ]) {
      expect(isAllowedBaseUrl(url), url).toBe(false);
    }
  });

  it('refuses other schemes and text that is not an absolute URL', () => {
    for (const value of ['ftp://127.0.0.1', 'ws://localhost', 'file:///etc/passwd', '//127.0.0.1', '127.0.0.1:80', 'not a url', '']) {
      expect(isAllowedBaseUrl(value), value).toBe(false);
    }
  });
});
