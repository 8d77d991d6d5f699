// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AgentId, CitizenId } from '../../../shared/ids.js';
import type { Identity } from '../../../shared/model.js';
import { connectionStatusChanged, journalEventReceived } from '../../realtime/actions.js';
import { FakeSocket } from '../../testing/fakeSocket.js';
import { agent, CIT, CIT2, CONV, CONV2, message, ME, OTHER_AGENT, sent } from '../../testing/fixtures.js';
import { renderWithProviders } from '../../testing/renderWithProviders.js';
import { collisionSlice, initialCollisionState, sentMeanwhile } from './collisionSlice.js';
import { draftTextChanged, sendQueued } from './composerSlice.js';
import { Composer } from './Composer.js';
import { activityOf, TYPING_IDLE_MS } from './useCollisionPresence.js';

const identities: Identity[] = [{ kind: 'email', value: 'jeanne@example.fr', level: 'channel' }];
const reply = (seq: number, author: AgentId, citizenId: CitizenId = CIT, conversationId = CONV) =>
  sent({ seq, citizenId, conversationId, message: message({ id: `msg_${seq}`, citizenId, conversationId, direction: 'outbound', author: { kind: 'agent', id: author, name: author === ME ? 'Camille' : 'Léa Dubois' } }) });

describe('collision state', () => {
  const reduce = collisionSlice.reducer;

  it('counts a colleague\'s reply to the citizen heard after the draft began, on any of their conversations', () => {
    let s = reduce(initialCollisionState, journalEventReceived(reply(1, OTHER_AGENT)));
    s = reduce(s, draftTextChanged({ conversationId: CONV, text: 'Bonjour' }));
    expect(sentMeanwhile(s, CONV, CIT, ME)).toEqual([]);
    s = reduce(s, journalEventReceived(reply(2, ME)));
    s = reduce(s, journalEventReceived(reply(3, OTHER_AGENT, CIT2, CONV2)));
    s = reduce(s, journalEventReceived(reply(4, OTHER_AGENT, CIT, CONV2)));
    // Heard twice (a push, then a catch-up page): once.
    s = reduce(s, journalEventReceived(reply(4, OTHER_AGENT, CIT, CONV2), false));
    expect(sentMeanwhile(s, CONV, CIT, ME).map((o) => [o.seq, o.conversationId, o.authorName])).toEqual([[4, CONV2, 'Léa Dubois']]);
    // Another key stroke does not move the start; an emptied or sent draft starts again.
    s = reduce(s, draftTextChanged({ conversationId: CONV, text: 'Bonjour Madame' }));
    expect(sentMeanwhile(s, CONV, CIT, ME)).toHaveLength(1);
    s = reduce(s, sendQueued({ clientMessageId: 'c1234567', conversationId: CONV, mode: 'reply', channel: 'email', text: 'x', status: 'sending', error: null, createdAt: '' }));
    expect(sentMeanwhile(s, CONV, CIT, ME)).toEqual([]);
  });

  it('derives the activity from the composer: typing a reply, a note, or idle', () => {
    const now = 1_000_000;
    expect(activityOf('reply', 'Bonjour', now - 100, now)).toBe('replying');
    expect(activityOf('note', 'Vu avec', now - 100, now)).toBe('noting');
    expect(activityOf('reply', '', now - 100, now)).toBe('viewing');
    expect(activityOf('reply', 'Bonjour', now - TYPING_IDLE_MS - 1, now)).toBe('viewing');
    expect(activityOf('call', 'x', now, now)).toBe('viewing');
  });
});

function renderLive(socket = new FakeSocket()) {
  const view = renderWithProviders(<Composer conversationId={CONV} identities={identities} lastInboundChannel="email" canReply citizenId={CIT} />, { socket });
  act(() => {
    // The session feature's own action, by its type: features do not import each other.
    view.store.dispatch({ type: 'session/check/fulfilled', payload: { agent, token: 't', expiresAt: '2099-01-01T00:00:00Z' } });
    view.store.dispatch(connectionStatusChanged('live'));
  });
  return view;
}

describe('Composer collision', () => {
  it('announces viewing then replying, and shows colleagues from the pushed list (not me)', async () => {
    const socket = new FakeSocket();
    socket.onCommand = async (name, payload) =>
      name === 'presence:set' ? { ok: true, data: { conversationId: CONV, present: [] } } : { ok: true, data: payload };
    const { user } = renderLive(socket);
    await waitFor(() => expect(socket.emitted).toContainEqual({ name: 'presence:set', payload: { conversationId: CONV, activity: 'viewing' } }));
    await user.type(screen.getByRole('textbox', { name: 'Votre réponse au citoyen' }), 'Bon');
    await waitFor(() => expect(socket.emitted).toContainEqual({ name: 'presence:set', payload: { conversationId: CONV, activity: 'replying' } }));

    const line = screen.getByTestId('collision-line');
    expect(line.getAttribute('aria-live')).toBe('polite');
    act(() =>
      socket.serve('presence:changed', {
        conversationId: CONV,
        present: [
          { agentId: ME, name: 'Camille', activity: 'replying', since: '2026-12-04T10:00:00Z' },
          { agentId: OTHER_AGENT, name: 'Léa Dubois', activity: 'noting', since: '2026-12-04T10:00:01Z' },
        ],
      }),
    );
    expect(line.textContent).toBe('Léa Dubois rédige une note');
    act(() => socket.serve('presence:changed', { conversationId: CONV, present: [] }));
    expect(line.textContent).toBe('');
  });

  it('asks before sending when a colleague replied to this citizen since the draft began; one click more sends', async () => {
    const socket = new FakeSocket();
    socket.onCommand = async (name) => (name === 'presence:set' ? { ok: true, data: { conversationId: CONV, present: [] } } : { ok: true, data: message({ id: 'msg_x' }) });
    const { user, store } = renderLive(socket);
    await user.type(screen.getByRole('textbox', { name: 'Votre réponse au citoyen' }), 'Votre acte est prêt');
    act(() => void store.dispatch(journalEventReceived(reply(7, OTHER_AGENT, CIT, CONV2))));
    await user.click(screen.getByRole('button', { name: 'Envoyer' }));
    const warning = screen.getByTestId('composer-sent-meanwhile');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('Léa Dubois a répondu à ce citoyen depuis que vous avez commencé ce brouillon');
    expect(socket.emitted.some((e) => e.name === 'message:send')).toBe(false);
    const sendAnyway = within(warning).getByRole('button', { name: 'Envoyer quand même' });
    expect(document.activeElement).toBe(sendAnyway);
    await user.click(sendAnyway);
    expect(socket.emitted.filter((e) => e.name === 'message:send')).toHaveLength(1);
    expect(screen.queryByTestId('composer-sent-meanwhile')).toBeNull();
  });
});
