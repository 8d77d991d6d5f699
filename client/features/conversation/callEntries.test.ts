import { describe, expect, it } from 'vitest';
import type { MessageId } from '../../../shared/ids.js';
import type { JournalEvent } from '../../../shared/journal.js';
import { journalEventReceived } from '../../realtime/actions.js';
import { logCall } from '../../realtime/commands.js';
import { at, CIT, citizen, conversation, CONV, message, QUEUE } from '../../testing/fixtures.js';
import { conversationSlice, initialConversationState, openConversation, type ConversationState } from './conversationSlice.js';

const reducer = conversationSlice.reducer;
const call = message({
  id: 'msg_call',
  at: at(1),
  channel: 'phone',
  kind: 'call',
  text: 'Appel entrant — en cours',
  call: { from: '+33612345678', to: '+33140000000', startedAt: at(1), outcome: 'ringing' },
});

function open(): ConversationState {
  const s = reducer(initialConversationState, openConversation.pending('o1', CONV));
  return reducer(
    s,
    openConversation.fulfilled({ detail: { conversation: conversation({ lastSeq: 2, waitingSince: null, unreadCount: 0 }), citizen: citizen() }, page: { items: [call], olderCursor: null, newerCursor: null } }, 'o1', CONV),
  );
}

const env = (seq: number, minute: number) => ({ seq, at: at(minute), actor: { kind: 'system' as const }, citizenId: CIT, conversationId: CONV, queueId: QUEUE });

describe('call entries in the open conversation', () => {
  it('follows a call live through call.updated and call.summarized, and flags the call-back', () => {
    const missed: JournalEvent = {
      ...env(3, 2),
      type: 'call.updated',
      payload: { messageId: call.id, direction: 'inbound', previousOutcome: 'ringing', call: { ...call.call!, outcome: 'missed', endedAt: at(2) }, text: 'Appel entrant — manqué, à rappeler' },
    };
    const summary: JournalEvent = { ...env(4, 3), type: 'call.summarized', payload: { messageId: call.id as MessageId, summary: 'Rappeler avant midi' } };
    let s = reducer(open(), journalEventReceived(missed, true));
    s = reducer(s, journalEventReceived(summary, true));
    expect(s.timeline).toHaveLength(1);
    expect(s.timeline[0]).toMatchObject({ text: 'Appel entrant — manqué, à rappeler', call: { outcome: 'missed', summary: 'Rappeler avant midi' } });
    expect(s.conversation).toMatchObject({ tags: ['callback'], unreadCount: 1, waitingSince: at(2) });
  });

  it('shows a call logged by hand as soon as the server acknowledges it', () => {
    const logged = message({ id: 'msg_logged', at: at(5), channel: 'phone', kind: 'call', direction: 'outbound', call: { from: '', to: '+33612345678', startedAt: at(4), outcome: 'answered' } });
    const args = { conversationId: CONV, direction: 'outbound' as const, outcome: 'answered' as const, clientMessageId: 'client-log-1' };
    const s = reducer(open(), logCall.fulfilled({ ok: true, data: logged }, 'r1', args));
    expect(s.timeline.map((m) => m.id)).toEqual(['msg_call', 'msg_logged']);
  });
});
