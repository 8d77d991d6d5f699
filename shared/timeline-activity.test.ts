import { describe, expect, it } from 'vitest';
import type { AgentId, CitizenId, ConversationId, QueueId } from './ids.js';
import type { JournalEvent } from './journal.js';
import type { Actor } from './model.js';
import { activityLines, mergeActivity, reduceActivity, type ActivityEvent } from './timeline-activity.js';

const citizenId = 'cit_1' as CitizenId;
const conversationId = 'conv_1' as ConversationId;
const queueId = 'que_1' as QueueId;
const camille = 'agt_camille' as AgentId;
const nadia = 'agt_nadia' as AgentId;
const agent = (id: AgentId): Actor => ({ kind: 'agent', id, name: id });
const at = (seq: number) => `2026-03-02T09:${String(seq).padStart(2, '0')}:00.000Z`;
const env = (seq: number, actor: Actor) => ({ seq, at: at(seq), actor, citizenId, conversationId, queueId });

const assigned = (seq: number, actor: Actor, assigneeId: AgentId | null, previousAssigneeId: AgentId | null = null): JournalEvent => ({
  ...env(seq, actor),
  type: 'conversation.assigned',
  payload: { assigneeId, previousAssigneeId },
});
const status = (seq: number, actor: Actor, s: 'open' | 'pending' | 'resolved', previousStatus: 'open' | 'pending' | 'resolved'): JournalEvent => ({
  ...env(seq, actor),
  type: 'conversation.status',
  payload: { status: s, previousStatus },
});
const accepted = (seq: number, agentId: AgentId): JournalEvent => ({ ...env(seq, agent(agentId)), type: 'conversation.accepted', payload: { agentId, attempt: 1 } });
const note: JournalEvent = {
  ...env(3, agent(camille)),
  type: 'conversation.read',
  payload: { upToSeq: 2 },
};

const fold = (events: JournalEvent[]) => events.reduce<readonly ActivityEvent[]>(reduceActivity, []);
const summary = (events: JournalEvent[]) => activityLines(fold(events)).map((l) => `${l.kind}:${l.by}`);

describe('timeline activity', () => {
  it('keeps assignment and status events in seq order, once each, and nothing else', () => {
    const events = [status(5, agent(nadia), 'resolved', 'open'), assigned(2, agent(camille), camille), note, assigned(2, agent(camille), camille)];
    const activity = fold(events);
    expect(activity.map((e) => e.seq)).toEqual([2, 5]);
    expect(reduceActivity(activity, note)).toBe(activity);
    expect(reduceActivity(activity, events[1]!)).toBe(activity);
    expect(mergeActivity(activity, [assigned(4, agent(nadia), nadia, camille) as ActivityEvent, activity[0]!]).map((e) => e.seq)).toEqual([2, 4, 5]);
  });

  it('tells who did it: taking, handing to someone, automatic routing, returning, releasing', () => {
    expect(
      summary([
        assigned(1, agent(camille), camille),
        assigned(2, agent(nadia), camille, nadia),
        assigned(3, { kind: 'system' }, camille),
        assigned(4, agent(camille), null, camille),
        assigned(5, agent(nadia), null, camille),
        assigned(6, { kind: 'system' }, null, camille),
      ]),
    ).toEqual(['assigned:took', 'assigned:agent', 'assigned:auto', 'unassigned:returned', 'unassigned:agent', 'unassigned:auto']);
  });

  it('reads an accepted automatic offer as an automatic assignment, not as the agent taking it', () => {
    const lines = activityLines(fold([accepted(7, camille), assigned(8, agent(camille), camille)]));
    expect(lines).toEqual([{ seq: 8, at: at(8), conversationId, actor: agent(camille), kind: 'assigned', by: 'auto', assigneeId: camille }]);
    // An acceptance of another attempt long before does not make a later take automatic.
    expect(summary([accepted(7, camille), assigned(9, agent(camille), camille)])).toEqual(['assigned:took']);
  });

  it('says status changes by an agent, by the citizen writing again, and automatic ones', () => {
    const lines = activityLines(fold([status(1, agent(nadia), 'resolved', 'open'), status(2, { kind: 'citizen', id: citizenId }, 'open', 'resolved'), status(3, { kind: 'system' }, 'resolved', 'open')]));
    expect(lines.map((l) => (l.kind === 'status' ? `${l.status}<-${l.previousStatus}:${l.by}` : l.kind))).toEqual([
      'resolved<-open:agent',
      'open<-resolved:citizen',
      'resolved<-open:auto',
    ]);
  });
});
