import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './accessibility.js';
import { browserAvailability, launchChromium } from './browser.js';
import { ensureBuilt } from './built-assets.js';
import { ROOT, startServerProcess, type RunningServer } from './server-process.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

const PASSWORD = 'demo-password-e2e';
const INGEST_KEY = 'e2e-ingest-key-0123456789';
const OUT = path.join(ROOT, 'test-results', 'e2e');



/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
async function tabUntil(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached with ${max} Tab presses`);
}

describe.skipIf(!availability.available)('agent console in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    await ensureBuilt();
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

    // Every status, the demo's two months of history: the first page is loaded, not the whole
    // inbox, and the count says how much of it ("50 sur N"), N being the server's total for the
    // same filters.
    await page.locator('#filter-status').selectOption('');
    const inboxCount = page.getByTestId('inbox-count');
    const firstPage = await page.request.get(`${server.url}/api/conversations?scope=all&limit=50`);
    const { total } = (await firstPage.json()) as { total: number };
    expect(total, 'the demo inbox holds more than a page').toBeGreaterThan(50);
    await expect.poll(() => inboxCount.locator('[aria-hidden="true"]').textContent()).toBe(`50 sur ${total}`);
    expect(await inboxCount.locator('.sr-only').textContent()).toBe(`50 conversations chargées sur ${total}`);
    await page.screenshot({ path: path.join(OUT, 'inbox-count.png'), fullPage: false });

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
    // It joins the count as it joins the list, without a new page.
    await expect.poll(() => inboxCount.locator('[aria-hidden="true"]').textContent()).toBe(`51 sur ${total + 1}`);
    // The demo's reception queue sets targets: the server journals the due times (sla.set) and
    // the row shows the reply deadline live.
    await row.locator('[data-testid="due-badge"]', { hasText: /Réponse avant/ }).waitFor({ timeout: 10_000 });
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
    // Answered: the next deadline is the resolution's, in the row and the conversation header.
    await row.locator('[data-testid="due-badge"]', { hasText: /Résolution avant/ }).waitFor({ timeout: 10_000 });
    await page.locator('.conv-header [data-testid="due-badge"]', { hasText: /Résolution avant/ }).waitFor({ timeout: 10_000 });

    await page.screenshot({ path: path.join(OUT, 'console.png'), fullPage: false });
    expect(server.process.exitCode).toBeNull();
  }, 120_000);

  it('names citizens known only by a platform id or a web-chat session in words, never by the id', async () => {
    // Runs signed in, after the first test. Without a name, ingest files a sender under their
    // address: here a Messenger page-scoped id and a web-chat session token.
    const stamp = Date.now();
    const psid = `61${stamp}`;
    const token = `wcs_e2e${stamp}Qx`;
    const cases = [
      { channel: 'messenger', value: psid, name: 'Contact Messenger sans nom', identity: 'Messenger (compte lié)' },
      { channel: 'webchat', value: token, name: 'Chat web (session anonyme)', identity: 'Chat web (session anonyme)' },
    ];
    for (const c of cases) {
      const sent = await ingest({ channel: c.channel, externalId: `e2e-${c.channel}-${stamp}`, from: { kind: c.channel, value: c.value }, text: `Bonjour (réf. ${stamp}).` });
      const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${sent.conversationId}"]`);
      await row.waitFor({ timeout: 10_000 });
      expect(await row.locator('.inbox-row__name').textContent()).toBe(c.name);
      await row.click();
      await page.locator(`[data-testid="timeline-entry"][data-message-id="${sent.messageId}"]`).waitFor({ timeout: 10_000 });
      await page.locator('[data-testid="citizen-identity"]', { hasText: c.identity }).waitFor({ timeout: 10_000 });
      expect(await page.locator('#conversation-title').textContent()).toBe(c.name);
      expect(await page.locator('body').innerText()).not.toContain(c.value);
    }
  }, 60_000);

  it('fetches English only once chosen, and opens in it after a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    const en = await context.newPage();
    const scripts: string[] = [];
    en.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.push(new URL(req.url()).pathname);
    });
    await en.goto(`${server.url}/login`);
    await en.getByTestId('login-submit').waitFor();
    expect(await en.getByTestId('login-submit').textContent()).toBe('Se connecter');
    expect(scripts.filter((p) => /\/assets\/en-/.test(p))).toEqual([]);

    await en.locator('.language-switch button[lang="en"]').click();
    await en.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await en.getByTestId('login-submit').textContent()).toBe('Sign in');
    expect(scripts.filter((p) => /\/assets\/en-/.test(p))).toHaveLength(1);

    // The stored choice is loaded before the first render: no French flash, straight to English.
    await en.reload();
    await en.getByTestId('login-submit').waitFor();
    expect(await en.getByTestId('login-submit').textContent()).toBe('Sign in');
    expect(await en.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  }, 60_000);

  it('says so, and offers a reload, when the code of a page cannot be fetched', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    const stale = await context.newPage();
    await stale.goto(`${server.url}/login`);
    await stale.getByTestId('login-email').fill('agent@mairie.example');
    await stale.getByTestId('login-password').fill(PASSWORD);
    await stale.getByTestId('login-submit').click();
    await stale.getByTestId('inbox-row').first().waitFor({ timeout: 15_000 });

    // As for a console left open across a release: the account page's chunk is gone.
    await stale.route('**/assets/AccountPage-*.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await stale.locator('.app-header__agent').click();
    const alert = stale.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain('Cette page n’a pas pu être chargée.');
    expect(await wcagViolations(stale)).toEqual([]);

    await stale.unroute('**/assets/AccountPage-*.js');
    await alert.getByRole('button', { name: 'Recharger' }).click();
    await stale.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor({ timeout: 10_000 });
    await context.close();
  }, 60_000);

  it('is usable with the keyboard alone and passes a WCAG 2.1 AA audit', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    const kb = await context.newPage();
    await kb.goto(`${server.url}/login`);
    expect(await wcagViolations(kb)).toEqual([]);
    await tabUntil(kb, '[data-testid="login-email"]');
    await kb.keyboard.type('agent@mairie.example');
    await kb.keyboard.press('Tab');
    await kb.keyboard.type(PASSWORD);
    await kb.keyboard.press('Enter');
    await kb.getByTestId('inbox-row').first().waitFor({ timeout: 15_000 });
    expect(await wcagViolations(kb)).toEqual([]);

    // Into the inbox, down one row with the arrow key, open it with Enter.
    await tabUntil(kb, '[data-testid="inbox-row"], [data-testid="inbox-row"] *');
    const secondId = await kb.getByTestId('inbox-row').nth(1).getAttribute('data-conversation-id');
    await kb.keyboard.press('ArrowDown');
    // Focus moves on the next animation frame, once the virtual list has the row in place.
    await kb.waitForFunction(
      (id) => document.activeElement?.closest('[data-testid="inbox-row"]')?.getAttribute('data-conversation-id') === id,
      secondId,
      { timeout: 5000 },
    );
    await kb.keyboard.press('Enter');
    await kb.waitForURL(`**/inbox/${secondId}`);
    await kb.getByTestId('timeline-entry').first().waitFor();
    expect(await wcagViolations(kb)).toEqual([]);

    // The reply box is reachable by keyboard too.
    await tabUntil(kb, '[data-testid="composer-input"]', 120);
    await kb.screenshot({ path: path.join(OUT, 'conversation-keyboard.png') });
    await context.close();
  }, 120_000);
});
