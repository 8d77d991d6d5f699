import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportSeries, ReportSummary } from '../../shared/reports.js';
import { BusinessCalendar } from '../domain/business-hours/index.js';
import { emailFrom, QUEUES, startHarness, STAFF, type Harness } from './harness.js';
import { waitFor } from './webchat-helpers.js';

// The report endpoints through a real server: permission, figures from ingested traffic, CSV.

let h: Harness;
afterEach(async () => {
  await h.close();
});

const today = () => new Date().toISOString().slice(0, 10);
const period = () => {
  const d = new Date();
  const from = new Date(d.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(d.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  return `from=${from}&to=${to}`;
};

describe('GET /api/reports/*', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('is for supervisors: an agent is refused, a missing session too', async () => {
    const { token } = await h.login('agent');
    const refused = await fetch(`${h.url}/api/reports/summary?from=${today()}&to=${today()}`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(403);
    expect((await fetch(`${h.url}/api/reports/summary?from=${today()}&to=${today()}`)).status).toBe(401);
  });

  it('counts ingested conversations per channel and over time, and exports them as CSV', async () => {
    expect((await h.inbound(emailFrom('une@example.fr'))).status).toBe(201);
    expect((await h.inbound(emailFrom('deux@example.fr'))).status).toBe(201);
    const { token } = await h.login('supervisor');
    const headers = { authorization: `Bearer ${token}` };

    const summary = (await (await fetch(`${h.url}/api/reports/summary?${period()}&by=channel`, { headers })).json()) as ReportSummary;
    expect(summary.groups.map((g) => [g.key, g.conversations])).toEqual([['email', 2]]);
    expect(summary.total).toMatchObject({ conversations: 2, citizens: 2, resolved: 0, firstResponseMedian: null });

    const byAgent = (await (await fetch(`${h.url}/api/reports/summary?${period()}&by=agent&agentId=${STAFF.agent.id}`, { headers })).json()) as ReportSummary;
    expect(byAgent.total.conversations).toBe(0);

    const series = (await (await fetch(`${h.url}/api/reports/series?${period()}&bucket=day`, { headers })).json()) as ReportSeries;
    expect(series.points.filter((p) => p.key === 'total').reduce((n, p) => n + p.conversations, 0)).toBe(2);

    const csv = await fetch(`${h.url}/api/reports/summary?${period()}&by=channel&format=csv`, { headers });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="guichet-channel-/);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^key,conversations,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['email,2', 'total,2']);
  });

  it('rejects a malformed period with a readable reason', async () => {
    const { token } = await h.login('supervisor');
    const res = await fetch(`${h.url}/api/reports/summary?from=2025-03-10&to=2025-03-01`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/from must not be after to/);
  });
});

describe('reports in the queue\'s own business hours', () => {
  // An annex open on Monday afternoons only; the reception queue counts its targets in it.
  const annexe = BusinessCalendar.parse({ id: 'annexe', week: { '1': [{ start: '14:00', end: '18:00' }] } });
  let now = new Date('2025-03-03T10:50:00.000Z'); // Monday 3 March 2025, 11:50 Paris
  beforeEach(async () => {
    now = new Date('2025-03-03T10:50:00.000Z');
    h = await startHarness({
      clock: { now: () => now },
      routing: { calendars: [annexe], intervalMs: 50 },
      queues: [{ id: QUEUES.accueil, name: 'Accueil', description: '', keywords: [], isDefault: true, calendarId: 'annexe', serviceLevels: { email: { firstResponseMinutes: 30 } } }],
    });
  });

  it('measures the first response in that calendar and counts the journaled breach', async () => {
    expect((await h.inbound(emailFrom('une@example.fr'))).status).toBe(201);
    const [conversation] = (await h.store.listConversations({ limit: 10 })).items;
    // Due 30 annex minutes after opening: Monday 14:30 Paris.
    await waitFor(async () => (await h.store.getConversation(conversation!.id))?.firstResponseDueAt === '2025-03-03T13:30:00.000Z');

    now = new Date('2025-03-03T13:40:00.000Z'); // 14:40 Paris: 40 annex minutes, 80 in the default week
    const agent = (await h.store.getAgent(STAFF.agent.id))!;
    await h.guichet.commands.sendMessage(agent, { conversationId: conversation!.id, channel: 'email', text: 'Bonjour, voici la réponse.', clientMessageId: 'reply-0001' });
    await waitFor(async () => ((await h.store.getConversation(conversation!.id))?.breaches ?? []).length === 1);

    const { token } = await h.login('supervisor');
    const res = await fetch(`${h.url}/api/reports/summary?from=2025-03-03&to=2025-03-03&by=queue`, { headers: { authorization: `Bearer ${token}` } });
    const body: unknown = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    const summary = body as ReportSummary;
    expect(summary.groups.map((g) => g.key)).toEqual([QUEUES.accueil]);
    expect(summary.total).toMatchObject({ conversations: 1, firstResponseMedian: 40, serviceLevel: 0, breaches: 1, resolutionServiceLevel: null });
  });
});
