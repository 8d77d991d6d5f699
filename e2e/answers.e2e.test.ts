import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CitizenFile, TimelinePage } from '../shared/api.js';
import type { Conversation } from '../shared/model.js';
import { wcagViolations } from './accessibility.js';
import { browserAvailability } from './browser.js';
import { SCREENSHOTS, useDemoConsole } from './demo-console.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

// Consistent answers (issue 13), on the demo deployment: an agent answers a citizen on WhatsApp
// from the library (its short variant, placeholders filled), and the answer is there when the
// same citizen's e-mail conversation is open.
const PASSWORD = 'demo-password-e2e-answers';
const INGEST_KEY = 'e2e-answers-ingest-key-0123456789';
const AGENT = 'agent@mairie.example';
const SUPERVISOR = 'superviseur@mairie.example';

interface Scene {
  citizenId: string;
  citizenName: string;
  whatsapp: string;
  /** A resolved e-mail conversation of that citizen, in the agent's queues. */
  emailConversationId: string;
}

describe.skipIf(!availability.available)('the answer library, in Chromium', () => {
  const demo = useDemoConsole('answers', PASSWORD, { INGEST_API_KEY: INGEST_KEY });

  /** A demo citizen the agent sees, known on WhatsApp, with a closed e-mail conversation. */
  async function findScene(page: Page): Promise<Scene> {
    const list = (await (await page.request.get(`${demo.server.url}/api/conversations?channel=whatsapp&limit=200`)).json()) as { items: Conversation[] };
    for (const c of list.items) {
      const file = (await (await page.request.get(`${demo.server.url}/api/citizens/${c.citizenId}`)).json()) as CitizenFile;
      const whatsapp = file.citizen.identities.find((i) => i.kind === 'whatsapp');
      const email = file.conversations.find((o) => o.status === 'resolved' && o.channels.length === 1 && o.channels[0] === 'email');
      if (whatsapp && email) return { citizenId: file.citizen.id, citizenName: file.citizen.displayName, whatsapp: whatsapp.value, emailConversationId: email.id };
    }
    throw new Error('no demo citizen with WhatsApp and a closed e-mail conversation in the agent’s queues');
  }

  it('inserts a library answer into a WhatsApp reply (short variant, filled) and sends it with the answer it came from', async () => {
    const page = await demo.newPage();
    await demo.login(page, AGENT);
    const scene = await findScene(page);
    // Agents reach the library from the header too.
    await page.getByRole('navigation', { name: 'Espaces' }).getByRole('link', { name: 'Réponses' }).click();
    await page.waitForURL('**/answers');
    await page.getByTestId('answer-card').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('answers-new').count()).toBe(0);
    // The citizen writes on WhatsApp now: the 24-hour window is open.
    const res = await fetch(`${demo.server.url}/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
      body: JSON.stringify({ channel: 'whatsapp', externalId: `wamid.e2e-${Date.now()}`, from: { kind: 'whatsapp', value: scene.whatsapp }, text: 'Bonjour, comment avoir un rendez-vous pour un passeport ?' }),
    });
    expect(res.status).toBe(201);
    const { conversationId } = (await res.json()) as { conversationId: string };
    expect(conversationId).not.toBe(scene.emailConversationId);

    await page.goto(`${demo.server.url}/inbox/${conversationId}`);
    const input = page.getByTestId('composer-input');
    await input.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator(`select[id="channel-${conversationId}"]`).inputValue(), { timeout: 10_000 }).toBe('whatsapp');
    await input.focus();
    await page.keyboard.type('/');
    const picker = page.getByTestId('answer-picker');
    await picker.waitFor();
    expect(await input.inputValue()).toBe('');
    await page.getByTestId('answer-picker-search').fill('passeport rendez');
    await picker.getByRole('option', { name: /Passeport : prise de rendez-vous/ }).waitFor();
    const preview = page.getByTestId('answer-picker-preview');
    await expect.poll(() => preview.textContent()).toContain(`Bonjour ${scene.citizenName}, les rendez-vous`);
    expect(await picker.textContent()).toContain('Message court');
    expect(await preview.textContent()).not.toMatch(/\{\{|Bien cordialement/);
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'answers-picker-whatsapp.png') });

    await page.getByTestId('answer-picker-insert').click();
    await picker.waitFor({ state: 'detached' });
    const text = await input.inputValue();
    expect(text.startsWith(`Bonjour ${scene.citizenName}, les rendez-vous`)).toBe(true);
    await page.getByTestId('composer-send').click();
    // État civil asks for a stronger identity than an unverified WhatsApp number: the agent confirms.
    await page.getByTestId('composer-level-warning').getByRole('button', { name: 'Envoyer quand même' }).click();
    await page.locator('[data-testid="timeline-entry"]', { hasText: 'les rendez-vous sont ouverts chaque lundi' }).waitFor({ timeout: 15_000 });

    // The journal knows which answer and version wrote it.
    const sent = async () => {
      const timeline = (await (await page.request.get(`${demo.server.url}/api/citizens/${scene.citizenId}/timeline?limit=200`)).json()) as TimelinePage;
      return timeline.items.find((m) => m.conversationId === conversationId && m.direction === 'outbound' && m.text === text);
    };
    await expect.poll(async () => (await sent())?.answer, { timeout: 10_000 }).toEqual({ answerId: 'ans_passeport', version: 1 });
    expect((await sent())?.channel).toBe('whatsapp');
  }, 120_000);

  it('shows the library by theme with usage and versions, French and English side by side, to a supervisor who may edit', async () => {
    const page = await demo.newPage();
    await demo.login(page, SUPERVISOR);
    // Those who manage the library find it in the administration (the header keeps one line).
    expect(await page.getByRole('navigation', { name: 'Espaces' }).getByRole('link', { name: 'Réponses' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Réponses types' }).click();
    await page.waitForURL('**/admin/answers');
    const cards = page.getByTestId('answer-card');
    await cards.first().waitFor({ timeout: 15_000 });
    expect(await cards.count()).toBeGreaterThanOrEqual(25);
    // Accent-insensitive search, the English version beside the French one.
    await page.getByTestId('answers-search').fill('encombrants');
    await expect.poll(() => cards.count()).toBe(1);
    const card = cards.first();
    expect(await card.textContent()).toMatch(/Utilisée \d+ fois/);
    expect(await card.locator('[lang="en"]').count()).toBe(1);
    await page.getByTestId('answers-search').fill('carte identite');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(1);
    await cards.first().getByRole('button', { name: 'Historique (2 versions)' }).click();
    await cards.first().getByText('20 €').first().waitFor();
    await page.getByTestId('answers-search').fill('');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(25);
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'answers-library.png'), fullPage: false });
    await page.getByTestId('answers-new').click();
    await page.getByRole('heading', { name: 'Nouvelle réponse', level: 2 }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'answers-editor.png') });
  }, 120_000);
});
