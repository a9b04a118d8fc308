import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`), or PLUGBOARD_CHROMIUM. Browsers cannot be downloaded here. */
export const CHROMIUM_PATH = process.env.PLUGBOARD_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the Chromium tests can run. Without Chromium they are skipped with a loud notice, except in CI
 * (`CI=true`), where a missing browser fails the run instead of passing it silently.
 */
export function chromiumAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${suite}: Chromium is missing at ${CHROMIUM_PATH}; CI must install it (.ci/run does).`);
  process.stderr.write(
    `\n*** ${suite} SKIPPED: no Chromium at ${CHROMIUM_PATH}. Install it with ` +
      '`apt-get update && apt-get install -y chromium` (or set PLUGBOARD_CHROMIUM) to run the browser tests. ***\n\n',
  );
  return false;
}

/** Headless Chromium with the flags this sandbox needs (no background networking, no sandbox as root). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
