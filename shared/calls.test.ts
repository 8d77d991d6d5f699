import { describe, expect, it } from 'vitest';
import { foldBoard } from './board.js';
import { CALLBACK_TAG, mergeCallDetails, sameCallState } from './calls.js';
import type { CitizenId, ConversationId, MessageId, QueueId } from './ids.js';
import type { JournalEvent } from './journal.js';
import type { CallDetails, Message } from './model.js';
import { reduceConversation, reduceTimeline } from './reducers.js';
import { WHATSAPP_WINDOW_MS, lastWhatsappInboundAt, whatsappWindow } from './whatsapp-window.js';

const base: CallDetails = { from: '+33612345678', to: '+33140000000', startedAt: '2026-01-02T08:00:00.000Z', outcome: 'ringing' };

describe('mergeCallDetails', () => {
  it('moves a call forward and never back', () => {
    const answered = mergeCallDetails(base, { ...base, startedAt: '2026-01-02T08:00:05.000Z', outcome: 'answered', answeredAt: '2026-01-02T08:00:05.000Z' });
    expect(answered).toMatchObject({ outcome: 'answered', startedAt: base.startedAt, answeredAt: '2026-01-02T08:00:05.000Z' });
    const done = mergeCallDetails(answered, { ...base, outcome: 'answered', endedAt: '2026-01-02T08:03:00.000Z', durationSec: 175 });
    expect(done).toMatchObject({ outcome: 'answered', endedAt: '2026-01-02T08:03:00.000Z', durationSec: 175, answeredAt: '2026-01-02T08:00:05.000Z' });
    // A late "ringing" or "in progress" fills nothing and undoes nothing.
    expect(mergeCallDetails(done, base)).toEqual(done);
    expect(mergeCallDetails(done, { ...base, outcome: 'answered', answeredAt: '2026-01-02T08:09:00.000Z' })).toEqual(done);
  });

  it('keeps a voicemail a voicemail, the first start, the numbers and the agent’s summary', () => {
    const voicemail: CallDetails = { ...base, outcome: 'voicemail', endedAt: '2026-01-02T08:01:00.000Z', recordingUrl: 'https://r.example/1', summary: 'Rappeler Mme Dupont' };
    const late = mergeCallDetails(voicemail, { ...base, from: '+33700000000', startedAt: '2026-01-02T07:59:58.000Z', outcome: 'answered', endedAt: '2026-01-02T08:01:00.000Z', summary: 'provider text' });
    expect(late).toMatchObject({ outcome: 'voicemail', from: base.from, startedAt: '2026-01-02T07:59:58.000Z', summary: 'Rappeler Mme Dupont', recordingUrl: 'https://r.example/1' });
    expect(sameCallState(voicemail, { ...voicemail, summary: 'autre' })).toBe(true);
    expect(sameCallState(voicemail, { ...voicemail, durationSec: 3 })).toBe(false);
  });
});

const citizenId = 'cit_1' as CitizenId;
const conversationId = 'conv_1' as ConversationId;
const queueId = 'que_1' as QueueId;
const env = (seq: number, at: string) => ({ seq, at, actor: { kind: 'system' as const }, citizenId, conversationId, queueId });
const opened: JournalEvent = { ...env(1, '2026-01-02T07:00:00.000Z'), type: 'conversation.opened', payload: { citizenName: 'Jeanne', queueId, channel: 'phone', priority: 'normal' } };

function callMessage(id: string, direction: 'inbound' | 'outbound', call: CallDetails, at = '2026-01-02T08:00:00.000Z'): Message {
  return {
    id: id as MessageId, conversationId, citizenId, direction, channel: 'phone', kind: 'call', author: { kind: direction === 'inbound' ? 'citizen' : 'agent' },
    text: 'Appel', attachments: [], at, status: direction === 'inbound' ? 'received' : 'sent', call,
  };
}

describe('call events in the shared reducers', () => {
  const ringing: JournalEvent = { ...env(2, '2026-01-02T08:00:00.000Z'), type: 'message.received', payload: { message: callMessage('msg_c', 'inbound', base) } };
  const missed: JournalEvent = {
    ...env(3, '2026-01-02T08:00:30.000Z'),
    type: 'call.updated',
    payload: { messageId: 'msg_c' as MessageId, direction: 'inbound', previousOutcome: 'ringing', call: { ...base, outcome: 'missed', endedAt: '2026-01-02T08:00:30.000Z' }, text: 'Appel entrant — manqué, à rappeler' },
  };

  it('does not wait on a ringing call, and opens a call-back when it turns out missed', () => {
    const ringingState = reduceConversation(reduceConversation(undefined, opened), ringing)!;
    expect(ringingState).toMatchObject({ waitingSince: null, unreadCount: 0, tags: [] });
    const missedState = reduceConversation(ringingState, missed)!;
    expect(missedState).toMatchObject({ waitingSince: '2026-01-02T08:00:30.000Z', unreadCount: 1, tags: [CALLBACK_TAG], preview: 'Appel entrant — manqué, à rappeler' });
    // Replayed: nothing moves.
    expect(reduceConversation(missedState, missed)).toEqual(missedState);
  });

  it('keeps the call-back open through a written reply or an unanswered call-back, and closes it on one that got through', () => {
    let state = [opened, ringing, missed].reduce(reduceConversation, undefined)!;
    const reply = (seq: number, m: Message): JournalEvent => ({ ...env(seq, m.at), type: 'message.sent', payload: { message: m } });
    state = reduceConversation(state, reply(4, { ...callMessage('msg_r', 'outbound', base, '2026-01-02T09:00:00.000Z'), kind: 'text', channel: 'email', call: undefined }))!;
    expect(state).toMatchObject({ tags: [CALLBACK_TAG], waitingSince: '2026-01-02T08:00:30.000Z' });
    state = reduceConversation(state, reply(5, callMessage('msg_a1', 'outbound', { ...base, outcome: 'missed' }, '2026-01-02T10:00:00.000Z')))!;
    expect(state.tags).toEqual([CALLBACK_TAG]);
    state = reduceConversation(state, reply(6, callMessage('msg_a2', 'outbound', { ...base, outcome: 'answered' }, '2026-01-02T11:00:00.000Z')))!;
    expect(state).toMatchObject({ tags: [], waitingSince: null, unreadCount: 0 });
  });

  it('keeps a citizen owed a call-back waiting on the board through a written reply, as the conversation does', () => {
    // The board used to stop the wait at any reply; a supervisor must still see who awaits a call.
    const reply = (seq: number, m: Message): JournalEvent => ({ ...env(seq, m.at), type: 'message.sent', payload: { message: m } });
    const written = reply(4, { ...callMessage('msg_r', 'outbound', base, '2026-01-02T09:00:00.000Z'), kind: 'text', channel: 'email', call: undefined });
    const unanswered = reply(5, callMessage('msg_a1', 'outbound', { ...base, outcome: 'missed' }, '2026-01-02T10:00:00.000Z'));
    const reached = reply(6, callMessage('msg_a2', 'outbound', { ...base, outcome: 'answered' }, '2026-01-02T11:00:00.000Z'));
    const waiting = (events: JournalEvent[]) => foldBoard(events).conversations[conversationId]!.waitingSince;
    expect(waiting([opened, ringing, missed, written])).toBe('2026-01-02T08:00:30.000Z');
    expect(waiting([opened, ringing, missed, written, unanswered])).toBe('2026-01-02T08:00:30.000Z');
    expect(waiting([opened, ringing, missed, written, unanswered, reached])).toBeNull();
    expect([opened, ringing, missed, written].reduce(reduceConversation, undefined)!.waitingSince).toBe('2026-01-02T08:00:30.000Z');
  });

  it('counts a call an agent picked up as the first response, for the conversation and the board alike', () => {
    const pickedUp: JournalEvent = {
      ...env(3, '2026-01-02T08:00:20.000Z'),
      type: 'call.updated',
      payload: { messageId: 'msg_c' as MessageId, direction: 'inbound', previousOutcome: 'ringing', call: { ...base, outcome: 'answered', answeredAt: '2026-01-02T08:00:20.000Z' } },
    };
    expect([opened, ringing].reduce(reduceConversation, undefined)!.firstRespondedAt).toBeUndefined();
    expect([opened, ringing, pickedUp].reduce(reduceConversation, undefined)).toMatchObject({ firstRespondedAt: '2026-01-02T08:00:20.000Z', waitingSince: null });
    const board = foldBoard([opened, ringing, pickedUp]).conversations[conversationId];
    expect(board).toMatchObject({ firstResponseAt: '2026-01-02T08:00:20.000Z', waitingSince: null });
    // Missed instead: waiting for the call-back on both sides, no response yet.
    expect(foldBoard([opened, ringing, missed]).conversations[conversationId]).toMatchObject({ firstResponseAt: null, waitingSince: '2026-01-02T08:00:30.000Z' });
    // Already picked up when it reached the server (a CDR): answered at once.
    const answeredCall: JournalEvent = { ...ringing, type: 'message.received', payload: { message: callMessage('msg_c', 'inbound', { ...base, outcome: 'answered' }) } };
    expect([opened, answeredCall].reduce(reduceConversation, undefined)!.firstRespondedAt).toBe('2026-01-02T08:00:00.000Z');
  });

  it('closes a call-back when the conversation is resolved', () => {
    const state = [opened, ringing, missed].reduce(reduceConversation, undefined)!;
    const resolved = reduceConversation(state, { ...env(4, '2026-01-03T00:00:00.000Z'), type: 'conversation.status', payload: { status: 'resolved', previousStatus: 'open' } })!;
    expect(resolved.tags).toEqual([]);
  });

  it('updates the call in the timeline and writes the summary into it', () => {
    const summarized: JournalEvent = { ...env(4, '2026-01-02T08:05:00.000Z'), type: 'call.summarized', payload: { messageId: 'msg_c' as MessageId, summary: 'A rappeler demain' } };
    const timeline = [ringing, missed, summarized].reduce(reduceTimeline, []);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ text: 'Appel entrant — manqué, à rappeler', call: { outcome: 'missed', summary: 'A rappeler demain' } });
  });
});

describe('WhatsApp customer-service window', () => {
  const now = Date.parse('2026-01-02T12:00:00.000Z');
  const wa = (at: string, direction: 'inbound' | 'outbound' = 'inbound', providerAt?: string) => ({ channel: 'whatsapp' as const, direction, at, ...(providerAt ? { providerAt } : {}) });

  it('runs 24 hours from the citizen’s last WhatsApp message, by the provider’s time', () => {
    const last = lastWhatsappInboundAt([wa('2026-01-01T10:00:00.000Z'), wa('2026-01-02T11:30:00.000Z', 'inbound', '2026-01-01T13:00:00.000Z'), wa('2026-01-02T11:00:00.000Z', 'outbound')]);
    expect(last).toBe('2026-01-01T13:00:00.000Z');
    expect(whatsappWindow(last, now)).toEqual({ open: true, closesAt: '2026-01-02T13:00:00.000Z', remainingMs: 3_600_000 });
    expect(whatsappWindow(last, now + 2 * 3_600_000)).toMatchObject({ open: false, remainingMs: 0 });
    expect(whatsappWindow(null, now)).toEqual({ open: false, closesAt: null, remainingMs: 0 });
    expect(WHATSAPP_WINDOW_MS).toBe(86_400_000);
  });
});
