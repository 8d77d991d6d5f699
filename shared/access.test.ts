import { describe, expect, it } from 'vitest';
import { canSeeConversation, canSeeEvent, visibilityFilter, type Viewer } from './access.js';
import type { AgentId, CitizenId, ConversationId, QueueId } from './ids.js';
import type { JournalEvent } from './journal.js';

const Q1 = 'que_etat_civil' as QueueId;
const Q2 = 'que_urbanisme' as QueueId;
const viewer = (role: Viewer['role'], queueIds: QueueId[] = [Q1]): Viewer => ({ id: `agt_${role}` as AgentId, role, queueIds });
const agent = viewer('agent');

function event(over: Partial<JournalEvent> & Pick<JournalEvent, 'type' | 'payload'>): JournalEvent {
  return { seq: 1, at: '2026-01-01T00:00:00.000Z', actor: { kind: 'system' }, citizenId: 'cit_1' as CitizenId, conversationId: 'conv_1' as ConversationId, queueId: Q2, ...over } as JournalEvent;
}

describe('the access rule', () => {
  it('lets agents see their queues and what is assigned to them anywhere; supervisors and admins everything', () => {
    expect(canSeeConversation(agent, { queueId: Q1, assigneeId: null })).toBe(true);
    expect(canSeeConversation(agent, { queueId: Q2, assigneeId: null })).toBe(false);
    expect(canSeeConversation(agent, { queueId: Q2, assigneeId: agent.id })).toBe(true);
    for (const role of ['supervisor', 'admin'] as const) expect(canSeeConversation(viewer(role, []), { queueId: Q2, assigneeId: null })).toBe(true);
  });

  it('shows trainers and trainees no live file (replays have their own rules)', () => {
    for (const role of ['trainer', 'trainee'] as const) {
      expect(canSeeConversation(viewer(role), { queueId: Q1, assigneeId: viewer(role).id })).toBe(false);
      expect(visibilityFilter(viewer(role))).toBeNull();
    }
  });

  it('says the same as a store filter', () => {
    expect(visibilityFilter(agent)).toEqual({ queueIds: [Q1], assigneeId: agent.id });
    expect(visibilityFilter(viewer('supervisor'))).toBeUndefined();
  });

  it('shows events with their conversation, whispers to their recipient, staff events to whom they concern', () => {
    const message = event({ type: 'conversation.status', payload: { status: 'pending', previousStatus: 'open' } });
    expect(canSeeEvent(agent, message, null)).toBe(false);
    expect(canSeeEvent(agent, message, agent.id)).toBe(true);
    expect(canSeeEvent(agent, { ...message, queueId: Q1 } as JournalEvent, null)).toBe(true);
    const assignedToMe = event({ type: 'conversation.assigned', payload: { assigneeId: agent.id, previousAssigneeId: null } });
    expect(canSeeEvent(agent, assignedToMe, null)).toBe(true);
    const whisper = event({ type: 'whisper.sent', queueId: Q1, payload: { whisperId: 'w', toAgentId: 'agt_other' as AgentId, text: 'x' } });
    expect(canSeeEvent(agent, whisper, null)).toBe(false);
    expect(canSeeEvent(viewer('supervisor'), whisper, null)).toBe(true);
    const state = { seq: 2, at: '2026-01-01T00:00:00.000Z', actor: { kind: 'agent' }, type: 'agent.state-changed', payload: { agentId: agent.id, state: 'away', previousState: 'available', source: 'agent' } } as JournalEvent;
    expect(canSeeEvent(agent, state, null)).toBe(true);
    expect(canSeeEvent(viewer('agent', [Q1]), { ...state, payload: { ...(state.payload as object), agentId: 'agt_x' } } as JournalEvent, null)).toBe(false);
    const crash = { seq: 3, at: '2026-01-01T00:00:00.000Z', actor: { kind: 'system' }, type: 'server.error', payload: { origin: 'unhandled-rejection', error: { name: 'E', message: 'm' }, instance: 'h:1' } } as JournalEvent;
    expect(canSeeEvent(agent, crash, null)).toBe(false);
    expect(canSeeEvent(viewer('admin'), crash, null)).toBe(true);
    expect(canSeeEvent(viewer('trainer'), { ...message, queueId: Q1 } as JournalEvent, null)).toBe(false);
  });
});
