import { describe, expect, it } from 'vitest';
import type { AgentId, Message, NewJournalEvent } from '../../../shared/index.js';
import type { Store } from '../../domain/ports.js';
import type { ReportRow } from '../../domain/reports/report-row.js';
import {
  at,
  citizenCreated,
  conversationAssigned,
  conversationOpened,
  conversationStatus,
  ids,
  messageEvent,
  messageOfRef,
  newConversation,
  type ConversationRef,
} from '../../testing/journal-events.js';

// ReportRowStore: the reporting projection and its range query, run by storeContract on every
// adapter. Adapters are opened without a business-hours measure, so durations here are elapsed
// minutes.

function surveyAnswered(ref: ConversationRef, score: number, agentId: AgentId | null, when: string): NewJournalEvent {
  return {
    at: when,
    actor: { kind: 'citizen' },
    citizenId: ref.citizenId,
    conversationId: ref.conversationId,
    queueId: ref.queueId,
    type: 'survey.answered',
    payload: { surveyId: `srv_${ref.conversationId}`, channel: 'email', agentId, score },
  };
}

function slaEvent(ref: ConversationRef, when: string, payload: { type: 'sla.set'; payload: { firstResponseDueAt?: string; resolutionDueAt?: string; calendarId?: string } } | { type: 'sla.breached'; payload: { kind: 'first_response' | 'resolution'; dueAt: string } }): NewJournalEvent {
  return { at: when, actor: { kind: 'system' }, citizenId: ref.citizenId, conversationId: ref.conversationId, queueId: ref.queueId, ...payload };
}

function call(ref: ConversationRef, direction: 'inbound' | 'outbound', outcome: 'missed' | 'answered', when: string): NewJournalEvent {
  const base = messageOfRef(direction === 'inbound' ? 'message.received' : 'message.sent', ref, { at: when, channel: 'phone' });
  const message: Message = {
    ...base,
    kind: 'call',
    call: { from: '+33100000000', to: '+33200000000', startedAt: when, outcome },
  };
  return messageEvent(direction === 'inbound' ? 'message.received' : 'message.sent', message, ref.queueId);
}

export function reportRowsContract(current: () => Store): void {
  describe('reporting projection', () => {
    async function world() {
      const store = current();
      const agent = ids.agent();
      const queueA = ids.queue();
      const queueB = ids.queue();
      const citizen = ids.citizen();
      const email = newConversation(citizen, queueA);
      const chat = newConversation(citizen, queueB);
      const phone = newConversation(citizen, queueA);
      const late = newConversation(citizen, queueA);
      const msg = (type: 'message.received' | 'message.sent', ref: ConversationRef, minutes: number, channel: Message['channel']) =>
        messageEvent(type, messageOfRef(type, ref, { at: at(minutes), channel }), ref.queueId);
      await store.append([
        citizenCreated(citizen, { at: at(0) }),
        conversationOpened(email, { at: at(0), channel: 'email' }),
        msg('message.received', email, 0, 'email'),
        conversationAssigned(email, agent, null, at(5)),
        msg('message.sent', email, 30, 'email'),
        // The citizen carries on by WhatsApp, the agent answers there: one switch, then none.
        msg('message.received', email, 40, 'whatsapp'),
        msg('message.sent', email, 50, 'whatsapp'),
        conversationStatus(email, 'resolved', 'open', at(90)),
        surveyAnswered(email, 4, agent, at(100)),
        conversationOpened(chat, { at: at(10), channel: 'webchat' }),
        msg('message.received', chat, 10, 'webchat'),
        conversationStatus(chat, 'resolved', 'open', at(20)),
        conversationOpened(phone, { at: at(15), channel: 'phone' }),
        call(phone, 'inbound', 'missed', at(15)),
        // Due times and a missed first response, as the SLA module journals them.
        slaEvent(phone, at(16), { type: 'sla.set', payload: { firstResponseDueAt: at(16), resolutionDueAt: at(60 * 24), calendarId: 'mairie' } }),
        slaEvent(phone, at(17), { type: 'sla.breached', payload: { kind: 'first_response', dueAt: at(16) } }),
        conversationOpened(late, { at: at(60 * 24 * 3), channel: 'email' }),
      ]);
      return { store, agent, queueA, queueB, email, chat, phone, late };
    }

    it('folds durations, switches, abandonment and survey into one row per conversation', async () => {
      const w = await world();
      const rows = await w.store.listReportRows({ from: at(0), to: at(60) });
      expect(rows.map((r) => r.conversationId)).toEqual([w.email.conversationId, w.chat.conversationId, w.phone.conversationId]);
      const [email, chat, phone] = rows as [ReportRow, ReportRow, ReportRow];
      expect(email).toMatchObject({
        queueId: w.queueA,
        channel: 'email',
        assigneeId: w.agent,
        openedAt: at(0),
        firstResponseAt: at(30),
        firstResponseMinutes: 30,
        resolvedAt: at(90),
        resolutionMinutes: 90,
        channelSwitches: 1,
        chatAbandoned: false,
        surveySent: true,
        surveyScore: 4,
      });
      expect(chat).toMatchObject({ channel: 'webchat', firstResponseAt: null, resolutionMinutes: 10, chatAbandoned: true, surveyScore: null });
      expect(phone).toMatchObject({
        channel: 'phone',
        missedCallPending: true,
        resolvedAt: null,
        calendarId: 'mairie',
        firstResponseDueAt: at(16),
        resolutionDueAt: at(60 * 24),
        firstResponseBreached: true,
        resolutionBreached: false,
      });
      expect(email).toMatchObject({ calendarId: null, firstResponseDueAt: null, resolutionDueAt: null, firstResponseBreached: false });
    });

    it('clears a missed call once the citizen is called back, and a resolution once reopened', async () => {
      const w = await world();
      await w.store.append([call(w.phone, 'outbound', 'answered', at(25)), conversationStatus(w.email, 'open', 'resolved', at(200))]);
      const rows = await w.store.listReportRows({ from: at(0), to: at(60) });
      expect(rows.find((r) => r.conversationId === w.phone.conversationId)).toMatchObject({ missedCallPending: false, firstResponseMinutes: 10 });
      expect(rows.find((r) => r.conversationId === w.email.conversationId)).toMatchObject({ resolvedAt: null, resolutionMinutes: null, surveyScore: 4 });
    });

    it('filters by opening time (to excluded) and by queue', async () => {
      const w = await world();
      expect((await w.store.listReportRows({ from: at(10), to: at(15) })).map((r) => r.conversationId)).toEqual([w.chat.conversationId]);
      const inA = await w.store.listReportRows({ from: at(0), to: at(60 * 24 * 4), queueIds: [w.queueA] });
      expect(inA.map((r) => r.conversationId)).toEqual([w.email.conversationId, w.phone.conversationId, w.late.conversationId]);
      expect(await w.store.listReportRows({ from: at(0), to: at(60), queueIds: [] })).toEqual([]);
    });

    it('rebuilds the same rows from the journal', async () => {
      const w = await world();
      const range = { from: at(0), to: at(60 * 24 * 4) };
      const before = await w.store.listReportRows(range);
      expect(before).toHaveLength(4);
      await w.store.rebuildProjections();
      expect(await w.store.listReportRows(range)).toEqual(before);
    });
  });
}
