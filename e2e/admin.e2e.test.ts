import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './accessibility.js';
import { browserAvailability, launchChromium } from './browser.js';
import { ensureBuilt } from './built-assets.js';
import { ROOT, startServerProcess, type RunningServer } from './server-process.js';

// Putting a town into service, in the console as it ships: the admin printed at first start
// invites an agent, the link sets a password, two-step sign-in is required and enrolled with
// codes computed by an independent RFC 6238 implementation, the agent is deactivated and their
// console closes, and a service level edited on screen dates the next conversation.

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

const INGEST_KEY = 'e2e-admin-ingest-key-0123456789';
const OUT = path.join(ROOT, 'test-results', 'e2e');
const LEA = { email: 'lea.dubois@mairie.test', name: 'Léa Dubois', password: 'le guichet ouvre à huit heures trente' };

describe.skipIf(!availability.available)('staff administration in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let agent: Page;
  let dataDir: string;
  let adminPassword: string;

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-e2e-admin-'));
    await mkdir(OUT, { recursive: true });
    server = await startServerProcess({ DATA_DIR: dataDir, INGEST_API_KEY: INGEST_KEY, SMTP_RELAY_URL: '', SMTP_DOMAINS: '' }, ['--no-demo']);
    adminPassword = /admin account admin@guichet\.local, password (\S+)/.exec(server.output())![1]!;
    browser = await launchChromium();
    admin = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })).newPage();
    agent = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' })).newPage();
    admin.on('dialog', (d) => void d.accept());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  async function audited(page: Page, name: string) {
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    expect(await wcagViolations(page), name).toEqual([]);
  }

  it('lets the printed admin invite an agent, whose link sets a password the policy accepts', async () => {
    await signIn(admin, 'admin@guichet.local', adminPassword);
    await admin.getByRole('link', { name: 'Administration' }).click();
    await admin.getByTestId('invite-form').waitFor();
    await admin.getByTestId('invite-email').fill(LEA.email);
    await admin.getByTestId('invite-name').fill(LEA.name);
    await admin.getByLabel('Accueil général').check();
    await admin.getByTestId('invite-submit').click();
    await admin.getByTestId('accounts-status').filter({ hasText: 'journal du serveur' }).waitFor();
    await admin.locator(`[data-account="${LEA.email}"]`).filter({ hasText: 'Invitation en attente' }).waitFor();
    await audited(admin, 'admin-accounts');

    // No relay here: the link is in the server's log, once.
    const link = /one-time link, shown once: (\S+)/.exec(server.output())![1]!;
    expect(link).toContain('/set-password#');

    // Two-step sign-in becomes mandatory for agents before Léa first signs in.
    await admin.getByRole('link', { name: 'Sécurité' }).click();
    await admin.getByLabel('agent', { exact: true }).check();
    await admin.getByText('Règle enregistrée.').waitFor();
    await audited(admin, 'admin-security');

    await agent.goto(link);
    await agent.getByTestId('new-password').fill('motdepasse2024!');
    await agent.getByTestId('new-password-again').fill('motdepasse2024!');
    await agent.getByTestId('set-password-submit').click();
    await agent.getByRole('alert').filter({ hasText: 'divulgués' }).waitFor();
    await agent.getByTestId('new-password').fill(LEA.password);
    await agent.getByTestId('new-password-again').fill(LEA.password);
    await audited(agent, 'set-password');
    await agent.getByTestId('set-password-submit').click();
    await agent.getByTestId('set-password-login').click();
    expect(await agent.getByTestId('login-email').inputValue()).toBe(LEA.email);
  }, 90_000);

  it('enrols the agent’s second factor at sign-in, then closes their console at once when deactivated', async () => {
    await agent.getByTestId('login-password').fill(LEA.password);
    await agent.getByTestId('login-submit').click();
    const secret = (await agent.getByTestId('totp-secret').getAttribute('data-secret'))!;
    await audited(agent, 'login-enrol');
    const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
    await agent.getByTestId('login-code').fill(code);
    await agent.getByTestId('login-code-submit').click();
    await agent.getByTestId('recovery-codes').waitFor();
    await audited(agent, 'login-recovery-codes');
    expect(await agent.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await agent.getByTestId('recovery-done').click();
    await agent.waitForURL(/\/inbox/);
    await agent.getByText('En direct').waitFor({ timeout: 15_000 });

    await admin.getByRole('link', { name: 'Comptes' }).click();
    const row = admin.locator(`[data-account="${LEA.email}"]`);
    await row.filter({ hasText: '2 étapes' }).waitFor();
    const started = Date.now();
    await row.getByTestId('deactivate').click();
    await agent.waitForURL(/\/login/, { timeout: 5000 });
    const ms = Date.now() - started;
    console.info(`[e2e] deactivated agent's console left for the sign-in page in ${ms} ms`);
    expect(ms).toBeLessThan(2000);
    await row.filter({ hasText: 'Désactivé' }).waitFor();
    await agent.getByTestId('login-password').fill(LEA.password);
    await agent.getByTestId('login-email').fill(LEA.email);
    await agent.getByTestId('login-submit').click();
    await agent.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
  }, 90_000);

  it('applies a service level edited on screen to the next conversation, without a restart', async () => {
    await admin.getByRole('link', { name: 'Files et horaires' }).click();
    const field = admin.getByTestId('level-que_accueil-default-firstResponseMinutes');
    await field.fill('45');
    await admin.getByTestId('routing-save').click();
    await admin.getByTestId('routing-status').filter({ hasText: 'enregistrée' }).waitFor();
    await audited(admin, 'admin-routing');

    const res = await fetch(`${server.url}/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
      body: JSON.stringify({ channel: 'email', externalId: `<e2e-admin-${Date.now()}@example.fr>`, from: { kind: 'email', value: 'jeanne@example.fr' }, subject: 'Acte', text: 'Bonjour' }),
    });
    const { conversationId } = (await res.json()) as { conversationId: string };
    const cookies = await admin.context().cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    let due: number | null = null;
    for (let i = 0; i < 50 && due === null; i++) {
      const detail = (await (await fetch(`${server.url}/api/conversations/${conversationId}`, { headers: { cookie } })).json()) as { conversation: { openedAt: string; firstResponseDueAt?: string } };
      if (detail.conversation.firstResponseDueAt) due = (Date.parse(detail.conversation.firstResponseDueAt) - Date.parse(detail.conversation.openedAt)) / 60_000;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(due).toBe(45);

    await admin.getByRole('link', { name: 'Historique' }).click();
    await admin.getByTestId('history-table').getByText('Administrateur').waitFor();
    await audited(admin, 'admin-history');
    await admin.getByRole('link', { name: 'Canaux' }).click();
    await admin.getByTestId('channels-table').waitFor();
    await audited(admin, 'admin-channels');
  }, 90_000);
});
