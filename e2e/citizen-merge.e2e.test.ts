import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CitizenFile, TimelinePage } from '../shared/api.js';
import type { SearchResults } from '../shared/search.js';
import { wcagViolations } from './accessibility.js';
import { browserAvailability } from './browser.js';
import { SCREENSHOTS, useDemoConsole } from './demo-console.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

// One citizen, for real: the demo files Jean-Marc Lefèvre twice (by e-mail, then on Messenger
// quoting that address). An agent merges the records from the suggestion, sees one timeline, and
// a supervisor undoes it.
const PASSWORD = 'demo-password-e2e-merge';
const AGENT = 'agent@mairie.example';
const SUPERVISOR = 'superviseur@mairie.example';

describe.skipIf(!availability.available)('merging two records of one person, in Chromium', () => {
  const demo = useDemoConsole('merge', PASSWORD);

  async function messengerConversation(page: Page): Promise<{ conversationId: string; citizenId: string }> {
    const found = (await (await page.request.get(`${demo.server.url}/api/search?q=${encodeURIComponent('sans réponse listes électorales')}`)).json()) as SearchResults;
    const message = found.messages.find((m) => m.channel === 'messenger');
    if (!message) throw new Error('the demo has no Messenger message from Jean-Marc Lefèvre');
    return { conversationId: message.conversationId, citizenId: message.citizenId };
  }

  async function timelineChannels(page: Page, citizenId: string): Promise<string[]> {
    const timeline = (await (await page.request.get(`${demo.server.url}/api/citizens/${citizenId}/timeline?limit=100`)).json()) as TimelinePage;
    return timeline.items.map((m) => m.channel);
  }

  it('merges from the suggestion after a side-by-side check, shows one timeline, and a supervisor undoes it', async () => {
    const page = await demo.newPage();
    await demo.login(page, AGENT);
    const { conversationId, citizenId } = await messengerConversation(page);
    await page.goto(`${demo.server.url}/inbox/${conversationId}`);

    const suggestions = page.getByTestId('duplicate-suggestions');
    await suggestions.waitFor({ timeout: 15_000 });
    await expect.poll(() => suggestions.textContent()).toContain('même adresse e-mail');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'merge-suggestions.png') });

    await suggestions.getByRole('button', { name: /Comparer et fusionner/ }).click();
    const dialog = page.getByTestId('merge-compare');
    await dialog.getByText('Garder l’identifiant de cette fiche').first().waitFor();
    await dialog.locator('fieldset').nth(1).waitFor();
    await expect.poll(() => dialog.locator('fieldset').count()).toBe(2);
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'merge-side-by-side.png') });

    await dialog.getByRole('button', { name: 'Fusionner les deux fiches' }).click();
    await page.getByText('Fiches fusionnées : une seule chronologie.').waitFor({ timeout: 15_000 });

    // One record: the Messenger one points to the e-mail one (older, kept by default), whose
    // timeline now holds both channels, on the server and on screen.
    const file = (await (await page.request.get(`${demo.server.url}/api/citizens/${citizenId}`)).json()) as CitizenFile;
    const survivor = file.citizen.mergedInto;
    expect(survivor).toBeTruthy();
    expect(await timelineChannels(page, survivor!)).toEqual(['email', 'messenger']);
    const entries = page.locator('[data-testid="timeline-entry"]');
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBe(2);
    await page.getByTestId('merge-history').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'merge-one-timeline.png') });

    // The agent may not undo it; the supervisor may.
    expect(await page.getByRole('button', { name: 'Annuler cette fusion' }).count()).toBe(0);
    const supervisor = await demo.newPage();
    await demo.login(supervisor, SUPERVISOR);
    await supervisor.goto(`${demo.server.url}/inbox/${conversationId}`);
    await supervisor.getByRole('button', { name: 'Annuler cette fusion' }).click({ timeout: 15_000 });
    await supervisor.getByLabel('Raison (gardée dans l’historique du citoyen)').fill('Homonymes : deux personnes différentes');
    expect(await wcagViolations(supervisor)).toEqual([]);
    await supervisor.getByRole('button', { name: 'Séparer les fiches' }).click();
    await supervisor.getByText('Fiches séparées').waitFor({ timeout: 15_000 });

    const back = (await (await page.request.get(`${demo.server.url}/api/citizens/${citizenId}`)).json()) as CitizenFile;
    expect(back.citizen.mergedInto).toBeNull();
    expect(await timelineChannels(page, citizenId)).toEqual(['messenger']);
    expect(await timelineChannels(page, survivor!)).toEqual(['email']);
  }, 120_000);
});
