import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './accessibility.js';
import { browserAvailability, launchChromium } from './browser.js';
import { ensureBuilt } from './built-assets.js';
import { ROOT, startServerProcess, type RunningServer } from './server-process.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

// No demo data: the widget's citizens are the only traffic, and start-up is quick.
const ADMIN = 'admin@guichet.local';
const PASSWORD = 'admin-password-e2e-widget';
const OUT = path.join(ROOT, 'test-results', 'e2e');



/** The focused element, looking through shadow roots (the widget lives in one). */
function deepFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? (el.getAttribute('data-testid') ?? el.id ?? el.tagName) : null;
  });
}

describe.skipIf(!availability.available)('web-chat widget beside the console in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  // A town's website on another origin: a real loopback server (Chromium refuses a page it
  // considers public, such as an intercepted one, access to the loopback test server). The same
  // server reached as `localhost` is another origin, one the Guichet does not allow.
  let town: Server;
  let townUrl: string;
  let elsewhereUrl: string;

  beforeAll(async () => {
    await ensureBuilt();
    town = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(townPage(`http://${req.headers.host ?? ''}`));
    });
    await new Promise<void>((resolve) => town.listen(0, '127.0.0.1', resolve));
    const townPort = (town.address() as AddressInfo).port;
    townUrl = `http://127.0.0.1:${townPort}`;
    elsewhereUrl = `http://localhost:${townPort}`;
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-e2e-widget-'));
    await mkdir(OUT, { recursive: true });
    server = await startServerProcess({
      DATA_DIR: dataDir,
      GUICHET_DEMO: '0',
      GUICHET_ADMIN_PASSWORD: PASSWORD,
      WEBCHAT_CONTACT_EMAIL: 'contact@mairie.example',
      WEBCHAT_ALLOWED_ORIGINS: townUrl,
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
    town?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-FR' });
    contexts.push(context);
    return context.newPage();
  }

  it('the citizen types, the agent sees typing and the message, replies, and the widget shows it (read)', async () => {
    const agent = await newPage({ width: 1280, height: 860 });
    await agent.goto(`${server.url}/login`);
    await agent.getByTestId('login-email').fill(ADMIN);
    await agent.getByTestId('login-password').fill(PASSWORD);
    await agent.getByTestId('login-submit').click();
    await agent.waitForURL('**/inbox', { timeout: 15_000 });

    const visitor = await newPage({ width: 900, height: 860 });
    await visitor.goto(`${server.url}/widget-demo`);
    const widget = visitor.locator('guichet-chat');
    await widget.getByTestId('widget-launcher').click();
    await widget.getByTestId('widget-panel').waitFor();
    // An agent has the console open: the widget does not offer the email fallback.
    await expect.poll(() => widget.getByTestId('widget-notice').isVisible()).toBe(false);

    const stamp = Date.now().toString(36);
    await widget.locator('#gw-name').fill('Hélène Testard');
    const input = widget.getByTestId('widget-input');
    await input.fill(`Bonjour, la mairie est-elle ouverte samedi ? (réf. ${stamp})`);
    await input.press('Enter');
    await widget.getByTestId('widget-message').filter({ hasText: stamp }).waitFor();

    // The new web-chat conversation appears live in the agent's inbox.
    const row = agent.getByTestId('inbox-row').filter({ hasText: stamp });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await agent.getByTestId('timeline-entry').filter({ hasText: stamp }).waitFor({ timeout: 10_000 });

    // The citizen types: the agent sees it, then the message.
    await input.pressSequentially('Et le dimanche', { delay: 30 });
    const typing = agent.getByTestId('citizen-typing');
    await expect.poll(() => typing.textContent(), { timeout: 10_000 }).toContain('Hélène Testard est en train d’écrire');
    await agent.screenshot({ path: path.join(OUT, 'widget-console-typing.png') });
    await input.press('Enter');
    await agent.getByTestId('timeline-entry').filter({ hasText: 'Et le dimanche' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => typing.textContent()).toBe('');

    // The agent types: the widget says so; the reply lands in the widget, which marks it read.
    const reply = `Bonjour Madame, le samedi de 9 h à 12 h ; fermé le dimanche (réf. ${stamp}).`;
    await agent.getByTestId('composer-input').pressSequentially('Bonjour Madame', { delay: 20 });
    await expect.poll(() => widget.getByTestId('widget-typing').textContent(), { timeout: 10_000 }).toBe('Un agent écrit…');
    await agent.getByTestId('composer-input').fill(reply);
    await agent.getByTestId('composer-send').click();
    const shown = widget.getByTestId('widget-message').filter({ hasText: reply });
    await shown.waitFor({ timeout: 10_000 });
    expect(await shown.getAttribute('data-from')).toBe('agent');
    await expect.poll(() => widget.getByTestId('widget-typing').textContent()).toBe('');
    await visitor.screenshot({ path: path.join(OUT, 'widget-citizen.png') });

    const entry = agent.getByTestId('timeline-entry').filter({ hasText: reply });
    await expect.poll(() => entry.locator('.entry__status').textContent(), { timeout: 10_000 }).toContain('Lu');
    await agent.screenshot({ path: path.join(OUT, 'widget-console-read.png') });

    // A reload restores the exchange from the session kept in localStorage.
    await visitor.reload();
    await widget.getByTestId('widget-launcher').click();
    await widget.getByTestId('widget-message').filter({ hasText: reply }).waitFor({ timeout: 10_000 });
    expect(await widget.getByTestId('widget-message').count()).toBe(3);
    expect(server.process.exitCode).toBeNull();
  }, 120_000);

  it('is keyboard-usable and passes a WCAG 2.1 AA audit, closed and open, in French and English', async () => {
    const page = await newPage({ width: 1024, height: 768 });
    await page.goto(`${server.url}/widget-demo`);
    await page.locator('guichet-chat').getByTestId('widget-launcher').waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    // Tab to the launcher, open with Enter: focus goes into the dialog.
    for (let i = 0; i < 20 && (await deepFocus(page)) !== 'widget-launcher'; i++) await page.keyboard.press('Tab');
    expect(await deepFocus(page)).toBe('widget-launcher');
    await page.keyboard.press('Enter');
    const widget = page.locator('guichet-chat');
    await widget.getByTestId('widget-panel').waitFor();
    expect(await widget.getByTestId('widget-launcher').getAttribute('aria-expanded')).toBe('true');
    expect(await deepFocus(page)).toBe('gw-name');
    await expect.poll(() => widget.locator('#gw-status').textContent()).not.toBe('Connexion…');
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(OUT, 'widget-open-keyboard.png') });

    // Escape closes and gives the focus back to the launcher.
    await page.keyboard.press('Escape');
    expect(await widget.getByTestId('widget-panel').isHidden()).toBe(true);
    expect(await deepFocus(page)).toBe('widget-launcher');

    const en = await newPage({ width: 1024, height: 768 });
    await en.goto(`${server.url}/widget-demo?lang=en`);
    const enWidget = en.locator('guichet-chat');
    await enWidget.getByTestId('widget-launcher').click();
    expect(await enWidget.getByTestId('widget-launcher').textContent()).toContain('Chat with the town hall');
    expect(await wcagViolations(en)).toEqual([]);
  }, 120_000);

  /** A town page embedding the widget the documented way, under a CSP without inline styles or scripts. */
  function townPage(origin: string): string {
    const ws = server.url.replace(/^http/, 'ws');
    return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Ville exemple</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src ${server.url}; connect-src ${server.url} ${ws}; style-src 'self'; img-src 'self'">
</head><body><main><h1>Ville exemple (${origin})</h1><p>Page d’une commune.</p></main>
<script src="${server.url}/widget/guichet-widget.js" data-guichet-url="${server.url}" data-site="default" defer></script></body></html>`;
  }

  it('runs cross-origin on an allowed town site under a strict CSP, and is refused elsewhere', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR' });
    contexts.push(context);
    const violations: string[] = [];
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${townUrl}/`);
    const widget = page.locator('guichet-chat');
    await widget.getByTestId('widget-launcher').click();
    await expect.poll(() => widget.locator('#gw-status').textContent(), { timeout: 10_000 }).not.toBe('Connexion…');
    const input = widget.getByTestId('widget-input');
    await input.fill('Bonjour depuis le site de la ville');
    await input.press('Enter');
    const sent = widget.getByTestId('widget-message').filter({ hasText: 'depuis le site de la ville' });
    await expect.poll(() => sent.locator('.msg__state').count(), { timeout: 10_000 }).toBe(0);
    // Styled by the constructed stylesheet although the page forbids inline styles.
    const sendColor = await widget.getByTestId('widget-send').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(sendColor).toBe('rgb(0, 0, 145)');
    expect(violations).toEqual([]);

    const evil = await context.newPage();
    await evil.goto(`${elsewhereUrl}/`);
    const refused = evil.locator('guichet-chat');
    await refused.getByTestId('widget-launcher').click();
    await expect.poll(() => refused.getByTestId('widget-notice').textContent(), { timeout: 10_000 }).toContain('pas disponible sur ce site');
    await evil.screenshot({ path: path.join(OUT, 'widget-refused-origin.png') });
  }, 120_000);
});
