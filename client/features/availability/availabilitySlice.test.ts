import { describe, expect, it } from 'vitest';
import type { AgentId, CitizenId, ConversationId, QueueId } from '../../../shared/ids.js';
import type { JournalEvent } from '../../../shared/journal.js';
import { journalEventReceived, sessionReady } from '../../realtime/actions.js';
import { acceptOffer } from '../../realtime/commands.js';
import { initialAvailabilityState, availabilitySlice } from './availabilitySlice.js';

const reducer = availabilitySlice.reducer;
const me = 'agt_me' as AgentId;
const other = 'agt_other' as AgentId;
const conv = 'conv_1' as ConversationId;
const env = (seq: number) => ({ seq, at: '2026-01-05T09:00:00.000Z', actor: { kind: 'system' as const }, citizenId: 'cit_1' as CitizenId, conversationId: conv, queueId: 'que_1' as QueueId });
const offered = (seq: number, agentId: AgentId): JournalEvent => ({ ...env(seq), type: 'conversation.offered', payload: { agentId, attempt: seq, expiresAt: 'T' } });
const ready = sessionReady({ agent: { id: me, email: 'me@x', displayName: 'Me', role: 'agent', queueIds: [] }, headSeq: 0 });

describe('availabilitySlice', () => {
  it('follows my own state and ignores other agents’', () => {
    let s = reducer(initialAvailabilityState, ready);
    const changed = (agentId: AgentId, state: 'away' | 'busy'): JournalEvent => ({ seq: 2, at: 'T', actor: { kind: 'agent' }, type: 'agent.state-changed', payload: { agentId, state, previousState: 'available', source: 'agent' } });
    s = reducer(s, journalEventReceived(changed(me, 'away')));
    s = reducer(s, journalEventReceived(changed(other, 'busy')));
    expect(s.state).toBe('away');
  });

  it('lists offers made to me until they are answered, expired or assigned', () => {
    let s = reducer(initialAvailabilityState, ready);
    s = reducer(s, journalEventReceived(offered(1, other)));
    expect(s.offers).toEqual([]);
    s = reducer(s, journalEventReceived(offered(2, me)));
    expect(s.offers).toEqual([{ conversationId: conv, attempt: 2, expiresAt: 'T' }]);
    s = reducer(s, journalEventReceived({ ...env(3), type: 'conversation.offer-declined', payload: { agentId: me, attempt: 2, reason: 'timeout' } }));
    expect(s.offers).toEqual([]);
    s = reducer(s, journalEventReceived(offered(4, me)));
    s = reducer(s, acceptOffer.fulfilled({ ok: true, data: {} as never }, 'r', { conversationId: conv }));
    expect(s.offers).toEqual([]);
  });
});
