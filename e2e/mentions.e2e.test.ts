import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../shared/model.js';
import { wcagViolations } from './accessibility.js';
import { browserAvailability } from './browser.js';
import { SCREENSHOTS, useDemoConsole } from './demo-console.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

// Mentions (issue 13): Camille calls Karim into a conversation of their shared queue from an
// internal note, picking him with "@" and the keyboard; Karim's bell counts it, lists it, and
// opening it reads it; his inbox's Mentions view holds it.
const PASSWORD = 'demo-password-e2e-mentions';
const CAMILLE = 'agent@mairie.example';
const KARIM = 'karim.haddad@mairie.example';

describe.skipIf(!availability.available)('mentions, in Chromium', () => {
  const demo = useDemoConsole('mentions', PASSWORD);

  it('mentions a colleague from a note with the @ picker; his bell lists it and opening it reads it', async () => {
    const camille = await demo.newPage();
    await demo.login(camille, CAMILLE);
    const karim = await demo.newPage();
    await demo.login(karim, KARIM);
    const bell = karim.locator('.mention-bell__button');
    await expect.poll(() => bell.getAttribute('aria-expanded'), { timeout: 15_000 }).toBe('false');
    const before = Number((await karim.locator('.mention-bell__count').textContent({ timeout: 1000 }).catch(() => '0')) ?? '0');

    // An open conversation of the Accueil queue, which both may open.
    const list = (await (await camille.request.get(`${demo.server.url}/api/conversations?queueId=que_accueil&status=open&limit=50`)).json()) as { items: Conversation[] };
    const conversation = list.items[0]!;
    await camille.goto(`${demo.server.url}/inbox/${conversation.id}`);
    const input = camille.getByTestId('composer-input');
    await input.waitFor({ timeout: 15_000 });
    await camille.getByTestId('composer-mode-note').check();
    await input.focus();
    await camille.keyboard.type('Peux-tu rappeler ce citoyen, @kar');
    const option = camille.getByRole('option', { name: '@Karim Haddad' });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await input.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    expect(await wcagViolations(camille)).toEqual([]);
    await camille.screenshot({ path: path.join(SCREENSHOTS, 'mentions-picker.png') });
    await camille.keyboard.press('Enter');
    expect(await input.inputValue()).toBe('Peux-tu rappeler ce citoyen, @Karim Haddad ');
    await camille.keyboard.type('? Merci');
    await camille.keyboard.press('Control+Enter');
    await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe('');

    // Karim's bell, live.
    await expect.poll(() => karim.locator('.mention-bell__count').textContent(), { timeout: 10_000 }).toBe(String(before + 1));
    await bell.click();
    const panel = karim.getByRole('region', { name: 'Mentions' });
    const item = panel.getByRole('link', { name: /Camille Martin vous a mentionné·e/ }).first();
    await item.waitFor();
    expect(await item.textContent()).toContain('Peux-tu rappeler ce citoyen, @Karim Haddad ? Merci');
    expect(await wcagViolations(karim)).toEqual([]);
    await karim.screenshot({ path: path.join(SCREENSHOTS, 'mentions-bell.png') });

    await item.click();
    await karim.waitForURL(`**/inbox/${conversation.id}`);
    await expect.poll(async () => ((await karim.locator('.mention-bell__count').count()) === 0 ? 0 : Number(await karim.locator('.mention-bell__count').textContent())), { timeout: 10_000 }).toBe(before);

    // The inbox's Mentions view.
    await karim.getByText('Mentions', { exact: true }).first().click();
    await karim.locator(`a[href="/inbox/${conversation.id}"]`).first().waitFor({ timeout: 10_000 });
  }, 90_000);
});
