// The window's security rules as plain functions, so they are tested without the Electron binary.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The renderer is loaded from a file:// URL inside the app bundle; only that page may talk to the main process. */
export function isTrustedSender(senderUrl: string | undefined, rendererIndexUrl: string): boolean {
  if (!senderUrl) return false;
  try {
    const sender = new URL(senderUrl);
    const own = new URL(rendererIndexUrl);
    return sender.protocol === own.protocol && sender.host === own.host && sender.pathname === own.pathname;
  } catch {
    return false;
  }
}

/** Closeout never navigates away from its own page and never opens windows. */
export function allowNavigation(_targetUrl: string): boolean {
  return false;
}

export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, notifications, clipboard, geolocation...: a trading tool needs none of them. */
export function allowPermission(_permission: string): boolean {
  return false;
}

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;
