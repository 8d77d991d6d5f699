import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailability, launchChromium } from './browser.js';
import { ROOT, startServerProcess, type RunningServer } from './server-process.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

const PASSWORD = 'demo-password-e2e';
const INGEST_KEY = 'e2e-ingest-key-0123456789';
const OUT = path.join(ROOT, 'test-results', 'e2e');

describe.skipIf(!availability.available)('agent console in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist/client/index.html'))) {
      const { build } = await import('vite');
      await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
    }
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-e2e-'));
    await mkdir(OUT, { recursive: true });
    server = await startServerProcess({ DATA_DIR: dataDir, GUICHET_DEMO_PASSWORD: PASSWORD, INGEST_API_KEY: INGEST_KEY });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function ingest(body: unknown): Promise<{ conversationId: string; messageId: string }> {
    const res = await fetch(`${server.url}/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { conversationId: string; messageId: string };
  }

  it('logs in, sees a message arrive live, replies, and the reply joins the timeline', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill('agent@mairie.example');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('inbox-row').first().waitFor({ timeout: 15_000 });

    // A citizen writes while the inbox is open: the row appears without a reload.
    const stamp = Date.now();
    const first = await ingest({
      channel: 'email',
      externalId: `<e2e-${stamp}@example.fr>`,
      from: { kind: 'email', value: `e2e.${stamp}@example.fr`, displayName: 'Hélène Testard' },
      subject: 'Demande de rendez-vous',
      text: `Bonjour, je souhaite un rendez-vous (réf. ${stamp}).`,
    });
    const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${first.conversationId}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await page.locator(`[data-testid="timeline-entry"][data-message-id="${first.messageId}"]`).waitFor({ timeout: 10_000 });

    // The same citizen follows up on WhatsApp? No: by email again, into the open conversation, live.
    const second = await ingest({
      channel: 'email',
      externalId: `<e2e-${stamp}-2@example.fr>`,
      from: { kind: 'email', value: `e2e.${stamp}@example.fr` },
      text: `Je précise : plutôt le matin (réf. ${stamp}).`,
    });
    expect(second.conversationId).toBe(first.conversationId);
    await page.locator(`[data-testid="timeline-entry"][data-message-id="${second.messageId}"]`).waitFor({ timeout: 10_000 });

    const reply = `Bonjour Madame, un créneau vous est proposé mardi à 9 h (réf. ${stamp}).`;
    await page.getByTestId('composer-input').fill(reply);
    await page.getByTestId('composer-send').click();
    await page.locator('[data-testid="timeline-entry"]', { hasText: reply }).waitFor({ timeout: 10_000 });

    await page.screenshot({ path: path.join(OUT, 'console.png'), fullPage: false });
    expect(server.process.exitCode).toBeNull();
  }, 120_000);
});
