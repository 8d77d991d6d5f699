import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const INSTALL_HINT = 'sudo apt-get install chromium';

/**
 * Whether browser tests can run. Without Chromium they are skipped with the reason on a
 * developer machine, but CI must not pass silently without them.
 */
export function browserAvailability(): { available: true } | { available: false; reason: string } {
  if (existsSync(CHROMIUM)) return { available: true };
  const reason = `Chromium not found at ${CHROMIUM}; install it with: ${INSTALL_HINT}`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${reason} (CI=true: browser tests may not be skipped)`);
  }
  return { available: false, reason };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
