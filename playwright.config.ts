import { defineConfig } from '@playwright/test';

const onCi = process.env.CI === 'true';

// Playwright cannot download its own browser on these machines: Debian's chromium is used instead.
const chromiumExecutable = process.env.CLOSEOUT_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  retries: 0,
  // Two workers on CI as well: a spec spends most of its time waiting on the page and the simulators, so two at once
  // use the two cores that one left half idle.
  workers: 2,
  forbidOnly: onCi,
  reporter: 'list',
  projects: [
    {
      name: 'chromium',
      testMatch: /e2e[\\/][^\\/]+\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          executablePath: chromiumExecutable,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
    {
      // These specs launch the app with _electron.launch and skip themselves where no Electron binary is installed.
      name: 'electron',
      testMatch: /e2e[\\/]electron[\\/][^\\/]+\.spec\.ts$/,
    },
  ],
});
