import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { ensureBuilt } from './built-assets.js';
import { ROOT, startServerProcess, type RunningServer } from './server-process.js';

/** Where browser tests save their screenshots. */
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'e2e');

export interface DemoConsole {
  /** The running server (set once beforeAll has run). */
  readonly server: RunningServer;
  /** Its DATA_DIR (demo outbox sink, store). */
  readonly dataDir: string;
  /** A page in a fresh French browser context, closed after the suite. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Logs in through the form and waits for the inbox. */
  login(page: Page, email: string): Promise<void>;
}

/**
 * A suite's demo deployment in Chromium: the built console served by a real server process on
 * demo data (no simulator, so figures stay put), a browser, and pages that log in as demo staff.
 * Registers its own beforeAll/afterAll; call it at the top of a describe block. `env` adds to the
 * server's environment (an ingest key, say).
 */
export function useDemoConsole(name: string, password: string, env: Record<string, string> = {}): DemoConsole {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = await mkdtemp(path.join(os.tmpdir(), `guichet-e2e-${name}-`));
    await mkdir(SCREENSHOTS, { recursive: true });
    server = await startServerProcess({ DATA_DIR: dataDir, GUICHET_DEMO_PASSWORD: password, GUICHET_SIMULATE: '0', ...env });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return {
    get server() {
      if (!server) throw new Error('the demo server is not started yet (use it inside tests)');
      return server;
    },
    get dataDir() {
      if (!dataDir) throw new Error('the demo server is not started yet (use it inside tests)');
      return dataDir;
    },
    async newPage(viewport = { width: 1440, height: 900 }) {
      const context = await browser!.newContext({ viewport, locale: 'fr-FR' });
      contexts.push(context);
      return context.newPage();
    },
    async login(page, email) {
      await page.goto(`${server!.url}/login`);
      await page.getByTestId('login-email').fill(email);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL('**/inbox**', { timeout: 15_000 });
    },
  };
}
