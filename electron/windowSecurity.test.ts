import { describe, expect, it } from 'vitest';
import { allowNavigation, allowPermission, CONTENT_SECURITY_POLICY, isTrustedSender, SECURE_WEB_PREFERENCES, windowOpenDecision } from './windowSecurity';

const index = 'file:///opt/Closeout/resources/app.asar/dist/renderer/index.html';

describe('window security rules', () => {
  it('trusts only the app page itself as an IPC sender', () => {
    expect(isTrustedSender(index, index)).toBe(true);
    expect(isTrustedSender(`${index}#/settings`, index)).toBe(true);
    expect(isTrustedSender('file:///tmp/evil.html', index)).toBe(false);
    expect(isTrustedSender('https://example.com/', index)).toBe(false);
    expect(isTrustedSender(undefined, index)).toBe(false);
    expect(isTrustedSender('not a url', index)).toBe(false);
  });

  it('denies every navigation, new window and permission request', () => {
    expect(allowNavigation('https://example.com')).toBe(false);
    expect(allowNavigation(index)).toBe(false);
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(allowPermission(permission)).toBe(false);
    }
  });

  it('keeps the renderer isolated from Node', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  });

  it('allows scripts only from the app itself and no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
