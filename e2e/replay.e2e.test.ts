import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetail } from '../shared/api.js';
import type { JournalEvent } from '../shared/journal.js';
import type { Conversation } from '../shared/model.js';
import { messageOf, reduceConversation } from '../shared/reducers.js';
import type { Course, ReplayData } from '../shared/replay.js';
import { wcagViolations } from './accessibility.js';
import { browserAvailability, launchChromium } from './browser.js';
import { ensureBuilt } from './built-assets.js';
import { ROOT, startServerProcess, type RunningServer } from './server-process.js';

// The trainer's replay in Chromium: a multi-channel demo conversation played at ×32 to the end,
// paused, sought back to a known instant whose screen is checked against the journal folded with
// the shared reducers; screenshots in masked mode carry no real identity of the demo citizen.

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

const PASSWORD = 'demo-password-e2e';
const OUT = path.join(ROOT, 'test-results', 'e2e');
const STAFF_WORDS = new Set(['Camille', 'Martin', 'Nadia', 'Benali', 'Julien', 'Moreau', 'Sophie', 'Laurent', 'Karim', 'Haddad', 'Léa', 'Dubois', 'Maëva', 'Tessier']);



/** "06 12 34 56 78", "0612345678", "+33612345678": the ways a number can show. */
function phoneSpellings(e164: string): string[] {
  const national = `0${e164.replace(/^\+33/, '')}`;
  return [e164, national, national.replace(/(\d{2})(?=\d)/g, '$1 ')];
}

describe.skipIf(!availability.available)('trainer replay in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let course: Course;
  let conversationId: string;
  let replay: ReplayData;
  /** Real values of the replayed citizen, read by a supervisor. */
  let realValues: string[];

  async function api<T>(email: string, method: string, url: string): Promise<T> {
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${token}` } });
    expect(res.status, `${method} ${url}`).toBe(200);
    return (await res.json()) as T;
  }

  async function login(p: Page, email: string): Promise<void> {
    await p.goto(`${server.url}/login`);
    await p.getByTestId('login-email').fill(email);
    await p.getByTestId('login-password').fill(PASSWORD);
    await p.getByTestId('login-submit').click();
  }

  async function expectNoRealValue(p: Page, when: string): Promise<void> {
    const text = await p.evaluate(() => document.body.innerText);
    const html = await p.content();
    const found = realValues.filter((v) => text.includes(v) || html.includes(v));
    expect(found, `real values on screen ${when}`).toEqual([]);
  }

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-e2e-replay-'));
    await mkdir(OUT, { recursive: true });
    server = await startServerProcess({ DATA_DIR: dataDir, GUICHET_DEMO_PASSWORD: PASSWORD, INGEST_API_KEY: 'e2e-replay-ingest-key-0123456789' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });

    // The demo course's first replay is a multi-channel conversation.
    const courses = await api<{ items: Course[] }>('formateur@mairie.example', 'GET', '/api/courses');
    course = courses.items[0]!;
    conversationId = course.items.find((i) => i.replay.kind === 'conversation')!.replay.id;
    // Demo replies are seeded queued; the outbox sends them at start-up and journals their status.
    // Wait until this conversation's replies are all out, so its journal slice no longer grows.
    for (let attempt = 0; ; attempt++) {
      replay = await api<ReplayData>('formateur@mairie.example', 'GET', `/api/replays/conversation/${conversationId}`);
      const sent = new Set(replay.events.flatMap((e) => (e.type === 'message.sent' ? [e.payload.message.id as string] : [])));
      for (const e of replay.events) if (e.type === 'message.status' && e.payload.status !== 'queued') sent.delete(e.payload.messageId);
      if (sent.size === 0) break;
      if (attempt > 120) throw new Error('the demo outbox never sent the replies of the course conversation');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const { citizen, conversation } = await api<ConversationDetail>('superviseur@mairie.example', 'GET', `/api/conversations/${conversationId}`);
    expect(conversation.channels.length).toBeGreaterThanOrEqual(2);
    const words = citizen.displayName.split(/\s+/).filter((w) => w.length >= 3 && !STAFF_WORDS.has(w));
    realValues = [
      citizen.displayName,
      ...words,
      ...citizen.identities.flatMap((i) => (i.kind === 'phone' || i.kind === 'whatsapp' ? phoneSpellings(i.value) : [i.value])),
    ];
    expect(realValues.length).toBeGreaterThan(2);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('plays a multi-channel conversation at ×32 to the end, pauses, seeks back and shows the screen of that instant, masked', async () => {
    await login(page, 'formateur@mairie.example');
    await page.waitForURL('**/replay');
    await page.getByRole('link', { name: 'Formation' }).click();
    await page.locator(`[data-course-id="${course.id}"]`).getByRole('link', { name: /Commencer/ }).click();
    const player = page.getByTestId('replay-player');
    await player.waitFor();
    const count = Number(await player.getAttribute('data-count'));
    expect(count).toBe(replay.events.length);
    expect(await player.getAttribute('data-masked')).toBe('true');
    expect(await wcagViolations(page)).toEqual([]);

    // ×32, play; pause midway (with the keyboard) and check playback really stops.
    await page.getByTestId('replay-speed').selectOption('32');
    await page.getByTestId('replay-toggle').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="replay-player"]')?.getAttribute('data-index')) >= 1, undefined, { timeout: 30_000 });
    await page.getByTestId('replay-toggle').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => player.getAttribute('data-playing'), { timeout: 10_000 }).toBe('false');
    const pausedAt = await player.getAttribute('data-index');
    await page.waitForTimeout(600);
    expect(await player.getAttribute('data-index')).toBe(pausedAt);
    expect(Number(pausedAt)).toBeLessThan(count - 1);

    // Resume to the end.
    await page.getByTestId('replay-toggle').click();
    await page.waitForSelector('[data-testid="replay-player"][data-ended="true"]', { timeout: 90_000 });
    expect(Number(await player.getAttribute('data-index'))).toBe(count - 1);
    expect(await player.getAttribute('data-playing')).toBe('false');
    await page.getByTestId('replay-screen').waitFor();
    await expectNoRealValue(page, 'at the end');
    await page.screenshot({ path: path.join(OUT, 'replay-end-masked.png') });

    // Seek back with the scrubber's keys to the first reply: a known instant.
    const k = replay.events.findIndex((e) => e.type === 'message.sent');
    expect(k).toBeGreaterThan(0);
    await page.getByTestId('replay-scrubber').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i <= k; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => player.getAttribute('data-index'), { timeout: 10_000 }).toBe(String(k));
    const target = replay.events[k]!;
    expect(await page.getByTestId('replay-clock').locator('time').getAttribute('datetime')).toBe(target.at);

    // The screen as the journal says it was: fold the slice up to k with the shared reducer.
    const played: JournalEvent[] = [...replay.context, ...replay.events.slice(0, k + 1)];
    const expected = played.filter((e) => e.conversationId === conversationId).reduce<Conversation | undefined>(reduceConversation, undefined)!;
    const before = played.slice(0, -1).filter((e) => e.conversationId === conversationId).reduce<Conversation | undefined>(reduceConversation, undefined)!;
    const screen = page.getByTestId('replay-screen');
    await expect.poll(() => screen.getByTestId('status-select').inputValue(), { timeout: 10_000 }).toBe(expected.status);
    expect(await screen.getByTestId('assign-select').inputValue()).toBe(expected.assigneeId ?? '');
    const reply = messageOf(target)!;
    await screen.locator(`[data-testid="timeline-entry"][data-message-id="${reply.id}"]`).waitFor();
    for (const later of replay.events.slice(k + 1)) {
      const m = messageOf(later);
      if (m) expect(await screen.locator(`[data-message-id="${m.id}"]`).count(), `message after the instant: ${m.id}`).toBe(0);
    }
    if (before.waitingSince) await expect.poll(() => page.getByTestId('replay-wait').innerText(), { timeout: 10_000 }).toMatch(/a attendu .+ pour cette réponse/);
    expect(await page.getByTestId('replay-event-log').locator('li').count()).toBe(k + 1);
    await expectNoRealValue(page, `at event ${k}`);
    await page.screenshot({ path: path.join(OUT, 'replay-seek-masked.png') });
    expect(await wcagViolations(page)).toEqual([]);
  }, 180_000);

  it('shows a trainee the assigned course only', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const trainee = await context.newPage();
    await login(trainee, 'stagiaire@mairie.example');
    await trainee.waitForURL('**/training');
    await trainee.getByTestId('course-item-link').first().waitFor();
    expect(await trainee.locator('[data-course-id]').count()).toBe(1);
    expect(await wcagViolations(trainee)).toEqual([]);
    await trainee.getByTestId('course-item-link').first().click();
    await trainee.getByTestId('replay-player').waitFor();
    await trainee.getByTestId('replay-next').click();
    await expect.poll(() => trainee.getByTestId('replay-player').getAttribute('data-index'), { timeout: 10_000 }).toBe('0');
    await trainee.screenshot({ path: path.join(OUT, 'replay-trainee-masked.png') });

    // Any other conversation: refused.
    const others = await api<{ items: { conversationId: string }[] }>('formateur@mairie.example', 'GET', '/api/replays/conversations?limit=50');
    const outside = others.items.find((i) => !course.items.some((c) => c.replay.id === i.conversationId))!;
    await trainee.goto(`${server.url}/replay/conversation/${outside.conversationId}`);
    await trainee.getByRole('alert').filter({ hasText: /pas accessible/ }).waitFor();
    await context.close();
  }, 120_000);
});
