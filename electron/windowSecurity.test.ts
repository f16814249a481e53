import { describe, expect, it } from 'vitest';
import {
  allowNavigation,
  allowPermission,
  CONTENT_SECURITY_POLICY,
  hardenContents,
  hardenSession,
  isTrustedSender,
  SECURE_WEB_PREFERENCES,
  windowOpenDecision,
  type HardenableContents,
  type HardenableSession,
} from './windowSecurity';

const index = 'file:///opt/Closeout/resources/app.asar/dist/renderer/index.html';
// Electron's permission names (Session.setPermissionRequestHandler), plus a made-up one: the rule must not be a list.
const PERMISSIONS = [
  'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media',
  'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection',
  'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem', 'hid', 'serial', 'usb', 'not-yet-invented',
];

function preventable() {
  const event = { prevented: false, preventDefault: () => { event.prevented = true; } };
  return event;
}

/** A WebContents stand-in that records what hardenContents registers, so the test can fire Electron's events. */
function fakeContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: HardenableContents = {
    on: (event: string, listener: (...args: never[]) => void) => {
      listeners.set(event, listener as (...args: unknown[]) => void);
      return contents;
    },
    setWindowOpenHandler: (handler) => {
      openHandler = handler;
    },
  };
  return {
    contents,
    fire(event: string, ...args: unknown[]) {
      const listener = listeners.get(event);
      if (!listener) throw new Error(`no listener for ${event}`);
      listener(...args);
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

function fakeSession() {
  let requestHandler: Parameters<HardenableSession['setPermissionRequestHandler']>[0] | undefined;
  let checkHandler: Parameters<HardenableSession['setPermissionCheckHandler']>[0] | undefined;
  let headersListener: Parameters<HardenableSession['webRequest']['onHeadersReceived']>[0] | undefined;
  const session: HardenableSession = {
    setPermissionRequestHandler: (handler) => { requestHandler = handler; },
    setPermissionCheckHandler: (handler) => { checkHandler = handler; },
    webRequest: { onHeadersReceived: (listener) => { headersListener = listener; } },
  };
  return {
    session,
    request: (permission: string) =>
      new Promise<boolean>((resolve) => {
        if (!requestHandler) throw new Error('no permission request handler');
        requestHandler({}, permission, resolve);
      }),
    check: (permission: string) => {
      if (!checkHandler) throw new Error('no permission check handler');
      return checkHandler({}, permission);
    },
    headers: (responseHeaders: Record<string, string[]>) =>
      new Promise<Record<string, string[] | string>>((resolve) => {
        if (!headersListener) throw new Error('no headers listener');
        headersListener({ responseHeaders }, (response) => resolve(response.responseHeaders));
      }),
  };
}

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
    for (const permission of PERMISSIONS) expect(allowPermission(permission)).toBe(false);
  });

  it('keeps Node out of the page, its frames and workers, with the sandbox, isolation and web security on', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('allows scripts only from the app itself and no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('hardening a WebContents', () => {
  it('prevents every navigation, to another site and to the app page alike', () => {
    const fake = fakeContents();
    hardenContents(fake.contents);
    for (const url of ['https://example.com/phish', 'file:///etc/passwd', index, 'javascript:alert(1)']) {
      const event = preventable();
      fake.fire('will-navigate', event, url);
      expect(event.prevented).toBe(true);
    }
  });

  it('denies every new window, whatever the link', () => {
    const fake = fakeContents();
    hardenContents(fake.contents);
    for (const url of ['https://example.com/', index, 'about:blank']) expect(fake.open(url)).toEqual({ action: 'deny' });
  });

  it('logs a preload that fails, naming the file and the error', () => {
    const fake = fakeContents();
    const logged: string[] = [];
    hardenContents(fake.contents, (message) => logged.push(message));
    fake.fire('preload-error', {}, '/app/dist/electron/preload.cjs', new Error('contextBridge is not defined'));
    expect(logged).toEqual(['The preload /app/dist/electron/preload.cjs failed: contextBridge is not defined']);
  });

  it('logs a renderer process that is gone, with its reason and exit code', () => {
    const fake = fakeContents();
    const logged: string[] = [];
    hardenContents(fake.contents, (message) => logged.push(message));
    fake.fire('render-process-gone', {}, { reason: 'oom', exitCode: 137 });
    expect(logged).toEqual(["The window's renderer process is gone: oom (exit code 137)"]);
  });

  it('blocks every webview from attaching', () => {
    const fake = fakeContents();
    hardenContents(fake.contents);
    const event = preventable();
    fake.fire('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.prevented).toBe(true);
  });
});

describe('hardening a session', () => {
  it('denies every permission request and every permission check', async () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    for (const permission of PERMISSIONS) {
      expect(await fake.request(permission)).toBe(false);
      expect(fake.check(permission)).toBe(false);
    }
  });

  it('adds exactly CONTENT_SECURITY_POLICY to every response and keeps the other headers', async () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    expect(await fake.headers({ 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('replaces a policy a response brought with it', async () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    const headers = await fake.headers({ 'Content-Security-Policy': ["default-src *; script-src 'unsafe-inline'"] });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});
