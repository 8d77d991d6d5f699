import { describe, expect, it } from 'vitest';
import { reduceAgentStatus } from './agent-status.js';
import type { AgentId, CitizenId, ConversationId, MessageId, QueueId } from './ids.js';
import type { JournalEvent } from './journal.js';
import type { Conversation } from './model.js';
import { reduceConversation } from './reducers.js';

// Routing and service-level events folded by the shared reducers (the store projections and the
// console use the same ones).

const citizenId = 'cit_1' as CitizenId;
const conversationId = 'conv_1' as ConversationId;
const queueId = 'que_1' as QueueId;
const ana = 'agt_ana' as AgentId;
const ben = 'agt_ben' as AgentId;
const env = (seq: number, at = `2026-01-05T09:0${seq % 10}:00.000Z`) => ({ seq, at, actor: { kind: 'system' as const }, citizenId, conversationId, queueId });

const opened: JournalEvent = { ...env(1), type: 'conversation.opened', payload: { citizenName: 'Jeanne', queueId, channel: 'webchat', priority: 'normal' } };
const fold = (events: JournalEvent[], from?: Conversation) => events.reduce<Conversation | undefined>(reduceConversation, from);

describe('routing events on a conversation', () => {
  it('tracks the pending offer, its attempts and who declined', () => {
    const state = fold([
      opened,
      { ...env(2), type: 'conversation.offered', payload: { agentId: ana, attempt: 1, expiresAt: 'T1' } },
      { ...env(3), type: 'conversation.offer-declined', payload: { agentId: ana, attempt: 1, reason: 'timeout' } },
      { ...env(4), type: 'conversation.offered', payload: { agentId: ben, attempt: 2, expiresAt: 'T2' } },
    ]);
    expect(state).toMatchObject({ offer: { agentId: ben, attempt: 2 }, offerAttempts: 2, declinedBy: [ana] });
  });

  it('ends the offer on acceptance and assignment, but not on a late answer to an older attempt', () => {
    const offered = fold([opened, { ...env(2), type: 'conversation.offered', payload: { agentId: ben, attempt: 2, expiresAt: 'T2' } }])!;
    const stale = fold([{ ...env(3), type: 'conversation.accepted', payload: { agentId: ana, attempt: 1 } }], offered)!;
    expect(stale.offer?.attempt).toBe(2);
    const taken = fold(
      [
        { ...env(4), type: 'conversation.accepted', payload: { agentId: ben, attempt: 2 } },
        { ...env(5), type: 'conversation.assigned', payload: { assigneeId: ben, previousAssigneeId: null } },
      ],
      stale,
    )!;
    expect(taken.offer).toBeUndefined();
    expect(taken.assigneeId).toBe(ben);
  });

  it('carries due times, the first reply and breaches', () => {
    const reply = (seq: number, at: string): JournalEvent => ({
      ...env(seq, at),
      type: 'message.sent',
      payload: { message: { id: `msg_${seq}` as MessageId, conversationId, citizenId, direction: 'outbound', channel: 'webchat', kind: 'text', author: { kind: 'agent' }, text: 'Bonjour', attachments: [], at, status: 'sent' } },
    });
    const state = fold([
      opened,
      { ...env(2), type: 'sla.set', payload: { firstResponseDueAt: '2026-01-05T09:05:00.000Z', resolutionDueAt: '2026-01-06T09:00:00.000Z', calendarId: 'mairie' } },
      { ...env(3, '2026-01-05T09:06:00.000Z'), type: 'sla.breached', payload: { kind: 'first_response', dueAt: '2026-01-05T09:05:00.000Z' } },
      reply(4, '2026-01-05T09:07:00.000Z'),
      reply(5, '2026-01-05T09:30:00.000Z'),
    ]);
    expect(state).toMatchObject({
      firstResponseDueAt: '2026-01-05T09:05:00.000Z',
      resolutionDueAt: '2026-01-06T09:00:00.000Z',
      firstRespondedAt: '2026-01-05T09:07:00.000Z',
      breaches: [{ kind: 'first_response', dueAt: '2026-01-05T09:05:00.000Z', at: '2026-01-05T09:06:00.000Z' }],
    });
  });
});

describe('reduceAgentStatus', () => {
  const changed = (seq: number, state: 'available' | 'away', at: string): JournalEvent => ({
    seq,
    at,
    actor: { kind: 'agent', id: ana },
    type: 'agent.state-changed',
    payload: { agentId: ana, state, previousState: 'offline', source: 'agent' },
  });

  it('keeps time in state across a repeated state, counts offers, and ignores replays', () => {
    const events: JournalEvent[] = [
      changed(1, 'available', 'T1'),
      changed(2, 'available', 'T2'),
      { ...env(3, 'T3'), type: 'conversation.offered', payload: { agentId: ana, attempt: 1, expiresAt: 'T4' } },
      changed(4, 'away', 'T5'),
    ];
    const state = events.reduce(reduceAgentStatus, undefined);
    expect(state).toEqual({ agentId: ana, state: 'away', since: 'T5', offerCount: 1, lastOfferedAt: 'T3', lastSeq: 4 });
    expect(events.reduce(reduceAgentStatus, state)).toBe(state);
    expect(events.slice(0, 2).reduce(reduceAgentStatus, undefined)?.since).toBe('T1');
  });
});
