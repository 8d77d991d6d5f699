import { describe, expect, it } from 'vitest';
import type { CitizenId, ConversationId, MessageId, QueueId } from './ids.js';
import type { JournalEvent } from './journal.js';
import type { Message } from './model.js';
import { reduceCitizen, reduceConversation, reduceTimeline } from './reducers.js';

const citizenId = 'cit_1' as CitizenId;
const conversationId = 'conv_1' as ConversationId;
const queueId = 'que_1' as QueueId;
const envelope = (seq: number, at: string) => ({ seq, at, actor: { kind: 'system' as const }, citizenId, conversationId, queueId });

function message(id: string, at: string, extra: Partial<Message> = {}): Message {
  return {
    id: id as MessageId, conversationId, citizenId, direction: 'inbound', channel: 'email', kind: 'text',
    author: { kind: 'citizen' }, text: `texte ${id}`, attachments: [], at, status: 'received', ...extra,
  };
}

const events: JournalEvent[] = [
  { ...envelope(1, '2026-01-01T09:00:00.000Z'), type: 'citizen.created', payload: { displayName: 'Jeanne', identities: [{ kind: 'email', value: 'j@x.fr', level: 'unverified' }] } },
  { ...envelope(2, '2026-01-01T09:00:00.000Z'), type: 'conversation.opened', payload: { citizenName: 'Jeanne', queueId, channel: 'email', priority: 'normal', subject: 'Acte' } },
  { ...envelope(3, '2026-01-01T09:00:00.000Z'), type: 'message.received', payload: { message: message('msg_a', '2026-01-01T09:00:00.000Z') } },
  { ...envelope(4, '2026-01-01T09:05:00.000Z'), type: 'message.received', payload: { message: message('msg_b', '2026-01-01T09:05:00.000Z', { channel: 'whatsapp' }) } },
  { ...envelope(5, '2026-01-01T10:00:00.000Z'), type: 'message.sent', payload: { message: message('msg_c', '2026-01-01T10:00:00.000Z', { direction: 'outbound', status: 'queued' }) } },
  { ...envelope(6, '2026-01-01T10:01:00.000Z'), type: 'message.status', payload: { messageId: 'msg_c' as MessageId, status: 'delivered' } },
];

describe('shared reducers', () => {
  it('folds a conversation from its events, and a replayed event changes nothing', () => {
    const state = events.reduce(reduceConversation, undefined);
    expect(state).toMatchObject({ status: 'open', channels: ['email', 'whatsapp'], messageCount: 3, waitingSince: null, unreadCount: 0, lastSeq: 6, subject: 'Acte' });
    const replayed = events.reduce(reduceConversation, state);
    expect(replayed).toEqual(state);
  });

  it('counts the wait from the oldest unanswered message', () => {
    const state = events.slice(0, 4).reduce(reduceConversation, undefined);
    expect(state).toMatchObject({ waitingSince: '2026-01-01T09:00:00.000Z', unreadCount: 2, lastInboundChannel: 'whatsapp' });
  });

  it('does not leave an answered call waiting, but a missed one does', () => {
    const opened = events.slice(0, 2).reduce(reduceConversation, undefined);
    const call = (seq: number, outcome: 'answered' | 'missed') => ({
      ...envelope(seq, '2026-01-02T08:00:00.000Z'),
      type: 'message.received' as const,
      payload: { message: message(`msg_${seq}`, '2026-01-02T08:00:00.000Z', { channel: 'phone', kind: 'call', call: { from: '+33600000000', to: '+33100000000', startedAt: '2026-01-02T08:00:00.000Z', outcome } }) },
    });
    expect(reduceConversation(opened, call(3, 'answered'))).toMatchObject({ waitingSince: null, unreadCount: 0 });
    expect(reduceConversation(opened, call(3, 'missed'))).toMatchObject({ waitingSince: '2026-01-02T08:00:00.000Z', unreadCount: 1 });
  });

  it('keeps a timeline sorted, free of duplicates, with delivery status applied', () => {
    const shuffled = [events[4]!, events[2]!, events[3]!, events[2]!, events[5]!];
    const timeline = shuffled.reduce(reduceTimeline, []);
    expect(timeline.map((m) => m.id)).toEqual(['msg_a', 'msg_b', 'msg_c']);
    expect(timeline[2]!.status).toBe('delivered');
  });

  it('adds a linked identity to a citizen once', () => {
    const linked: JournalEvent = { ...envelope(7, '2026-01-03T00:00:00.000Z'), type: 'identity.linked', payload: { identity: { kind: 'phone', value: '+33612345678', level: 'unverified' } } };
    const citizen = [events[0]!, linked, linked].reduce(reduceCitizen, undefined);
    expect(citizen!.identities.map((i) => i.kind)).toEqual(['email', 'phone']);
  });

  it('ignores a replay.unmasked audit event (only the conversation’s lastSeq moves)', () => {
    const audit: JournalEvent = {
      ...envelope(7, '2026-02-01T00:00:00.000Z'),
      actor: { kind: 'agent', id: 'agt_sup', name: 'Superviseur' },
      type: 'replay.unmasked',
      payload: { scope: 'conversation', reason: 'contrôle' },
    };
    const conversation = events.reduce(reduceConversation, undefined)!;
    expect(reduceConversation(conversation, audit)).toEqual({ ...conversation, lastSeq: 7 });
    const timeline = events.reduce(reduceTimeline, []);
    expect(reduceTimeline(timeline, audit)).toBe(timeline);
    const citizen = events.reduce(reduceCitizen, undefined);
    expect(reduceCitizen(citizen, audit)).toBe(citizen);
  });
});

describe('newId', () => {
  it('keeps creation order among ids minted in the same millisecond', async () => {
    const { newId } = await import('./ids.js');
    const ids = Array.from({ length: 50 }, () => newId<string>('msg', 1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
  });
});
