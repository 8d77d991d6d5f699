import type { MentionsPage } from '../../shared/mention-inbox.js';
import { createAction } from '@reduxjs/toolkit';
import type { ConversationId } from '../../shared/ids.js';
import type { JournalEvent } from '../../shared/journal.js';
import type { Agent } from '../../shared/model.js';
import type { PresenceChanged } from '../../shared/presence.js';

// Actions of the realtime layer. Feature slices listen to these with extraReducers; they never
// touch the socket themselves.

/**
 * One journal event, applied exactly once and in seq order (see sync.ts). `live` is false for
 * events replayed by catch-up: they update state but are not announced as new.
 */
export const journalEventReceived = createAction(
  'realtime/journalEventReceived',
  (event: JournalEvent, live = true) => ({ payload: event, meta: { live } }),
);

export const realtimeConnect = createAction<{ token: string }>('realtime/connect');
export const realtimeDisconnect = createAction('realtime/disconnect');

export type ConnectionStatus = 'idle' | 'connecting' | 'syncing' | 'live' | 'reconnecting';
export const connectionStatusChanged = createAction<ConnectionStatus>('realtime/statusChanged');

export const sessionReady = createAction<{ agent: Agent; headSeq: number }>('realtime/sessionReady');

/** Catch-up is over and pushes apply live again; `initial` on the first connection of the session. */
export const catchUpCompleted = createAction<{ lastSeq: number; initial: boolean }>('realtime/catchUpCompleted');

/** The server refused the socket (expired session): the app re-checks the session. */
export const realtimeAuthFailed = createAction('realtime/authFailed');

/** Ask for live pushes of a conversation outside the agent's queues; kept across reconnects. */
export const watchConversation = createAction<ConversationId>('realtime/watch');
export const unwatchConversation = createAction<ConversationId>('realtime/unwatch');

/** A web-chat citizen started or stopped typing; ephemeral (never journaled), so it carries its time. */
export const citizenTypingChanged = createAction(
  'realtime/citizenTyping',
  (info: { conversationId: ConversationId; typing: boolean }, at: number = Date.now()) => ({ payload: { ...info, at } }),
);

/** The agent is writing a web-chat reply; the middleware tells the server, at most every few seconds. */
export const agentTyping = createAction<{ conversationId: ConversationId; typing: boolean }>('realtime/agentTyping');

/** Who has a conversation open and what they write (collision indicators; ephemeral, never journaled). */
export const presenceChanged = createAction<PresenceChanged>('realtime/presenceChanged');
/** My mentions were marked read from another of my consoles (mentions:read): the bell's list as it now is. */
export const mentionsReadElsewhere = createAction<MentionsPage>('realtime/mentionsReadElsewhere');
