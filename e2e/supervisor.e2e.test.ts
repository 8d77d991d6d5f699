import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ConversationDetail } from '../shared/api.js';
import { wcagViolations } from './accessibility.js';
import { browserAvailability } from './browser.js';
import { SCREENSHOTS, useDemoConsole } from './demo-console.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

// Demo data (queues, staff) without the simulator: the widget's citizen is the only new traffic.
const PASSWORD = 'demo-password-e2e-supervisor';
const SUPERVISOR = 'superviseur@mairie.example';
const AGENT = 'agent@mairie.example';
const AGENT_NAME = 'Camille Martin';

/** Spaces as the page may print them (no-break, narrow no-break) made plain. */
const plain = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.skipIf(!availability.available)('supervisor board in Chromium', () => {
  const demo = useDemoConsole('supervisor', PASSWORD);
  const { newPage, login } = demo;

  /** Sum of the board's "waiting" cells, as displayed. */
  async function waitingTotal(page: Page): Promise<number> {
    const cells = await page.getByTestId('board-queues').locator('[data-figure="waiting"]').allTextContents();
    return cells.reduce((n, c) => n + Number(c.trim()), 0);
  }

  it('renders live: a new waiting conversation changes the count without reload; a whisper reaches the agent and never the citizen', async () => {
    const supervisor = await newPage();
    await login(supervisor, SUPERVISOR);
    await supervisor.getByRole('link', { name: 'Supervision' }).click();
    await supervisor.waitForURL('**/supervisor');
    await supervisor.getByTestId('board-queues').waitFor({ timeout: 15_000 });
    await expect.poll(() => supervisor.locator('.connection--live').count(), { timeout: 15_000 }).toBe(1);
    const before = await waitingTotal(supervisor);
    expect(await wcagViolations(supervisor)).toEqual([]);

    // A citizen writes from the widget: the board counts one more waiting, with no reload.
    let reloaded = false;
    supervisor.on('framenavigated', (frame) => {
      if (frame === supervisor.mainFrame()) reloaded = true;
    });
    const stamp = Date.now().toString(36);
    const citizenName = `Hélène Testard ${stamp}`;
    const visitor = await newPage({ width: 900, height: 860 });
    await visitor.goto(`${demo.server.url}/widget-demo`);
    const widget = visitor.locator('guichet-chat');
    await widget.getByTestId('widget-launcher').click();
    await widget.getByTestId('widget-panel').waitFor();
    await widget.locator('#gw-name').fill(citizenName);
    const input = widget.getByTestId('widget-input');
    await input.fill(`Bonjour, où en est mon dossier ? (réf. ${stamp})`);
    await input.press('Enter');
    await widget.getByTestId('widget-message').filter({ hasText: stamp }).waitFor();

    await expect.poll(() => waitingTotal(supervisor), { timeout: 10_000 }).toBe(before + 1);
    const row = supervisor.getByTestId('board-waiting').locator('tbody tr').filter({ hasText: citizenName });
    await row.waitFor();
    expect(reloaded).toBe(false);
    await expect.poll(() => supervisor.getByTestId('board-announcer').textContent()).toContain('En attente');
    await supervisor.screenshot({ path: path.join(SCREENSHOTS, 'supervisor-board-live.png'), fullPage: true });

    // Waits read as everywhere in the console: two units at most ("5 j 7 h", "12 s"), never h:mm:ss,
    // with the words for screen readers and the ISO duration in dateTime.
    const SHORT = /^\d+ (j|h|min|s)( \d+ (h|min|s))?$/;
    const waitCell = row.locator('td.num time');
    await expect.poll(async () => plain((await waitCell.locator('[aria-hidden="true"]').textContent()) ?? '')).toMatch(/^\d+ s$|^\d+ min( \d+ s)?$/);
    expect(await waitCell.getAttribute('datetime')).toMatch(/^PT(\d+M)?(\d+S)?$/);
    expect(plain((await waitCell.locator('.sr-only').textContent()) ?? '')).toMatch(/^(\d+ secondes?|\d+ minutes?( et \d+ secondes?)?)$/);
    const oldest = await supervisor.getByTestId('board-queues').locator('[data-figure="oldest-wait"] [aria-hidden="true"]').allTextContents();
    expect(oldest.length).toBeGreaterThan(0);
    for (const text of oldest) expect(plain(text)).toMatch(SHORT);
    for (const text of await supervisor.getByTestId('board-agents').locator('td.num [aria-hidden="true"]').allTextContents()) expect(plain(text)).toMatch(SHORT);
    await row.scrollIntoViewIfNeeded();
    await supervisor.screenshot({ path: path.join(SCREENSHOTS, 'supervisor-board-1440.png') });

    // Assign it to Camille from the board: it leaves the waiting list and shows in her row.
    await row.getByRole('combobox').selectOption({ label: AGENT_NAME });
    await row.getByRole('button', { name: 'Assigner' }).click();
    await expect.poll(() => waitingTotal(supervisor), { timeout: 10_000 }).toBe(before);
    const agentRow = supervisor.getByTestId('board-agents').locator('tbody tr').filter({ hasText: AGENT_NAME });
    const monitorLink = agentRow.getByRole('link', { name: new RegExp(citizenName) });
    await monitorLink.waitFor({ timeout: 10_000 });

    // Silent monitoring: read-only, and the citizen's message stays unread for the agent.
    await monitorLink.click();
    const monitor = supervisor.getByTestId('monitor');
    await monitor.getByTestId('timeline-entry').filter({ hasText: stamp }).waitFor({ timeout: 10_000 });
    expect(await monitor.getByTestId('composer-input').count()).toBe(0);
    const conversationId = decodeURIComponent(new URL(supervisor.url()).pathname.split('/').pop()!);
    await supervisor.waitForTimeout(1500); // longer than the console's mark-read delay
    const detail = (await (await supervisor.request.get(`${demo.server.url}/api/conversations/${conversationId}`)).json()) as ConversationDetail;
    expect(detail.conversation.unreadCount).toBeGreaterThan(0);

    // The agent opens the conversation; the supervisor whispers.
    const agent = await newPage();
    await login(agent, AGENT);
    await agent.goto(`${demo.server.url}/inbox/${conversationId}`);
    await agent.getByTestId('timeline-entry').filter({ hasText: stamp }).waitFor({ timeout: 10_000 });
    await expect.poll(() => agent.locator('.connection--live').count(), { timeout: 15_000 }).toBe(1);

    const whisper = `Proposez-lui un rendez-vous mardi (chuchotement ${stamp})`;
    await monitor.getByLabel('Message privé pour l’agent').fill(whisper);
    await monitor.getByRole('button', { name: 'Chuchoter' }).click();
    await expect.poll(() => monitor.getByRole('status').filter({ hasText: 'Chuchotement envoyé' }).count(), { timeout: 10_000 }).toBe(1);
    await supervisor.screenshot({ path: path.join(SCREENSHOTS, 'supervisor-monitor-whisper.png'), fullPage: true });

    const received = agent.getByTestId('whispers').locator('.whisper').filter({ hasText: whisper });
    await received.waitFor({ timeout: 10_000 });
    expect(await received.textContent()).toContain('Chuchotement du superviseur');
    await agent.screenshot({ path: path.join(SCREENSHOTS, 'supervisor-whisper-agent.png') });
    // A reload keeps it: the console reads the agent's whispers back from the journal.
    await agent.reload();
    await agent.getByTestId('whispers').locator('.whisper').filter({ hasText: whisper }).waitFor({ timeout: 10_000 });

    // The agent then replies: the reply reaches the widget, the whisper never does.
    const reply = `Bonjour, votre dossier est complet (réf. ${stamp}).`;
    await agent.getByTestId('composer-input').fill(reply);
    await agent.getByTestId('composer-send').click();
    await widget.getByTestId('widget-message').filter({ hasText: reply }).waitFor({ timeout: 10_000 });
    expect(await widget.getByTestId('widget-message').filter({ hasText: 'chuchotement' }).count()).toBe(0);
    // After a reload the widget restores its history from the server: still no whisper.
    await visitor.reload();
    await widget.getByTestId('widget-launcher').click();
    await widget.getByTestId('widget-message').filter({ hasText: reply }).waitFor({ timeout: 10_000 });
    expect(await widget.getByTestId('widget-message').filter({ hasText: 'chuchotement' }).count()).toBe(0);
    await visitor.screenshot({ path: path.join(SCREENSHOTS, 'supervisor-whisper-citizen.png') });

    // From the board, the supervisor puts Camille on a break: her row says so, from the journal push.
    await supervisor.getByLabel(`Nouvel état de ${AGENT_NAME}`, { exact: true }).selectOption('away');
    await supervisor.getByRole('button', { name: `Appliquer le nouvel état de ${AGENT_NAME}` }).click();
    await expect.poll(() => agentRow.locator('.agent-state').textContent(), { timeout: 10_000 }).toBe('Absent');
    await supervisor.getByTestId('board-agents').scrollIntoViewIfNeeded();
    await supervisor.screenshot({ path: path.join(SCREENSHOTS, 'supervisor-agents.png') });
    expect(await wcagViolations(supervisor)).toEqual([]);

    // The rules behind the figures, from the demo's routing file: Urbanisme needs the skill, and
    // Camille's capacities are the ones routing counts.
    const rules = supervisor.getByTestId('routing-rules');
    await rules.locator('summary').click();
    await expect.poll(() => rules.locator('tr', { hasText: 'Urbanisme' }).first().textContent()).toContain('urbanisme');
    await expect.poll(() => rules.locator('tr', { hasText: AGENT_NAME }).textContent()).toMatch(/Téléphone \d/);
    await rules.scrollIntoViewIfNeeded();
    await supervisor.screenshot({ path: path.join(SCREENSHOTS, 'supervisor-rules.png') });
    expect(await wcagViolations(supervisor)).toEqual([]);

    // The outbound channel sinks (demo mode writes every outbound message to this file).
    const sink = path.join(demo.dataDir, 'demo-outbox.jsonl');
    const sunk = existsSync(sink) ? readFileSync(sink, 'utf8') : '';
    expect(sunk).not.toContain('chuchotement');
    expect(demo.server.process.exitCode).toBeNull();
  }, 180_000);
});
