#!/usr/bin/env node
// Runs a command inside a private, throw-away Secret Service (its own D-Bus session and an unlocked gnome-keyring
// whose files live in a temp folder), so keychain tests never touch the user's real keyring.
// Usage: node scripts/with-secret-service.mjs CMD [ARGS...]
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

// The daemon gets its own XDG folders (so its keyring file lands in the temp folder) and reads the password from stdin;
// the command runs with the caller's environment. The password travels in an environment variable that is unset
// before the command starts.
const SESSION_SCRIPT = `
dir="$CLOSEOUT_KEYRING_DIR"; password="$CLOSEOUT_KEYRING_PASSWORD"
unset CLOSEOUT_KEYRING_DIR CLOSEOUT_KEYRING_PASSWORD
if ! printf '%s' "$password" | XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir/run" \\
    gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>"$dir/daemon.log"; then
  echo "with-secret-service: gnome-keyring-daemon did not start:" >&2
  cat "$dir/daemon.log" >&2
  exit 1
fi
echo $$ > "$dir/command.pid"
exec "$@"
`;

// dbus-daemon warns about this in unprivileged containers; it changes nothing for a private test bus.
const HARMLESS_STDERR = /Failed to set fd limit/;

function main() {
  const command = process.argv.slice(2);
  if (command.length === 0) {
    console.error('Usage: node scripts/with-secret-service.mjs CMD [ARGS...]');
    process.exit(2);
  }
  const env = { ...process.env, PATH: withLocalBin(process.env.PATH) };
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((tool) => !onPath(tool, env.PATH));
  if (missing.length > 0) {
    console.log(`with-secret-service: ${missing.join(' and ')} not found, so the keychain tests will skip (install dbus and gnome-keyring to run them).`);
    run(command[0], command.slice(1), env, { commandPid: () => undefined, cleanUp: () => {} });
    return;
  }

  const keyringDir = mkdtempSync(path.join(os.tmpdir(), 'closeout-keyring-'));
  mkdirSync(path.join(keyringDir, 'data'), { mode: 0o700 });
  mkdirSync(path.join(keyringDir, 'run'), { mode: 0o700 });
  const sessionEnv = {
    ...env,
    CLOSEOUT_SECRET_SERVICE: 'private',
    CLOSEOUT_KEYCHAIN_SERVICE: `closeout-test-${randomBytes(6).toString('hex')}`,
    CLOSEOUT_KEYRING_DIR: keyringDir,
    // gnome-keyring refuses to unlock a new keyring with an empty password.
    CLOSEOUT_KEYRING_PASSWORD: randomBytes(18).toString('base64'),
  };
  run('dbus-run-session', ['--', 'sh', '-c', SESSION_SCRIPT, 'with-secret-service', ...command], sessionEnv, {
    commandPid: () => readPid(path.join(keyringDir, 'command.pid')),
    cleanUp: () => rmSync(keyringDir, { recursive: true, force: true }),
  });
}

function readPid(file) {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Scripts run outside npm too, so the project's own binaries (vitest, playwright) must be found without npx. */
function withLocalBin(pathValue = '') {
  return [path.join(REPO_ROOT, 'node_modules', '.bin'), pathValue].filter(Boolean).join(path.delimiter);
}

function onPath(tool, pathValue) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { env: { PATH: pathValue }, stdio: 'ignore' }).status === 0;
}

/**
 * Starts the command in its own process group, filters the one harmless dbus warning from stderr, and exits with the
 * command's code. A signal goes to the command itself once its pid is known (dbus-run-session neither passes signals on
 * nor survives them, and its death would hide the command's exit code), else to the whole group. When the command ends,
 * whatever is left in the group (a keyring daemon that missed the end of its bus) is stopped too.
 */
function run(file, args, env, { commandPid, cleanUp }) {
  const child = spawn(file, args, { env, stdio: ['inherit', 'inherit', 'pipe'], detached: true });
  const stderrDone = pipeStderr(child.stderr);
  const send = (pid, signal) => {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  };
  const forward = (signal) => send(commandPid() ?? -child.pid, signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);

  child.on('error', (error) => {
    cleanUp();
    console.error(`with-secret-service: could not start ${file}: ${error.message}`);
    process.exit(127);
  });
  child.on('exit', async (code, signal) => {
    send(-child.pid, 'SIGTERM');
    await Promise.race([stderrDone, new Promise((resolve) => setTimeout(resolve, 2000))]);
    cleanUp();
    process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0));
  });
}

function pipeStderr(stream) {
  let pending = '';
  const done = new Promise((resolve) => stream.on('close', resolve));
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (!HARMLESS_STDERR.test(line)) process.stderr.write(`${line}\n`);
  });
  stream.on('end', () => {
    if (pending !== '' && !HARMLESS_STDERR.test(pending)) process.stderr.write(pending);
  });
  return done;
}

main();
