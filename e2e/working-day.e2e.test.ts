import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ConversationDetail, TimelinePage } from '../shared/api.js';
import { wcagViolations } from './accessibility.js';
import { browserAvailability } from './browser.js';
import { SCREENSHOTS, useDemoConsole } from './demo-console.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

// An agent's day on the demo deployment: on a phone, across a lost connection, with offers.
const PASSWORD = 'demo-password-e2e-working-day';
const INGEST_KEY = 'e2e-working-day-ingest-key-0123';
const AGENT = 'agent@mairie.example';
const SUPERVISOR = 'superviseur@mairie.example';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
] as const;

describe.skipIf(!availability.available)('a working day at the console, in Chromium', () => {
  const demo = useDemoConsole('working-day', PASSWORD, { INGEST_API_KEY: INGEST_KEY });

  /**
   * A citizen writes with nothing that routes it: it lands in the reception queue. By e-mail, or
   * on Messenger, where the demo agent has room for more (her e-mail capacity is taken).
   */
  async function citizenWrites(stamp: string, channel: 'email' | 'messenger' = 'email'): Promise<{ conversationId: string; messageId: string }> {
    const from =
      channel === 'email'
        ? { kind: 'email', value: `usager.${stamp}@example.test`, displayName: `Usager ${stamp}` }
        : { kind: 'messenger', value: `7${Date.now()}`, displayName: `Usager ${stamp}` };
    const res = await fetch(`${demo.server.url}/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
      body: JSON.stringify({
        channel,
        externalId: `working-day-${stamp}`,
        from,
        ...(channel === 'email' ? { subject: 'Une question' } : {}),
        text: `Bonjour, j’ai une question (réf. ${stamp}).`,
      }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { conversationId: string; messageId: string };
  }

  /** The texts of the conversation's messages, as the server has them (for the page's session). */
  async function serverTexts(page: Page, conversationId: string): Promise<string[]> {
    const detail = (await (await page.request.get(`${demo.server.url}/api/conversations/${conversationId}`)).json()) as ConversationDetail;
    const timeline = (await (await page.request.get(`${demo.server.url}/api/citizens/${detail.citizen.id}/timeline?limit=100`)).json()) as TimelinePage;
    return timeline.items.filter((m) => m.conversationId === conversationId).map((m) => m.text ?? '');
  }

  async function openConversation(page: Page, conversationId: string, messageId: string): Promise<void> {
    await page.locator(`[data-testid="inbox-row"][data-conversation-id="${conversationId}"]`).click({ timeout: 15_000 });
    await page.waitForURL(`**/inbox/${conversationId}`);
    await page.locator(`[data-testid="timeline-entry"][data-message-id="${messageId}"]`).waitFor({ timeout: 15_000 });
  }

  async function reply(page: Page, text: string): Promise<void> {
    await page.getByTestId('composer-input').fill(text);
    await page.getByTestId('composer-send').click();
  }

  it('on a phone (390×844): one view at a time, reads a conversation, replies, and goes back to the list', async () => {
    const stamp = `ph${Date.now().toString(36)}`;
    const sent = await citizenWrites(stamp);
    const phone = await demo.newPage({ width: 390, height: 844 });
    await demo.login(phone, AGENT);

    // The list is the page: no conversation column squeezed beside it.
    await phone.locator('main [data-testid="inbox-row"]').first().waitFor({ timeout: 15_000 });
    expect(await phone.locator('#conversation-title').count()).toBe(0);

    await openConversation(phone, sent.conversationId, sent.messageId);
    // The conversation replaced the list, with a way back; nothing wider than the screen.
    expect(await phone.locator('[data-testid="inbox-row"]').count()).toBe(0);
    const back = phone.getByRole('link', { name: 'Conversations' });
    await back.waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const composer = await phone.getByTestId('composer-input').boundingBox();
    expect(composer!.width, 'the composer keeps a usable width').toBeGreaterThan(200);
    expect(composer!.x + composer!.width).toBeLessThanOrEqual(390);

    const text = `Bonjour, voici la réponse (réf. ${stamp}).`;
    await reply(phone, text);
    await phone.locator('[data-testid="timeline-entry"]', { hasText: text }).waitFor({ timeout: 15_000 });
    await expect.poll(() => serverTexts(phone, sent.conversationId), { timeout: 10_000 }).toContain(text);
    expect(await wcagViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'working-day-phone-replied.png') });

    await back.click();
    await phone.waitForURL('**/inbox');
    await phone.locator('main [data-testid="inbox-row"]').first().waitFor();
    // Focus follows the view that opened, as a page change would.
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('main');
  }, 120_000);

  it('keeps a reply that could not leave across a reload, and delivers it once when the connection is back', async () => {
    const stamp = `off${Date.now().toString(36)}`;
    const sent = await citizenWrites(stamp);
    const page = await demo.newPage({ width: 1280, height: 720 });
    const context: BrowserContext = page.context();
    // The connection to the server's socket is cut (Wi-Fi lost), the rest of the site answers.
    let cut = true;
    await context.route('**/socket.io/**', (route) => (cut ? route.abort('internetdisconnected') : route.continue()));
    await context.routeWebSocket(/\/socket\.io\//, (ws) => (cut ? ws.close() : ws.connectToServer()));

    await demo.login(page, AGENT);
    await openConversation(page, sent.conversationId, sent.messageId);
    const text = `Votre dossier est complet (réf. ${stamp}).`;
    await reply(page, text);
    const item = page.locator('.pending-sends__item', { hasText: text });
    await item.waitFor({ timeout: 15_000 });

    // Reloaded before anything answered: the reply is still there, said to be interrupted, and
    // said to go out by itself.
    await page.reload();
    await item.waitFor({ timeout: 15_000 });
    await expect.poll(() => item.getAttribute('class')).toContain('pending-sends__item--failed');
    expect(await item.textContent()).toContain('interrompu');
    expect(await serverTexts(page, sent.conversationId)).not.toContain(text);
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'working-day-outbox-kept.png') });

    // The connection comes back: the reply leaves by itself, once.
    cut = false;
    await item.waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('[data-testid="timeline-entry"]', { hasText: text }).waitFor({ timeout: 15_000 });
    await expect.poll(() => serverTexts(page, sent.conversationId), { timeout: 10_000 }).toContain(text);
    // Give a duplicate every chance to show up before counting.
    await page.waitForTimeout(1500);
    expect((await serverTexts(page, sent.conversationId)).filter((t) => t === text)).toHaveLength(1);
    expect(await page.locator('[data-testid="timeline-entry"]', { hasText: text }).count()).toBe(1);
  }, 120_000);

  it('screens of the inbox, a conversation and the board at 1440, 1280 and 390 px pass the audit', async () => {
    const stamp = `sc${Date.now().toString(36)}`;
    const sent = await citizenWrites(stamp);
    for (const size of SIZES) {
      const agent = await demo.newPage(size);
      await demo.login(agent, AGENT);
      await agent.locator('[data-testid="inbox-row"]').first().waitFor({ timeout: 15_000 });
      expect(await wcagViolations(agent), `inbox at ${size.width}`).toEqual([]);
      await agent.screenshot({ path: path.join(SCREENSHOTS, `working-day-inbox-${size.width}.png`) });

      await openConversation(agent, sent.conversationId, sent.messageId);
      expect(await wcagViolations(agent), `conversation at ${size.width}`).toEqual([]);
      await agent.screenshot({ path: path.join(SCREENSHOTS, `working-day-conversation-${size.width}.png`) });
      await agent.context().close();

      const supervisor = await demo.newPage(size);
      await demo.login(supervisor, SUPERVISOR);
      await supervisor.goto(`${demo.server.url}/supervisor`);
      await supervisor.getByTestId('board-queues').waitFor({ timeout: 15_000 });
      expect(await wcagViolations(supervisor), `board at ${size.width}`).toEqual([]);
      await supervisor.screenshot({ path: path.join(SCREENSHOTS, `working-day-board-${size.width}.png`) });
      await supervisor.context().close();
    }
  }, 240_000);

  // Last: an available agent takes offers, which would change what the other tests see.
  it('opens the conversation of an offer the agent accepts', async () => {
    const page = await demo.newPage({ width: 1440, height: 900 });
    await demo.login(page, AGENT);
    await expect.poll(() => page.locator('.connection--live').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('#agent-state-select').selectOption('available');
    await citizenWrites(`of${Date.now().toString(36)}`, 'messenger');

    const tray = page.getByTestId('offer-tray');
    await tray.waitFor({ timeout: 20_000 });
    const first = tray.locator('.offer-line').first();
    const offered = await first.getAttribute('data-offer');
    expect(offered).toBeTruthy();
    // A countdown in the one duration format, and a name for the accept button.
    expect(await first.locator('.offer-line__countdown [aria-hidden="true"]').textContent()).toMatch(/^\d+\s?s$/u);
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'working-day-offer.png') });

    await first.getByRole('button', { name: /^Accepter/ }).click();
    await page.waitForURL(`**/inbox/${offered}`, { timeout: 10_000 });
    await page.locator('#conversation-title').waitFor({ timeout: 15_000 });
    const detail = (await (await page.request.get(`${demo.server.url}/api/conversations/${offered}`)).json()) as ConversationDetail;
    const me = (await (await page.request.get(`${demo.server.url}/api/auth/me`)).json()) as { agent: { id: string } };
    expect(detail.conversation.assigneeId).toBe(me.agent.id);
    await page.locator('#agent-state-select').selectOption('offline');
  }, 120_000);
});
