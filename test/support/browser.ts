import { type Browser, chromium } from 'playwright-core';

// The browser the browser suites drive: CHROME_PATH when set (any Chromium or Chrome), else the
// headless Chromium the npm package @sparticuz/chromium ships for Linux x64 (unpacked into the
// temp folder on first use). Nothing is downloaded and nothing installed on the machine.

/** Flags that keep a test browser from calling home: no updates, pings, sync or metrics. */
const QUIET = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--metrics-recording-only',
  '--no-first-run',
  '--no-pings',
];

/** How this machine can run a browser, or why it cannot. */
export type BrowserLauncher = { launch(): Promise<Browser> } | { unavailable: string };

export function browserLauncher(
  env: NodeJS.ProcessEnv = process.env,
  platform: string = process.platform,
  arch: string = process.arch,
): BrowserLauncher {
  const given = env.CHROME_PATH?.trim();
  if (given) {
    return {
      launch: () =>
        chromium.launch({
          executablePath: given,
          args: ['--headless', '--no-sandbox', '--disable-gpu', ...QUIET],
        }),
    };
  }
  if (platform !== 'linux' || arch !== 'x64') {
    return {
      unavailable: `@sparticuz/chromium ships Chromium for Linux x64 only, not ${platform}-${arch}; set CHROME_PATH to a Chromium or Chrome to run the browser suites`,
    };
  }
  return {
    async launch() {
      const { default: packaged } = await import('@sparticuz/chromium');
      return chromium.launch({
        executablePath: await packaged.executablePath(),
        args: [...packaged.args, ...QUIET],
      });
    },
  };
}

/**
 * Whether the browser suites run here. Where no browser can run they are skipped with the reason
 * printed, except under CI=true, where a skipped suite would pass unseen: there it fails.
 */
export function browserSuiteSkipped(
  env: NodeJS.ProcessEnv = process.env,
  platform: string = process.platform,
  arch: string = process.arch,
): boolean {
  const launcher = browserLauncher(env, platform, arch);
  if (!('unavailable' in launcher)) return false;
  if (env.CI === 'true') throw new Error(`browser suites cannot run: ${launcher.unavailable}`);
  console.warn(`browser suites skipped: ${launcher.unavailable}`);
  return true;
}
