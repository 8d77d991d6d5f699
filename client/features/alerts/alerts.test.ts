import { afterEach, describe, expect, it } from 'vitest';
import { rootReducer, makeStore } from '../../app/store.js';
import { journalEventReceived } from '../../realtime/actions.js';
import type { Realtime } from '../../realtime/realtime.js';
import { agent, at, conversation, CONV, CONV2, ME, message, noteAdded, offered, OTHER_AGENT, received } from '../../testing/fixtures.js';
import { alertsSeen } from './alertsSlice.js';

// The console's alert flow with the app's real listeners and reducers: which pushes raise an
// alert, how the tab's count moves, and that catch-up never does.

const realtime = { middleware: () => (next: (a: unknown) => unknown) => (action: unknown) => next(action), sync: null } as unknown as Realtime;

function signedInConsole() {
  const base = rootReducer(undefined, { type: 'init' });
  return makeStore(
    {
      ...base,
      session: { ...base.session, status: 'authenticated', agent: { ...agent, displayName: 'Camille Martin' } },
      directory: { status: 'ready', queues: [], agents: [agent, { id: OTHER_AGENT, email: 'k@mairie.example', displayName: 'Karim Haddad', role: 'agent', queueIds: [] }] },
      inbox: {
        ...base.inbox,
        entities: { [CONV]: conversation({ id: CONV, assigneeId: ME, citizenName: 'Jeanne Martin' }), [CONV2]: conversation({ id: CONV2, assigneeId: OTHER_AGENT, citizenName: 'Paul Roux' }) },
      },
    },
    { realtime },
  );
}

const hide = (hidden: boolean) => {
  (globalThis as { document?: unknown }).document = { visibilityState: hidden ? 'hidden' : 'visible' };
};
afterEach(() => {
  delete (globalThis as { document?: unknown }).document;
});

describe('alerts', () => {
  it('counts in the tab only what came while the tab was hidden, and clears when seen', () => {
    const store = signedInConsole();
    hide(false);
    store.dispatch(journalEventReceived(offered({ seq: 10, agentId: ME, expiresAt: at(5) }), true));
    expect(store.getState().alerts.latest).toMatchObject({ id: 10, kind: 'offer', citizenName: 'Jeanne Martin' });
    expect(store.getState().alerts.unseen).toBe(0);

    hide(true);
    store.dispatch(journalEventReceived(received({ seq: 11, message: message({ id: 'm11' }) }), true));
    const note = message({ id: 'n12', conversationId: CONV2, direction: 'note', author: { kind: 'agent', id: OTHER_AGENT }, text: '@Camille tu regardes ?' });
    store.dispatch(journalEventReceived(noteAdded({ seq: 12, conversationId: CONV2, message: note }), true));
    expect(store.getState().alerts.unseen).toBe(2);
    expect(store.getState().alerts.latest).toMatchObject({ id: 12, kind: 'mention', by: 'Karim Haddad' });

    store.dispatch(alertsSeen());
    expect(store.getState().alerts.unseen).toBe(0);
  });

  it('raises nothing for what catch-up brings back, nor for a colleague’s work', () => {
    const store = signedInConsole();
    hide(true);
    store.dispatch(journalEventReceived(offered({ seq: 20, agentId: ME, expiresAt: at(5) }), false));
    store.dispatch(journalEventReceived(received({ seq: 21, conversationId: CONV2, message: message({ id: 'm21', conversationId: CONV2 }) }), true));
    expect(store.getState().alerts).toMatchObject({ latest: null, unseen: 0 });
  });

  it('starts with the sound off', () => {
    expect(signedInConsole().getState().alerts.settings).toEqual({ sound: false, desktop: false });
  });
});
