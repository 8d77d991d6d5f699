import type { ListenerEffectAPI, TypedStartListening } from '@reduxjs/toolkit';
import { canSeeEvent } from '../../shared/access.js';
import type { JournalEvent } from '../../shared/journal.js';
import { can } from '../../shared/permissions.js';
import i18next from 'i18next';
import { alertOf } from '../features/alerts/alertRules.js';
import { notifyDesktop, playChime, tabHidden } from '../features/alerts/alertSignals.js';
import { alertRaised, storeAlertSettings } from '../features/alerts/alertsSlice.js';
import { describeAlert } from '../features/alerts/alertText.js';
import { loadCitizen } from '../features/citizen/citizenSlice.js';
import { pendingSendsRestored, retryInterrupted } from '../features/composer/composerSlice.js';
import { loadPendingSends, savePendingSends } from '../features/composer/pendingSendsStorage.js';
import { conversationClosed, openConversation, refreshConversation } from '../features/conversation/conversationSlice.js';
import { filtersChanged, fetchInboxConversation, loadInboxPage } from '../features/inbox/inboxSlice.js';
import { selectInboxKnows } from '../features/inbox/inboxSelectors.js';
import { checkSession, completeSecondFactor, login, logout } from '../features/session/sessionSlice.js';
import {
  catchUpCompleted,
  journalEventReceived,
  realtimeAuthFailed,
  realtimeConnect,
  realtimeDisconnect,
  sessionReady,
  watchConversation,
} from '../realtime/actions.js';
import { markConversationRead, type RealtimeExtra } from '../realtime/commands.js';
import { sessionExpired } from './actions.js';
import { loadDirectory } from './directorySlice.js';
import { loadMentions, markMentionsRead, mentionsMe, selectUnreadMention } from '../features/mentions/mentionsSlice.js';
import { navigateTo } from './navigation.js';
import { savePreferences } from './preferencesSlice.js';
import type { AppDispatch, RootState } from './store.js';

// Side effects that tie features together. Features never import each other; this file (app/)
// is where "when X happens there, do Y here" is written down.

type StartListening = TypedStartListening<RootState, AppDispatch, RealtimeExtra>;
type Api = ListenerEffectAPI<RootState, AppDispatch, RealtimeExtra>;

/** How long the inbox waits for the socket before loading without it. */
const SOCKET_GRACE_MS = 4000;
const MARK_READ_DELAY_MS = 800;

function pageVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState === 'visible';
}

function markReadSoon(api: Api, conversationId: NonNullable<RootState['conversation']['currentId']>): Promise<void> {
  return (async () => {
    api.cancelActiveListeners();
    await api.delay(MARK_READ_DELAY_MS);
    const c = api.getState().conversation.conversation;
    if (c && c.id === conversationId && c.unreadCount > 0 && pageVisible()) {
      await api.dispatch(markConversationRead({ conversationId }));
    }
  })();
}

export function registerListeners(startListening: StartListening): void {
  // Signed in: open the socket, load the directory; the inbox loads once the socket has caught up
  // (its snapshot is then at least as new as the journal position we start from), or after a grace
  // period without the socket.
  startListening({
    predicate: (action) => login.fulfilled.match(action) || checkSession.fulfilled.match(action) || completeSecondFactor.fulfilled.match(action),
    effect: async (action, api) => {
      if (!login.fulfilled.match(action) && !checkSession.fulfilled.match(action) && !completeSecondFactor.fulfilled.match(action)) return;
      const state = api.getState();
      const role = state.session.agent?.role;
      // Trainers and trainees have no inbox and no live socket; they need staff names for replays.
      if (role && !can(role, 'inbox:read')) {
        if (can(role, 'agents:read') && state.directory.status !== 'ready') void api.dispatch(loadDirectory());
        return;
      }
      const kept = state.session.agent ? loadPendingSends(state.session.agent.id) : [];
      if (kept.length > 0) api.dispatch(pendingSendsRestored(kept));
      api.dispatch(realtimeConnect({ token: action.payload.token }));
      if (state.directory.status !== 'ready') void api.dispatch(loadDirectory());
      const live = await api.condition((_, s) => s.connection.status === 'live', SOCKET_GRACE_MS);
      if (!live && api.getState().inbox.list.status === 'idle') void api.dispatch(loadInboxPage({ reset: true }));
    },
  });

  startListening({
    actionCreator: catchUpCompleted,
    effect: (action, api) => {
      // Live again: what failed for want of an answer goes out now, once.
      void api.dispatch(retryInterrupted());
      const state = api.getState();
      if (action.payload.initial || state.inbox.list.status === 'idle' || state.inbox.list.status === 'error') {
        void api.dispatch(loadInboxPage({ reset: true }));
      }
      // A watched conversation's events may fall outside catch-up's scope; re-read what is on screen.
      if (state.conversation.status === 'ready') void api.dispatch(refreshConversation());
      if (state.citizen.citizenId && state.citizen.status === 'ready') {
        void api.dispatch(loadCitizen(state.citizen.citizenId));
      }
    },
  });

  // A merge or unmerge touching the open citizen (live or caught up): the conversation, its
  // timeline and the citizen's file are read again, so both records' histories fold into one (or
  // part again) on screen without a reload. A catch-up may bring several moves at once: one read.
  startListening({
    actionCreator: journalEventReceived,
    effect: async (action, api) => {
      const { conversation } = api.getState();
      if (!conversation.currentId || !touchesRecords(action.payload, conversation.citizenId, conversation.currentId)) return;
      api.cancelActiveListeners();
      await api.delay(150);
      const id = api.getState().conversation.currentId;
      if (!id) return;
      api.dispatch(conversationClosed());
      const opened = await api.dispatch(openConversation(id));
      // The socket joins the rooms of the record that stands now.
      api.dispatch(watchConversation(id));
      if (openConversation.fulfilled.match(opened)) void api.dispatch(loadCitizen(opened.payload.detail.citizen.id));
    },
  });

  // Pending sends are written through to the browser's storage, so a reload loses no unsent message.
  // A sign-out empties the state, not the storage: the agent finds them at the next sign-in.
  startListening({
    predicate: (_, current, previous) => current.composer.pendingSends !== previous.composer.pendingSends,
    effect: (_, api) => {
      const { session, composer } = api.getState();
      if (session.agent) savePendingSends(session.agent.id, composer.pendingSends);
    },
  });

  // Workstation settings (alerts, layout) are written through to the browser's storage.
  startListening({
    predicate: (_, current, previous) => current.alerts.settings !== previous.alerts.settings,
    effect: (_, api) => storeAlertSettings(api.getState().alerts.settings),
  });
  startListening({
    predicate: (_, current, previous) => current.preferences !== previous.preferences,
    effect: (_, api) => savePreferences(api.getState().preferences),
  });

  startListening({
    actionCreator: filtersChanged,
    effect: (_, api) => {
      void api.dispatch(loadInboxPage({ reset: true }));
    },
  });

  startListening({
    actionCreator: journalEventReceived,
    effect: (action, api) => {
      const event = action.payload;
      const id = event.conversationId;
      if (id === undefined) return;
      const state = api.getState();
      const me = state.session.agent;
      if (!me) return;
      // A push about a conversation no loaded page held (an old one waking up, or one just routed
      // to us): fetch it so it appears at the top of the inbox.
      // An audit record (a replay unmasked) is not activity: it brings nothing back to the inbox.
      if (event.type !== 'conversation.opened' && event.type !== 'replay.unmasked' && !selectInboxKnows(state, id)) {
        // The server's access rule (shared/access.ts): its queue, or assigned to me by this event.
        if (canSeeEvent(me, event, null)) void api.dispatch(fetchInboxConversation(id));
      }
      // Silent monitoring: a supervisor looking over an agent's shoulder never marks anything read.
      if (action.meta.live && event.type === 'message.received' && state.conversation.currentId === id && state.supervisor?.monitoringId !== id) {
        return markReadSoon(api, id);
      }
    },
  });

  // New work gets noticed: an offer, a citizen writing in my conversation, a colleague's mention.
  // Only live pushes: what catch-up brings back after a reconnect is history.
  startListening({
    actionCreator: journalEventReceived,
    effect: (action, api) => {
      if (!action.meta.live) return;
      const state = api.getState();
      const me = state.session.agent;
      if (!me) return;
      const alert = alertOf(action.payload, {
        me: me.id,
        conversation: (id) => state.inbox.entities[id],
        agents: state.directory.agents,
      });
      if (!alert) return;
      const hidden = tabHidden();
      // A message in the conversation on screen, while the agent looks at it, is already seen.
      if (alert.kind === 'message' && !hidden && state.conversation.currentId === alert.conversationId) return;
      api.dispatch(alertRaised({ alert, seen: !hidden }));
      const { settings } = state.alerts;
      if (settings.sound) playChime();
      if (settings.desktop && hidden) {
        const { title, body } = describeAlert(alert, i18next.t);
        notifyDesktop(title, body, `guichet-${alert.conversationId}`, () => navigateTo(`/inbox/${encodeURIComponent(alert.conversationId)}`));
      }
    },
  });

  startListening({
    actionCreator: openConversation.fulfilled,
    effect: (action, api) => {
      const c = action.payload.detail.conversation;
      if (c.unreadCount > 0 && api.getState().supervisor?.monitoringId !== c.id) return markReadSoon(api, c.id);
    },
  });

  // The bell: loaded at each (re)connection, since mentions made while away come back with it;
  // asked again when a live note names me; a conversation opened reads its mention of me.
  startListening({
    actionCreator: sessionReady,
    effect: (_, api) => void api.dispatch(loadMentions()),
  });
  startListening({
    actionCreator: journalEventReceived,
    effect: (action, api) => {
      const me = api.getState().session.agent?.id;
      if (me && mentionsMe(action, me)) void api.dispatch(loadMentions());
    },
  });
  startListening({
    actionCreator: openConversation.fulfilled,
    effect: (action, api) => {
      const id = action.payload.detail.conversation.id;
      if (selectUnreadMention(api.getState(), id)) void api.dispatch(markMentionsRead({ conversationId: id }));
    },
  });

  startListening({
    actionCreator: realtimeAuthFailed,
    effect: async (_, api) => {
      api.cancelActiveListeners();
      const result = await api.dispatch(checkSession());
      if (checkSession.rejected.match(result) && result.payload?.code === 'unauthenticated') {
        api.dispatch(sessionExpired());
      }
    },
  });

  startListening({
    predicate: (action) => logout.fulfilled.match(action) || sessionExpired.match(action),
    effect: (_, api) => {
      api.dispatch(realtimeDisconnect());
    },
  });
}

function touchesRecords(event: JournalEvent, citizenId: string | null, conversationId: string): boolean {
  if (event.type === 'citizen.merged' || event.type === 'citizen.unmerged') {
    return citizenId === event.payload.survivorId || citizenId === event.payload.mergedId;
  }
  if (event.type === 'conversation.moved') {
    return event.conversationId === conversationId || citizenId === event.payload.fromCitizenId || citizenId === event.payload.toCitizenId;
  }
  return false;
}
