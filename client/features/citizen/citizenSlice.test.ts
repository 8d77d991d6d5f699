import { describe, expect, it } from 'vitest';
import type { EventOfType } from '../../../shared/journal.js';
import { journalEventReceived } from '../../realtime/actions.js';
import { at, CIT, CIT2, citizen, conversation, CONV, CONV2, message, opened, received } from '../../testing/fixtures.js';
import { selectCitizenConversations, selectConversationLabels } from './citizenSelectors.js';
import { citizenSlice, initialCitizenState, loadCitizen } from './citizenSlice.js';

const reducer = citizenSlice.reducer;

function loaded() {
  let s = reducer(initialCitizenState, loadCitizen.pending('l', CIT));
  s = reducer(s, loadCitizen.fulfilled({ citizen: citizen(), conversations: [conversation({ subject: 'Acte de naissance' })], elsewhere: [] }, 'l', CIT));
  return s;
}

const linked = (seq: number): EventOfType<'identity.linked'> => ({
  seq,
  at: at(seq),
  actor: { kind: 'system' },
  citizenId: CIT,
  type: 'identity.linked',
  payload: { identity: { kind: 'whatsapp', value: '+33612345678', level: 'unverified' } },
});

describe('citizen slice', () => {
  it('links identities with the shared reduceCitizen (idempotent)', () => {
    let s = reducer(loaded(), journalEventReceived(linked(4)));
    s = reducer(s, journalEventReceived(linked(4)));
    expect(s.citizen!.identities.map((i) => i.kind)).toEqual(['email', 'whatsapp']);
  });

  it('adds a newly opened conversation and updates existing ones', () => {
    let s = reducer(loaded(), journalEventReceived(opened({ seq: 5, conversationId: CONV2, channel: 'webchat' })));
    s = reducer(s, journalEventReceived(received({ seq: 6, message: message({ id: 'msg_6', at: at(6), text: 'Merci' }) })));
    expect(s.conversations.map((c) => c.id).sort()).toEqual([CONV, CONV2].sort());
    expect(s.conversations.find((c) => c.id === CONV)!.preview).toBe('Merci');
    const state = { citizen: s };
    expect(selectCitizenConversations(state).map((c) => c.id)).toEqual([CONV, CONV2]);
    expect(selectConversationLabels(state)[CONV]).toBe('Acte de naissance');
  });

  it("ignores other citizens' events and stashes while loading", () => {
    let s = reducer(initialCitizenState, loadCitizen.pending('l', CIT));
    s = reducer(s, journalEventReceived(linked(3)));
    s = reducer(s, journalEventReceived({ ...linked(4), citizenId: CIT2 }));
    s = reducer(s, loadCitizen.fulfilled({ citizen: citizen(), conversations: [], elsewhere: [] }, 'l', CIT));
    expect(s.citizen!.identities).toHaveLength(2);
    expect(s.stash).toEqual([]);
  });
});
