import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { AgentId, CitizenId, ConversationId, QueueId } from '../../../shared/index.js';
import { FIGURE_COLUMNS } from '../../../shared/reports.js';
import { FRENCH_FIGURE_TITLES, FRENCH_KEY_NAMES, figuresCsv, frenchCsv } from './csv.js';
import { series, summarize } from './aggregate.js';
import { newReportRow, type ReportRow } from './report-row.js';
import { percentileSorted } from './stats.js';

function row(n: number, o: Partial<ReportRow> = {}): ReportRow {
  const opened = newReportRow({
    conversationId: `conv_${n}` as ConversationId,
    citizenId: `cit_${n % 2}` as CitizenId,
    queueId: 'que_a' as QueueId,
    channel: o.channel ?? 'email',
    openedAt: '2025-03-03T09:00:00.000Z',
    lastSeq: n,
  });
  return { ...opened, assigneeId: 'agt_1' as AgentId, ...o };
}

describe('percentileSorted', () => {
  it('takes the nearest rank', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileSorted(values, 50)).toBe(5);
    expect(percentileSorted(values, 90)).toBe(9);
    expect(percentileSorted([7], 90)).toBe(7);
    expect(percentileSorted([], 50)).toBeNull();
  });
});

describe('summarize', () => {
  it('computes every figure per channel and in total', () => {
    const rows = [
      row(1, { firstResponseMinutes: 10, resolutionMinutes: 100, resolvedAt: 'x', surveySent: true, surveyScore: 5, channelSwitches: 2 }),
      row(2, { firstResponseMinutes: 600, resolutionMinutes: 700, resolvedAt: 'x', surveySent: true }),
      row(3, { channel: 'webchat', chatAbandoned: true, resolvedAt: 'x', resolutionMinutes: 5 }),
      row(4, { channel: 'phone', missedCallPending: true, assigneeId: null }),
    ];
    const s = summarize(rows, 'channel');
    expect(s.groups.map((g) => g.key)).toEqual(['email', 'phone', 'webchat']);
    const email = s.groups[0]!;
    expect(email).toMatchObject({
      conversations: 2,
      resolved: 2,
      firstResponseMedian: 10,
      firstResponseP90: 600,
      // 10 min is within the 480-minute email target, 600 is not.
      serviceLevel: 0.5,
      surveysSent: 2,
      surveysAnswered: 1,
      satisfaction: 5,
      surveyResponseRate: 0.5,
      citizens: 2,
      contactsPerCitizen: 1,
      channelSwitches: 2,
      switchRate: 0.5,
    });
    expect(s.total).toMatchObject({ conversations: 4, chatsAbandoned: 1, missedCallsNotCalledBack: 1, abandonmentRate: 0.5, contactsPerCitizen: 2 });
    expect(summarize(rows, 'agent').groups.map((g) => [g.key, g.conversations])).toEqual([
      ['agt_1', 3],
      ['unassigned', 1],
    ]);
  });

  it('judges conversations with journaled due times by them and their breaches', () => {
    const due = { firstResponseDueAt: '2025-03-03T10:00:00.000Z', resolutionDueAt: '2025-03-05T10:00:00.000Z' };
    const rows = [
      // answered in time, resolved in time
      row(1, { ...due, firstResponseAt: '2025-03-03T09:30:00.000Z', firstResponseMinutes: 30, resolvedAt: '2025-03-04T09:00:00.000Z', resolutionMinutes: 500 }),
      // breached (sla.breached), answered later
      row(2, { ...due, firstResponseBreached: true, firstResponseAt: '2025-03-03T11:00:00.000Z', firstResponseMinutes: 120 }),
      // answered late, the breach event not journaled yet: still a miss
      row(3, { ...due, firstResponseAt: '2025-03-03T10:05:00.000Z', firstResponseMinutes: 65 }),
      // still waiting within its target: not judged; resolution breached
      row(4, { ...due, resolutionBreached: true }),
      // no target of its own: the email default (480) judges its 600 minutes
      row(5, { firstResponseMinutes: 600 }),
    ];
    expect(summarize(rows, 'channel').total).toMatchObject({ serviceLevel: 0.25, resolutionServiceLevel: 0.5, breaches: 2 });
  });

  it('says "no data" rather than 0 for shares of nothing', () => {
    expect(summarize([], 'queue').total).toMatchObject({ conversations: 0, serviceLevel: null, satisfaction: null, firstResponseMedian: null });
  });
});

describe('series', () => {
  it('gives one point per bucket and channel, plus the total, in order', () => {
    const rows = [row(1, { openedAt: '2025-03-04T10:00:00.000Z' }), row(2, { openedAt: '2025-03-03T10:00:00.000Z', channel: 'phone' })];
    const points = series(rows, (at) => at.slice(0, 10));
    expect(points.map((p) => `${p.bucket}/${p.key}/${p.conversations}`)).toEqual(['2025-03-03/phone/1', '2025-03-03/total/1', '2025-03-04/email/1', '2025-03-04/total/1']);
  });
});

describe('figuresCsv', () => {
  it('writes a header, one line per record, empty cells for no data, and defuses formulas', () => {
    const s = summarize([row(1)], 'channel');
    const csv = figuresCsv(['key'], [{ ...s.total, key: '=HYPERLINK("x")' }]);
    const [header, line] = csv.split('\r\n');
    expect(header!.startsWith('key,conversations,resolved,firstResponseMedian')).toBe(true);
    expect(line!.startsWith(`"'=HYPERLINK(""x"")",1,0,,`)).toBe(true);
  });

  it('writes the French form: `;`, decimal comma unquoted, French titles and names, text quoted as needed', () => {
    const s = summarize([row(1), row(2, { channel: 'phone' })], 'channel');
    const form = frenchCsv({ key: 'queue' }, new Map([['que_a', 'Accueil; état civil']]));
    const csv = figuresCsv(['key'], [{ ...s.total, key: 'que_a', contactsPerCitizen: 1.25 }, { ...s.total, key: '+33 formule' }, s.total], form);
    const [header, a, b, total] = csv.split('\r\n');
    expect(header!.split(';').slice(0, 4)).toEqual(['File', 'Conversations', 'Résolues', '1re réponse (médiane) — minutes ouvrées']);
    const cells = a!.split(';');
    expect(cells.slice(0, 3)).toEqual(['"Accueil', ' état civil"', '2']); // the name's `;` is quoted
    expect(a).toContain(';1,25;');
    expect(b!.startsWith(`'+33 formule;`)).toBe(true);
    expect(total!.startsWith('Total;2;')).toBe(true);
  });

  it('titles the French columns with the console\'s table headers and names the keys as the console does', () => {
    const fr = JSON.parse(readFileSync(new URL('../../../client/locales/fr.json', import.meta.url), 'utf8')) as { reports: { figures: Record<string, string>; keys: Record<string, string> } };
    for (const c of FIGURE_COLUMNS) expect(FRENCH_FIGURE_TITLES[c].startsWith(fr.reports.figures[c]!), c).toBe(true);
    expect(FRENCH_KEY_NAMES).toEqual(fr.reports.keys);
  });
});
