import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIGURE_COLUMNS, type ReportSeries, type ReportSummary } from '../../shared/reports.js';
import { FRENCH_FIGURE_TITLES } from '../domain/reports/csv.js';
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

    // locale=en: the form the export always had, byte for byte (BOM, commas, field names, ids).
    const csv = await fetch(`${h.url}/api/reports/summary?${period()}&by=channel&format=csv&locale=en`, { headers });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="guichet-channel-/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toBe(['key', ...FIGURE_COLUMNS].join(','));
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['email,2', 'total,2']);
  });

  it('rejects an inverted period and an unknown locale with a readable reason, on every report and format', async () => {
    const { token } = await h.login('supervisor');
    const headers = { authorization: `Bearer ${token}` };
    for (const path of ['summary?by=channel&', 'series?bucket=day&', 'summary?format=csv&', 'series?format=csv&']) {
      const inverted = await fetch(`${h.url}/api/reports/${path}from=2025-03-10&to=2025-03-01`, { headers });
      expect(inverted.status, path).toBe(400);
      expect(inverted.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await inverted.json()) as { error: { message: string } }).error.message).toBe('invalid report query (to: from must not be after to)');
    }
    for (const locale of ['de', 'fr-FR', '']) {
      const res = await fetch(`${h.url}/api/reports/summary?from=2025-03-01&to=2025-03-10&format=csv&locale=${locale}`, { headers });
      expect(res.status, locale).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('invalid report query (locale: locale must be fr or en)');
    }
    // One day is a period: from = to is no inversion.
    expect((await fetch(`${h.url}/api/reports/summary?from=2025-03-10&to=2025-03-10`, { headers })).status).toBe(200);
  });
});

describe('CSV for a French spreadsheet', () => {
  // Minutes are whole wall-clock minutes here (no calendars).
  let now = new Date('2025-03-04T09:00:00.000Z');
  beforeEach(async () => {
    now = new Date('2025-03-04T09:00:00.000Z');
    h = await startHarness({ clock: { now: () => now } });
  });

  it('is the default: BOM, `;` between cells, decimal comma, the console\'s French titles and names', async () => {
    // Three conversations of two citizens (une@ writes again once her first one is resolved):
    // 1.5 contacts per citizen, a decimal in every locale.
    const agent = (await h.store.getAgent(STAFF.agent.id))!;
    expect((await h.inbound(emailFrom('une@example.fr'))).status).toBe(201);
    const [first] = (await h.store.listConversations({ limit: 10 })).items;
    await h.guichet.commands.assign(agent, { conversationId: first!.id, assigneeId: agent.id });
    await h.guichet.commands.setStatus(agent, { conversationId: first!.id, status: 'resolved' });
    now = new Date('2025-03-04T09:05:00.000Z');
    expect((await h.inbound(emailFrom('une@example.fr'))).status).toBe(201);
    expect((await h.inbound(emailFrom('deux@example.fr'))).status).toBe(201);
    await waitFor(async () => (await h.store.listConversations({ limit: 10 })).items.length === 3);

    const { token } = await h.login('supervisor');
    const headers = { authorization: `Bearer ${token}` };
    const q = 'from=2025-03-04&to=2025-03-04&format=csv';
    const res = await fetch(`${h.url}/api/reports/summary?${q}&by=channel`, { headers });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFCanal;Conversations;Résolues;1re réponse (médiane) — minutes ouvrées;')).toBe(true);
    // The same bytes when asked for explicitly (fetch's text() drops the BOM).
    expect(await (await fetch(`${h.url}/api/reports/summary?${q}&by=channel&locale=fr`, { headers })).text()).toBe(text.slice(1));

    const [header, ...rows] = text.slice(1).trimEnd().split('\r\n').map((l) => l.split(';'));
    expect(header).toEqual(['Canal', ...FIGURE_COLUMNS.map((c) => FRENCH_FIGURE_TITLES[c])]);
    expect(rows.map((r) => r[0])).toEqual(['E-mail', 'Total']);
    const perCitizen = header!.indexOf(FRENCH_FIGURE_TITLES.contactsPerCitizen);
    const resolved = header!.indexOf(FRENCH_FIGURE_TITLES.resolved);
    expect(rows.map((r) => [r[1], r[resolved], r[perCitizen]])).toEqual([
      ['3', '1', '1,5'],
      ['3', '1', '1,5'],
    ]);
    // No response measured: an empty cell, as in English.
    expect(rows[0]![header!.indexOf(FRENCH_FIGURE_TITLES.firstResponseMedian)]).toBe('');
    // The English form of the same figures: decimal point.
    const en = (await (await fetch(`${h.url}/api/reports/summary?${q}&by=channel&locale=en`, { headers })).text()).split('\r\n');
    expect(en[1]!.split(',')[perCitizen]).toBe('1.5');

    // By agent and by queue the first column holds names, not ids.
    const byAgent = (await (await fetch(`${h.url}/api/reports/summary?${q}&by=agent`, { headers })).text()).trimEnd().split('\r\n');
    expect(byAgent[0]!.split(';')[0]).toBe('Agent');
    expect(byAgent.slice(1).map((l) => l.split(';')[0])).toEqual([agent.displayName, 'Non attribuées', 'Total']);
    expect(agent.displayName).toBe('alice');
    const byQueue = (await (await fetch(`${h.url}/api/reports/summary?${q}&by=queue`, { headers })).text()).trimEnd().split('\r\n');
    expect(byQueue[0]!.split(';')[0]).toBe('File');
    expect(byQueue.slice(1).map((l) => l.split(';')[0])).toEqual(['Accueil', 'Total']);

    // The series: the time step's French name, then the channel.
    const series = (await (await fetch(`${h.url}/api/reports/series?${q}&bucket=week`, { headers })).text()).trimEnd().split('\r\n');
    expect(series[0]!.split(';').slice(0, 3)).toEqual(['Semaine', 'Canal', 'Conversations']);
    expect(series.slice(1).map((l) => l.split(';').slice(0, 3).join(';'))).toEqual(['2025-03-03;E-mail;3', '2025-03-03;Total;3']);
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
