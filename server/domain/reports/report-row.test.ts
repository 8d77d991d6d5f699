import { describe, expect, it } from 'vitest';
import type { JournalEvent, NewJournalEvent } from '../../../shared/index.js';
import { at, conversationOpened, ids, messageEvent, messageOfRef, newConversation } from '../../testing/journal-events.js';
import { foldReportRow, type MeasureMinutes, type ReportRow } from './report-row.js';

// A measure that shows which calendar it was asked for: elapsed minutes, halved in "half".
const measure: MeasureMinutes = (from, to, calendarId) => ((Date.parse(to) - Date.parse(from)) / 60_000) * (calendarId === 'half' ? 0.5 : 1);

function fold(events: NewJournalEvent[]): ReportRow | undefined {
  let row: ReportRow | undefined;
  events.forEach((e, n) => (row = foldReportRow(row, { ...e, seq: n + 1 } as JournalEvent, measure)));
  return row;
}

describe('foldReportRow', () => {
  const ref = newConversation(ids.citizen(), ids.queue());
  const system = { actor: { kind: 'system' as const }, citizenId: ref.citizenId, conversationId: ref.conversationId, queueId: ref.queueId };
  const opened = conversationOpened(ref, { at: at(0), channel: 'email' });
  const reply = messageEvent('message.sent', messageOfRef('message.sent', ref, { at: at(40), channel: 'email' }), ref.queueId);

  it('measures in the calendar sla.set names, again when it arrives after a quick reply', () => {
    const calendar: NewJournalEvent = { ...system, at: at(41), type: 'sla.set', payload: { calendarId: 'half' } };
    expect(fold([opened, reply])).toMatchObject({ firstResponseMinutes: 40, calendarId: null });
    expect(fold([opened, reply, calendar])).toMatchObject({ firstResponseMinutes: 20, calendarId: 'half' });
    expect(fold([opened, { ...calendar, at: at(1) }, reply])).toMatchObject({ firstResponseMinutes: 20 });
  });

  it('keeps due times and breaches, each kind on its own', () => {
    const set: NewJournalEvent = { ...system, at: at(1), type: 'sla.set', payload: { firstResponseDueAt: at(30), resolutionDueAt: at(600) } };
    const breached: NewJournalEvent = { ...system, at: at(31), type: 'sla.breached', payload: { kind: 'first_response', dueAt: at(30) } };
    expect(fold([opened, set, breached, reply])).toMatchObject({
      firstResponseDueAt: at(30),
      resolutionDueAt: at(600),
      firstResponseBreached: true,
      resolutionBreached: false,
      firstResponseAt: at(40),
    });
  });

  it('takes a call an agent picked up as the first response', () => {
    const call = { from: '+33612345678', to: '+33140000000', startedAt: at(5), outcome: 'ringing' as const };
    const ringing = messageEvent('message.received', { ...messageOfRef('message.received', ref, { at: at(5), channel: 'phone' }), kind: 'call', call }, ref.queueId);
    const message = ringing.type === 'message.received' ? ringing.payload.message : undefined;
    const pickedUp: NewJournalEvent = {
      ...system,
      at: at(6),
      type: 'call.updated',
      payload: { messageId: message!.id, direction: 'inbound', previousOutcome: 'ringing', call: { ...call, outcome: 'answered', answeredAt: at(6) } },
    };
    expect(fold([opened, ringing])).toMatchObject({ firstResponseAt: null });
    expect(fold([opened, ringing, pickedUp])).toMatchObject({ firstResponseAt: at(6), firstResponseMinutes: 6, missedCallPending: false });
  });
});
