// What the app does when its core cannot start (journal unreadable, keychain locked, disk full): without this the
// window never opens and the failure is only an unhandled rejection nobody sees.

export interface StartupFailureDeps {
  log(message: string): void;
  showErrorBox(title: string, content: string): void;
  exit(code: number): void;
}

export const STARTUP_FAILURE_TITLE = 'Closeout could not start';

/** Logs the failure, shows it in a dialog the person must dismiss, then ends the app with a failing exit code. */
export function reportStartupFailure(error: unknown, deps: StartupFailureDeps): void {
  // Core errors are AppErrors whose messages are written for people and carry no secrets.
  const reason = error instanceof Error ? error.message : 'an unexpected failure with no message';
  deps.log(`${STARTUP_FAILURE_TITLE}: ${reason}`);
  deps.showErrorBox(STARTUP_FAILURE_TITLE, `${reason}\n\nNothing was sent to any broker. Fix the cause and start Closeout again.`);
  deps.exit(1);
}
