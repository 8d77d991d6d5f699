import { describe, expect, it } from 'vitest';
import { capacityOf, type AgentId, type Conversation, type QueueId } from '../../../shared/index.js';
import { isEligible, loadsOf, pickAgent, servingOrder, type Candidate } from './pick-agent.js';

const Q = 'que_urba' as QueueId;
const queue = { id: Q, requiredSkill: 'urbanisme', assignment: { strategy: 'least-busy' as const, offerTimeoutSec: 30 } };
const rr = { ...queue, assignment: { strategy: 'round-robin' as const, offerTimeoutSec: 30 } };

const cand = (id: string, o: Partial<Candidate['agent']> & { state?: 'available' | 'busy' | 'away' | 'offline'; load?: Candidate['load']; lastOfferedAt?: string | null } = {}): Candidate => ({
  agent: { id: id as AgentId, role: o.role ?? 'agent', queueIds: o.queueIds ?? [Q], skills: o.skills ?? ['urbanisme'], ...(o.capacity ? { capacity: o.capacity } : {}) },
  status: { state: o.state ?? 'available', lastOfferedAt: o.lastOfferedAt ?? null },
  load: o.load ?? {},
});
const chat = { lastInboundChannel: 'webchat' as const, channels: ['webchat' as const] };
const call = { lastInboundChannel: 'phone' as const, channels: ['phone' as const] };

describe('eligibility', () => {
  it('needs the queue, the skill, the available state and a role that takes work', () => {
    expect(isEligible(cand('a'), queue, 'webchat')).toBe(true);
    expect(isEligible(cand('a', { skills: [] }), queue, 'webchat')).toBe(false);
    expect(isEligible(cand('a', { queueIds: [] }), queue, 'webchat')).toBe(false);
    expect(isEligible(cand('a', { state: 'busy' }), queue, 'webchat')).toBe(false);
    expect(isEligible(cand('a', { state: 'away' }), queue, 'webchat')).toBe(false);
    expect(isEligible(cand('a', { role: 'trainer' }), queue, 'webchat')).toBe(false);
    expect(isEligible({ ...cand('a'), status: undefined }, queue, 'webchat')).toBe(false);
    expect(isEligible(cand('a', { skills: [] }), { id: Q }, 'webchat')).toBe(true);
  });

  it('respects capacity per channel, with defaults of 1 call, 3 chats, 8 emails', () => {
    expect([capacityOf({}, 'phone'), capacityOf({}, 'webchat'), capacityOf({}, 'email')]).toEqual([1, 3, 8]);
    const onCall = cand('a', { load: { phone: 1 } });
    expect(isEligible(onCall, queue, 'phone')).toBe(false);
    expect(isEligible(onCall, queue, 'webchat')).toBe(true);
    expect(isEligible(cand('a', { capacity: { webchat: 1 }, load: { webchat: 1 } }), queue, 'webchat')).toBe(false);
    expect(isEligible(cand('a', { capacity: { webchat: 0 } }), queue, 'webchat')).toBe(false);
  });
});

describe('loadsOf', () => {
  it('counts open assigned conversations and pending offers per channel, not pending or resolved ones', () => {
    const conv = (o: Partial<Conversation>): Conversation => ({ status: 'open', assigneeId: null, lastInboundChannel: 'webchat', channels: ['webchat'], ...o }) as Conversation;
    const a = 'agt_a' as AgentId;
    const loads = loadsOf([
      conv({ assigneeId: a }),
      conv({ assigneeId: a, lastInboundChannel: 'email' }),
      conv({ offer: { agentId: a, attempt: 1, expiresAt: 'x' } }),
      conv({ assigneeId: a, status: 'pending' }),
      conv({ assigneeId: a, status: 'resolved' }),
    ]);
    expect(loads.get(a)).toEqual({ webchat: 2, email: 1 });
  });
});

describe('pickAgent', () => {
  it('least-busy: lowest share of the channel capacity, then fewest conversations overall', () => {
    const agents = [
      cand('a', { load: { webchat: 2 } }), // 2/3
      cand('b', { capacity: { webchat: 6 }, load: { webchat: 2 } }), // 2/6
      cand('c', { capacity: { webchat: 6 }, load: { webchat: 2, email: 1 } }),
    ];
    expect(pickAgent(chat, queue, agents)).toBe('b');
  });

  it('round-robin: the agent offered least recently, never-offered first', () => {
    const agents = [cand('a', { lastOfferedAt: '2025-01-01T10:00:00Z' }), cand('b', { lastOfferedAt: '2025-01-01T09:00:00Z', load: { webchat: 2 } }), cand('c', { lastOfferedAt: '2025-01-01T11:00:00Z' })];
    expect(pickAgent(chat, rr, agents)).toBe('b');
    expect(pickAgent(chat, rr, [...agents, cand('d')])).toBe('d');
  });

  it('returns null when nobody has the skill or spare capacity', () => {
    expect(pickAgent(call, queue, [cand('a', { load: { phone: 1 } }), cand('b', { skills: ['etat-civil'] })])).toBeNull();
  });

  it('passes over agents who declined, and re-asks all but the latest refuser when only they remain', () => {
    const agents = [cand('a'), cand('b'), cand('c')];
    expect(pickAgent({ ...chat, declinedBy: ['a' as AgentId] }, queue, agents)).toBe('b');
    expect(pickAgent({ ...chat, declinedBy: ['a', 'b', 'c'] as AgentId[] }, queue, agents)).toBe('a');
    expect(pickAgent({ ...chat, declinedBy: ['a', 'c', 'b'] as AgentId[] }, queue, [cand('b')])).toBe('b');
  });
});

describe('servingOrder', () => {
  it('serves urgent first, then the longest wait', () => {
    const c = (id: string, priority: Conversation['priority'], since: string) => ({ id, priority, waitingSince: since, openedAt: since }) as Conversation;
    const sorted = [c('1', 'normal', '10:00'), c('2', 'urgent', '11:00'), c('3', 'normal', '09:00')].sort(servingOrder);
    expect(sorted.map((x) => x.id)).toEqual(['2', '3', '1']);
  });
});
