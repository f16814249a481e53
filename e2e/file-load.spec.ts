import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import config from '../playwright.config';

// The packaged window loads dist/renderer/index.html from disk (electron/main.ts), under the CSP meta tag. Electron is
// not on this machine; Chromium with file access for file:// pages loads the page the same way, so the chunks' relative
// URLs (vite's base './') and the policy's 'self' are checked against a file:// origin: the app boots, and dialogs,
// each a chunk loaded later, open.

const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'renderer');
const chromium = config.projects?.find((project) => project.name === 'chromium')?.use?.launchOptions;

test.use({ launchOptions: { ...chromium, args: [...(chromium?.args ?? []), '--allow-file-access-from-files'] } });

/** Answers the renderer's calls with empty data, as the preload's bridge would with no connections. */
function bridgeStub(): void {
  const violations: string[] = [];
  Object.assign(window, {
    __violations: violations,
    closeout: Object.freeze({
      invoke: async (channel: string) => ({ ok: true, data: channel === 'app:info' ? { demo: false, version: 'file' } : [] }),
      on: () => () => undefined,
    }),
  });
  document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
}

test('loaded from a file:// URL, the app boots and its dialogs load as chunks under the policy', async ({ page }) => {
  const index = path.join(RENDERER_DIR, 'index.html');
  if (!existsSync(index)) throw new Error('The renderer is not built: run `npm run build` before the e2e suite.');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(bridgeStub);
  await page.goto(pathToFileURL(index).href);

  await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();
  await page.getByRole('button', { name: 'Shortcuts' }).click();
  await expect(page.getByRole('dialog')).toHaveAccessibleName('Keyboard shortcuts');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Settings' }).first().click();
  await expect(page.getByRole('dialog')).toHaveAccessibleName('Settings');

  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(errors).toEqual([]);
});
