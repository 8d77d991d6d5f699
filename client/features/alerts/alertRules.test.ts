import { describe, expect, it } from 'vitest';
import type { ConversationId } from '../../../shared/ids.js';
import { at, CONV, CONV2, ME, message, noteAdded, offered, OTHER_AGENT, received } from '../../testing/fixtures.js';
import { alertOf, type AlertContext } from './alertRules.js';

const ctx: AlertContext = {
  me: ME,
  conversation: (id: ConversationId) =>
    id === CONV ? { assigneeId: ME, citizenName: 'Jeanne Martin' } : id === CONV2 ? { assigneeId: OTHER_AGENT, citizenName: 'Paul Roux' } : undefined,
  agents: [
    { id: ME, displayName: 'Camille Martin' },
    { id: OTHER_AGENT, displayName: 'Karim Haddad' },
  ],
};

describe('alertOf', () => {
  it('raises one for an offer made to me, never for an offer to a colleague', () => {
    expect(alertOf(offered({ seq: 3, agentId: ME, expiresAt: at(2) }), ctx)).toEqual({ id: 3, kind: 'offer', conversationId: CONV, citizenName: 'Jeanne Martin' });
    expect(alertOf(offered({ seq: 4, agentId: OTHER_AGENT, expiresAt: at(2) }), ctx)).toBeNull();
  });

  it('raises one for a citizen writing in my conversation, not in a colleague’s or an unknown one', () => {
    expect(alertOf(received({ seq: 5, message: message({ id: 'm1', channel: 'whatsapp' }) }), ctx)).toMatchObject({ kind: 'message', channel: 'whatsapp', citizenName: 'Jeanne Martin' });
    expect(alertOf(received({ seq: 6, conversationId: CONV2, message: message({ id: 'm2', conversationId: CONV2 }) }), ctx)).toBeNull();
    expect(alertOf(received({ seq: 7, conversationId: 'conv_x' as ConversationId, message: message({ id: 'm3' }) }), ctx)).toBeNull();
  });

  it('raises one for a colleague’s note that mentions me, not for my own note or a note without me', () => {
    const note = (seq: number, text: string, authorId: string) =>
      noteAdded({ seq, conversationId: CONV2, message: message({ id: `n${seq}`, conversationId: CONV2, direction: 'note', author: { kind: 'agent', id: authorId }, text }) });
    expect(alertOf(note(8, 'Tu peux voir, @Camille ?', OTHER_AGENT), ctx)).toEqual({ id: 8, kind: 'mention', conversationId: CONV2, citizenName: 'Paul Roux', by: 'Karim Haddad' });
    expect(alertOf(note(9, 'Note pour @Camille', ME), ctx)).toBeNull();
    expect(alertOf(note(10, 'Rappel demain, @Karim', OTHER_AGENT), ctx)).toBeNull();
  });

  it('follows the mentions the server decided over the text, when the note carries them', () => {
    const note = (seq: number, text: string, mentions: string[]) =>
      noteAdded({ seq, conversationId: CONV2, message: message({ id: `n${seq}`, conversationId: CONV2, direction: 'note', author: { kind: 'agent', id: OTHER_AGENT }, text, mentions: mentions as never }) });
    expect(alertOf(note(11, 'Pour @Camille', []), ctx)).toBeNull();
    expect(alertOf(note(12, 'Pour @Camille Martin', [ME]), ctx)).toMatchObject({ kind: 'mention', by: 'Karim Haddad' });
  });
});
