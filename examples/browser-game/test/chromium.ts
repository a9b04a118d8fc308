/**
 * Finds a Chromium to drive. Locally a missing browser skips the browser tests with a loud notice;
 * with CI=true it is an error, so CI never passes without having run them.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const INSTALL_HINT = 'apt-get install -y chromium   (Debian/Ubuntu, as root), or set CHROMIUM_PATH';

export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export const inCi = (): boolean => /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** Prints the skip notice where a developer running `npm test` will see it. */
export function announceSkip(suite = 'BROWSER TESTS'): void {
  const line = '!'.repeat(78);
  process.stderr.write(
    `\n${line}\n!! ${suite} SKIPPED: no Chromium found (looked at ${CANDIDATES.join(', ')}).\n` +
      `!! Install it to run them:  ${INSTALL_HINT}\n` +
      `!! With CI=true these tests fail instead of skipping.\n${line}\n\n`,
  );
}

export function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
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

/**
 * Whether `suite` can drive Chromium: true when one is found. Without one, CI (`CI=true`) fails the run
 * and a local `npm test` prints the skip notice and skips.
 */
export function chromiumAvailable(suite: string): boolean {
  if (chromiumPath()) return true;
  if (inCi())
    throw new Error(`${suite}: no Chromium found (looked at ${CANDIDATES.join(', ')}). ${INSTALL_HINT}.`);
  announceSkip(suite);
  return false;
}

/** Launches the Chromium {@link chromiumPath} finds (call {@link chromiumAvailable} first). */
export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`No Chromium found: ${INSTALL_HINT}.`);
  return launch(executablePath);
}
