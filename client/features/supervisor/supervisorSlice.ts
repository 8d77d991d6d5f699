import { createAsyncThunk, createSlice, isDraft, original, type PayloadAction } from '@reduxjs/toolkit';
import type { Ack } from '../../../shared/ack.js';
import { foldBoard, isUnknownTo, reduceBoard, type BoardState } from '../../../shared/board.js';
import type { SetAgentStateCommand, WhisperCommand } from '../../../shared/commands.js';
import type { AgentStatus } from '../../../shared/agent-status.js';
import type { ConversationId } from '../../../shared/ids.js';
import type { EventOfType, JournalEvent } from '../../../shared/journal.js';
import { journalEventReceived } from '../../realtime/actions.js';
import type { RealtimeExtra } from '../../realtime/commands.js';
import { slicesReducer } from '../../app/slices.js';

export interface WhisperEntry {
  whisperId: string;
  conversationId: ConversationId;
  text: string;
  at: string;
  fromName: string;
}

export interface SupervisorState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  board: BoardState | null;
  /** A snapshot is on its way (first load or after a reconnect). */
  loading: boolean;
  /**
   * A push concerned a conversation the board does not hold (trimmed from the snapshot as done
   * with, then reopened; or a push that overtook its opening): the board asks for a new snapshot.
   */
  stale: boolean;
  /** Pushes received while the snapshot is on its way: folded onto it (the fold is idempotent). */
  pending: JournalEvent[];
  /**
   * The conversation a supervisor has open in monitor mode: app/ listeners read it to never mark
   * it read, so the agent's unread badge stays what the agent left it.
   */
  monitoringId: ConversationId | null;
  /** Whispers this console received (the agent's side), per conversation, oldest first. */
  whispers: Record<string, WhisperEntry[]>;
}

export const initialSupervisorState: SupervisorState = { status: 'idle', board: null, loading: false, stale: false, pending: [], monitoringId: null, whispers: {} };

const MAX_PENDING = 5000;

// The fold copies records by spreading; on an Immer draft that would draft every conversation on
// every push. Folding the plain base and assigning the result keeps each push O(1) drafts.
function plain(board: BoardState): BoardState {
  return isDraft(board) ? (original(board) as BoardState) : board;
}

/** The server's fold of the journal, then live pushes folded on the client with the same function. */
export const loadBoard = createAsyncThunk<Ack<BoardState>, void, { extra: RealtimeExtra }>('supervisor/loadBoard', (_, { extra }) =>
  extra.realtime.command('board:snapshot', {}),
);

/** The agent's whispers of a conversation from the journal: pushes received before a reload are gone. */
export const loadWhispers = createAsyncThunk<Ack<EventOfType<'whisper.sent'>[]>, ConversationId, { extra: RealtimeExtra }>(
  'supervisor/loadWhispers',
  (conversationId, { extra }) => extra.realtime.command('whisper:list', { conversationId }),
);

/** A supervisor puts an agent in another state (routing follows); the board shows it from the push. */
export const setAgentState = createAsyncThunk<Ack<AgentStatus | null>, SetAgentStateCommand, { extra: RealtimeExtra }>(
  'supervisor/setAgentState',
  (cmd, { extra }) => extra.realtime.command('agent:set-state', cmd),
);

export const sendWhisper = createAsyncThunk<Ack<EventOfType<'whisper.sent'>>, WhisperCommand, { extra: RealtimeExtra }>(
  'supervisor/whisper',
  (cmd, { extra }) => extra.realtime.command('whisper:send', cmd),
);

function addWhisper(state: SupervisorState, event: EventOfType<'whisper.sent'>): void {
  const conversationId = event.conversationId;
  if (conversationId === undefined) return;
  const list = (state.whispers[conversationId] ??= []);
  if (list.some((w) => w.whisperId === event.payload.whisperId)) return;
  list.push({ whisperId: event.payload.whisperId, conversationId, text: event.payload.text, at: event.at, fromName: event.actor.name ?? '' });
}

export const supervisorSlice = createSlice({
  name: 'supervisor',
  initialState: initialSupervisorState,
  reducers: {
    monitoringStarted(state, action: PayloadAction<ConversationId>) {
      state.monitoringId = action.payload;
    },
    monitoringStopped(state) {
      state.monitoringId = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadBoard.pending, (state) => {
        // A reload (reconnect) keeps showing the old figures until the new snapshot lands.
        if (state.status !== 'ready') state.status = 'loading';
        state.loading = true;
        state.stale = false;
        state.pending = [];
      })
      .addCase(loadWhispers.fulfilled, (state, action) => {
        if (!action.payload.ok) return;
        for (const event of action.payload.data) addWhisper(state, event);
        state.whispers[action.meta.arg]?.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      })
      .addCase(loadBoard.rejected, (state) => {
        state.loading = false;
        state.status = state.board ? 'ready' : 'error';
      })
      .addCase(loadBoard.fulfilled, (state, action) => {
        state.loading = false;
        if (!action.payload.ok) {
          state.status = state.board ? 'ready' : 'error';
          return;
        }
        state.board = foldBoard(state.pending, action.payload.data);
        state.pending = [];
        state.status = 'ready';
      })
      .addCase(journalEventReceived, (state, action) => {
        const event = action.payload;
        if (event.type === 'whisper.sent') addWhisper(state, event);
        if (state.board) {
          if (!state.loading && isUnknownTo(state.board, event)) state.stale = true;
          state.board = reduceBoard(plain(state.board), event);
        }
        // Until the snapshot lands, pushes also wait for it: the snapshot may predate them.
        if (state.loading && state.pending.length < MAX_PENDING) state.pending.push(event);
      });
  },
});

export const { monitoringStarted, monitoringStopped } = supervisorSlice.actions;

// Joins the store with the page that needs it (see app/slices.ts).
export const supervisorInjected = supervisorSlice.injectInto(slicesReducer);
