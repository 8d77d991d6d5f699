import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Citizen, Message } from '../shared/index.js';
import { foldWords } from '../shared/search.js';
import { wcagViolations } from './accessibility.js';
import { browserAvailability } from './browser.js';
import { SCREENSHOTS, useDemoConsole } from './demo-console.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

// The header's search on the demo deployment: a phone number typed with spaces finds its citizen,
// a word of an old email opens the conversation at that very message.
const PASSWORD = 'demo-password-e2e-search';
const AGENT = 'agent@mairie.example';

interface Pick {
  citizen: Citizen;
  phoneTyped: string;
  email: Message;
  word: string;
}

/**
 * A demo citizen the agent may see, with a phone number and an email at least three weeks old
 * holding a word that few messages share: read from the demo's own SQLite file (read-only), so
 * the test follows the demo data rather than hard-coding it.
 */
function pickFromDemo(dataDir: string): Pick {
  const db = new Database(path.join(dataDir, 'guichet.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const agent = JSON.parse(db.prepare<[string], { body: string }>('SELECT body FROM agents WHERE email_lower = ?').get(AGENT)!.body) as { queueIds: string[] };
    const messages = db.prepare<[], { body: string }>('SELECT body FROM messages').all().map((r) => JSON.parse(r.body) as Message);
    const frequency = new Map<string, number>();
    for (const m of messages) for (const w of foldWords([m.subject ?? '', m.text, m.call?.summary ?? ''].join('\n'))) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    const queueOf = new Map(db.prepare<[], { id: string; queue_id: string }>('SELECT id, queue_id FROM conversations').all().map((r) => [r.id, r.queue_id]));
    const weeksAgo = new Date(Date.now() - 21 * 86_400_000).toISOString();
    const old = messages
      .filter((m) => m.channel === 'email' && m.direction === 'inbound' && m.at < weeksAgo && agent.queueIds.includes(queueOf.get(m.conversationId) ?? ''))
      .sort((a, b) => (a.at < b.at ? -1 : 1));
    for (const email of old) {
      const citizen = JSON.parse(db.prepare<[string], { body: string }>('SELECT body FROM citizens WHERE id = ?').get(email.citizenId)!.body) as Citizen;
      const phone = citizen.identities.find((i) => i.kind === 'phone')?.value;
      if (!phone?.startsWith('+33')) continue;
      // A word of the email's own text (the snippet shows it), shared by few messages: on the first page.
      const name = new Set(foldWords(citizen.displayName));
      const word = foldWords(email.text).find((w) => w.length >= 5 && /^\p{L}+$/u.test(w) && !name.has(w) && (frequency.get(w) ?? 99) <= 5);
      if (!word) continue;
      const national = `0${phone.slice(3)}`;
      return { citizen, email, word, phoneTyped: national.replace(/(\d\d)(?=\d)/g, '$1 ') };
    }
    throw new Error('the demo data has no old email with a rare word from a citizen with a phone');
  } finally {
    db.close();
  }
}

describe.skipIf(!availability.available)('searching from the header, in Chromium', () => {
  const demo = useDemoConsole('search', PASSWORD);

  it('finds a citizen by a phone typed with spaces, opens an old email at that message, and passes the audit', async () => {
    const pick = pickFromDemo(demo.dataDir);
    const page = await demo.newPage();
    await demo.login(page, AGENT);

    // `/` from anywhere but a field goes to the search box.
    await page.locator('body').click({ position: { x: 700, y: 5 } });
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: 'Rechercher' });
    await box.waitFor();
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);

    await box.fill(pick.phoneTyped);
    const citizens = page.getByRole('group', { name: 'Citoyens' });
    await citizens.getByRole('option').first().waitFor();
    expect(await citizens.getByRole('option').allInnerTexts()).toEqual([expect.stringContaining(pick.citizen.displayName)]);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'résultat' }).innerText()).toContain(pick.phoneTyped);
    const phoneViolations = await wcagViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-phone.png') });
    expect(phoneViolations).toEqual([]);

    await box.fill(pick.word);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'résultat' }).innerText()).toContain(pick.word);
    const hit = page.getByRole('group', { name: 'Messages' }).getByRole('option').filter({ hasText: pick.citizen.displayName });
    await hit.first().waitFor();
    expect((await hit.first().locator('mark').allInnerTexts()).map((m) => foldWords(m)[0])).toContain(pick.word);
    const violations = await wcagViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-results.png') });
    expect(violations).toEqual([]);

    // Arrow down to the hit, Enter: the conversation opens with that message in view.
    const options = page.getByRole('option');
    const ids = await options.evaluateAll((els) => els.map((e) => e.id));
    const target = await hit.first().getAttribute('id');
    for (let i = 0; i <= ids.indexOf(target!); i++) await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(target);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/inbox/${pick.email.conversationId}?message=${pick.email.id}`);
    const found = page.locator(`.timeline__item--found[data-message-id="${pick.email.id}"]`);
    await found.waitFor({ timeout: 15_000 });
    await expect.poll(() => found.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const scroller = el.closest('.timeline__scroll')!.getBoundingClientRect();
      return box.bottom > scroller.top && box.top < scroller.bottom;
    }), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-opened-at-message.png') });
  }, 120_000);
});
