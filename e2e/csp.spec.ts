import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test as base } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../electron/windowSecurity';
import { startWebServer } from '../electron/webServer/webServer';

// The built renderer under its Content Security Policy (the Electron window's header, as `closeout ui` sends it, and
// the meta tag in index.html), with a second local server on another port standing in for any outside origin: the
// page may run only its own bundle and reach nothing but its own origin.

const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'renderer');
const INDEX_HTML = path.join(RENDERER_DIR, 'index.html');

interface Violation {
  effectiveDirective: string;
  blockedURI: string;
  sourceFile: string;
  originalPolicy: string;
}

interface Outside {
  url: string;
  /** Every request and WebSocket upgrade that reached the outside server. */
  received: string[];
}

/** An origin that would answer anything, to anyone: if the page reached it, nothing but the CSP could have stopped it. */
async function startOutsideServer(): Promise<Outside & { close(): Promise<void> }> {
  const received: string[] = [];
  const server = http.createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' }).end('reached');
  });
  server.on('upgrade', (request, socket) => {
    received.push(`UPGRADE ${request.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers the renderer's boot calls with empty data; the CSP, not the core, is under test here. */
function bridgeStub(): void {
  const answers: Record<string, unknown> = { 'app:info': { demo: true, version: 'csp' } };
  const violations: Violation[] = [];
  Object.assign(window, {
    __violations: violations,
    closeout: Object.freeze({
      invoke: async (channel: string) => ({ ok: true, data: answers[channel] ?? [] }),
      on: () => () => undefined,
    }),
  });
  document.addEventListener('securitypolicyviolation', (event) => {
    const { effectiveDirective, blockedURI, sourceFile, originalPolicy } = event;
    violations.push({ effectiveDirective, blockedURI, sourceFile, originalPolicy });
  });
}

type AttackName = 'inline script' | 'eval' | 'outside requests';

/**
 * The attacks, run as the page's own code: added as an init script and started by a page timer once the app has loaded.
 * Not through page.evaluate: code evaluated over the DevTools protocol is exempt from the page's eval and inline-script
 * rules (Chromium lets DevTools run what the page may not), so an attack made that way would prove nothing.
 * Records what happened in window.__outcome, then appends <output id="attack-done">.
 */
function attack({ name, target }: { name: AttackName; target: string }): void {
  const outcome: Record<string, string> = {};
  const page = window as unknown as Record<string, unknown>;
  page.__outcome = outcome;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const attempt = (key: string, run: () => unknown) => {
    try {
      run();
      outcome[key] = 'ran';
    } catch (error) {
      outcome[key] = (error as Error).name;
    }
  };
  const request = (key: string, start: (settle: (result: string) => void) => void) =>
    new Promise<void>((resolve) => {
      const settle = (result: string) => {
        outcome[key] = result;
        resolve();
      };
      try {
        start(settle);
      } catch (error) {
        settle(`blocked: ${(error as Error).name}`);
      }
    });

  const attacks: Record<AttackName, () => Promise<void>> = {
    'inline script': async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineScriptRan = true';
      document.head.append(script);
      const image = document.createElement('img');
      image.setAttribute('onerror', 'window.inlineHandlerRan = true');
      image.src = 'data:,not-an-image';
      document.body.append(image);
      await pause(200);
      outcome.script = page.inlineScriptRan ? 'ran' : 'not run';
      outcome.handler = page.inlineHandlerRan ? 'ran' : 'not run';
    },
    eval: async () => {
      attempt('eval', () => (0, eval)('1 + 1'));
      // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- the CSP must refuse it
      attempt('newFunction', () => new Function('return 1')());
      // A string on purpose: a string timer is compiled like eval, and is dropped silently when refused.
      setTimeout('window.stringTimerRan = true' as unknown as () => void, 0);
      await pause(100);
      outcome.stringTimer = page.stringTimerRan ? 'ran' : 'not run';
    },
    'outside requests': async () => {
      await Promise.all([
        request('fetch', (settle) => {
          fetch(`${target}/fetch`).then(() => settle('loaded'), (error: Error) => settle(`blocked: ${error.name}`));
        }),
        request('xhr', (settle) => {
          const xhr = new XMLHttpRequest();
          xhr.onload = () => settle('loaded');
          xhr.onerror = () => settle('blocked');
          xhr.open('GET', `${target}/xhr`);
          xhr.send();
        }),
        request('webSocket', (settle) => {
          const socket = new WebSocket(`${target.replace(/^http/, 'ws')}/socket`);
          socket.onopen = () => settle('opened');
          socket.onerror = () => settle('blocked');
        }),
        request('image', (settle) => {
          const image = new Image();
          image.onload = () => settle('loaded');
          image.onerror = () => settle('blocked');
          image.src = `${target}/pixel.png`;
        }),
      ]);
    },
  };

  window.addEventListener('load', () => {
    setTimeout(() => {
      void attacks[name]().finally(() => {
        const done = document.createElement('output');
        done.id = 'attack-done';
        document.body.append(done);
      });
    }, 0);
  });
}

interface CspPage {
  outside: Outside;
  /** Opens the app page, with an attack that runs once the app has loaded. */
  open(attackName?: AttackName): Promise<void>;
  outcome(): Promise<Record<string, string>>;
  violations(): Promise<Violation[]>;
}

const test = base.extend<{ csp: CspPage }>({
  csp: async ({ page }, use) => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      throw new Error('The renderer is not built: run `npm run build` before the e2e suite.');
    }
    // The page's bridge is the stub below, so this server's core is never called.
    const app = await startWebServer({ rendererDir: RENDERER_DIR, dispatch: () => Promise.reject(new Error('the CSP spec calls no core')) });
    const outside = await startOutsideServer();
    await page.addInitScript(bridgeStub);
    await use({
      outside,
      open: async (attackName) => {
        if (attackName) await page.addInitScript(attack, { name: attackName, target: outside.url });
        await page.goto(`${app.origin}/index.html`);
        // Locators run in Playwright's own isolated world, so waiting does not touch the page's rules.
        await expect(page.locator('#root > *').first()).toBeAttached();
        if (attackName) await page.locator('#attack-done').waitFor({ state: 'attached' });
      },
      outcome: () => page.evaluate(() => (window as unknown as { __outcome: Record<string, string> }).__outcome),
      violations: () => page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations),
    });
    await app.close();
    await outside.close();
  },
});

const isEvalProbe = (v: Violation) => v.effectiveDirective === 'script-src' && v.blockedURI === 'eval';

/** Which of the page's two policies reported a violation: the response header, or the meta tag in index.html. */
function policyOf(violation: Violation): 'header' | 'meta' | 'unknown' {
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(INDEX_HTML, 'utf8'))?.[1];
  if (violation.originalPolicy === CONTENT_SECURITY_POLICY) return 'header';
  return violation.originalPolicy === meta ? 'meta' : 'unknown';
}

/** Each blocked attempt, with the policies that blocked it: both should, so either alone still protects the page. */
function blocked(violations: Violation[]): string[] {
  return violations.map((v) => `${v.effectiveDirective} ${v.blockedURI} by ${policyOf(v)}`).sort();
}

const fromTheBundle = (v: Violation) => /\/assets\/[^/]+\.js$/.test(v.sourceFile);

test('the app boots under its policy, and the only thing the policy stops is zod probing whether it may eval', async ({ csp }) => {
  await csp.open();
  // zod tries `Function('')` to decide whether it may compile its validators, and falls back when refused.
  const atBoot = await csp.violations();
  expect(atBoot.filter((v) => !(isEvalProbe(v) && fromTheBundle(v)))).toEqual([]);
  expect(csp.outside.received).toEqual([]);
});

test('every chunk of the build, the dialogs loaded after start included, loads under the policy and breaks none of it', async ({ csp, page }) => {
  const chunks = readdirSync(path.join(RENDERER_DIR, 'assets')).filter((name) => /\.(js|css)$/.test(name));
  const loaded = new Set<string>();
  page.on('requestfinished', (request) => {
    const name = /\/assets\/([^/]+)$/.exec(new URL(request.url()).pathname)?.[1];
    if (name) loaded.add(name);
  });
  await csp.open();
  // The app fetches every dialog's chunk in idle time after start.
  await expect.poll(() => chunks.filter((name) => !loaded.has(name)), { timeout: 15_000 }).toEqual([]);
  expect((await csp.violations()).filter((v) => !(isEvalProbe(v) && fromTheBundle(v)))).toEqual([]);
});

test('an injected inline script and an inline event handler do not run', async ({ csp }) => {
  await csp.open('inline script');
  expect(await csp.outcome()).toEqual({ script: 'not run', handler: 'not run' });
  expect(blocked((await csp.violations()).filter((v) => !fromTheBundle(v)))).toEqual([
    'script-src-attr inline by header',
    'script-src-attr inline by meta',
    'script-src-elem inline by header',
    'script-src-elem inline by meta',
  ]);
});

test('eval, new Function and string timers are blocked', async ({ csp }) => {
  await csp.open('eval');
  expect(await csp.outcome()).toEqual({ eval: 'EvalError', newFunction: 'EvalError', stringTimer: 'not run' });
  expect(blocked((await csp.violations()).filter((v) => !fromTheBundle(v)))).toEqual([
    ...Array<string>(3).fill('script-src eval by header'),
    ...Array<string>(3).fill('script-src eval by meta'),
  ]);
});

test('fetch, XHR, WebSocket and an image to another origin are blocked, and that origin hears nothing', async ({ csp }) => {
  await csp.open('outside requests');
  expect(await csp.outcome()).toEqual({ fetch: 'blocked: TypeError', xhr: 'blocked', webSocket: expect.stringMatching(/^blocked/), image: 'blocked' });
  const target = csp.outside.url;
  const socket = `${target.replace(/^http/, 'ws')}/socket`;
  expect(blocked((await csp.violations()).filter((v) => !fromTheBundle(v) || !isEvalProbe(v)))).toEqual(
    [
      `connect-src ${target}/fetch`,
      `connect-src ${target}/xhr`,
      `connect-src ${socket}`,
      `img-src ${target}/pixel.png`,
    ].flatMap((attempt) => [`${attempt} by header`, `${attempt} by meta`]).sort(),
  );
  expect(csp.outside.received).toEqual([]);
});
