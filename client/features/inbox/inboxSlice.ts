import { createAsyncThunk, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ConversationDetail, InboxPage } from '../../../shared/api.js';
import type { ConversationId, QueueId } from '../../../shared/ids.js';
import type { JournalEvent } from '../../../shared/journal.js';
import type { Channel, Conversation, ConversationStatus } from '../../../shared/model.js';
import { strongestIdentity, type IdentityStanding } from '../../../shared/identity-levels.js';
import { reduceConversation } from '../../../shared/reducers.js';
import { apiRequest, query, toFailure, type ApiFailure } from '../../app/api.js';
import { assignConversation, markConversationRead, setConversationStatus } from '../../realtime/commands.js';
import { journalEventReceived } from '../../realtime/actions.js';

export type InboxScope = 'all' | 'mine' | 'unassigned' | 'mentions';

export interface InboxFilters {
  queueId: QueueId | null;
  status: ConversationStatus | null;
  channel: Channel | null;
  scope: InboxScope;
}

export interface InboxState {
  /** Every conversation the inbox knows, whatever the filters; the list is a selector over it. */
  entities: Record<string, Conversation>;
  /** How strongly each citizen of those conversations is known, for the rows' badges. */
  levels: Record<string, IdentityStanding>;
  filters: InboxFilters;
  list: {
    status: 'idle' | 'loading' | 'ready' | 'error';
    /** requestId of the page load whose answer counts (older answers are dropped). */
    requestId: string | null;
    nextCursor: string | null;
    /**
     * lastActivityAt of the oldest conversation of the loaded pages for the current filters. Known
     * conversations older than that are hidden until their page is loaded, so the list never shows
     * a hole (one known from another filter, with unloaded ones in between).
     */
    horizon: string | null;
    exhausted: boolean;
    /** How many conversations the server counted for the current filters with the last page; null before it. */
    total: number | null;
    /**
     * Ids the pages for the current filters returned. The total was counted over them and the
     * unloaded rest: a paged conversation no longer listed has left the count, a listed one never
     * paged has joined it since (inboxCount).
     */
    paged: Record<string, true>;
  };
  /** Conversations fetched one by one because a push named one the inbox did not know. */
  fetching: Record<string, true>;
  /** Events for those conversations that arrived while the fetch was in flight. */
  pending: Record<string, JournalEvent[]>;
}

export const PAGE_SIZE = 50;
const MAX_PENDING = 200;

export const initialInboxState: InboxState = {
  entities: {},
  levels: {},
  filters: { queueId: null, status: 'open', channel: null, scope: 'all' },
  list: { status: 'idle', requestId: null, nextCursor: null, horizon: null, exhausted: false, total: null, paged: {} },
  fetching: {},
  pending: {},
};

type WithInbox = { inbox: InboxState };

export const loadInboxPage = createAsyncThunk<
  InboxPage,
  { reset: boolean },
  { state: WithInbox; rejectValue: ApiFailure }
>(
  'inbox/loadPage',
  async ({ reset }, { getState, rejectWithValue, signal }) => {
    const { filters, list } = getState().inbox;
    try {
      return await apiRequest<InboxPage>(
        'GET',
        `/api/conversations${query({
          queueId: filters.queueId,
          status: filters.status,
          channel: filters.channel,
          scope: filters.scope,
          cursor: reset ? null : list.nextCursor,
          limit: PAGE_SIZE,
        })}`,
        undefined,
        { signal },
      );
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
  {
    condition: ({ reset }, { getState }) => {
      const { list } = getState().inbox;
      if (reset) return true;
      return list.status !== 'loading' && !list.exhausted && list.nextCursor !== null;
    },
  },
);

/** Brings in a conversation a push mentioned but no loaded page held (new to the agent's queues). */
export const fetchInboxConversation = createAsyncThunk<
  Conversation,
  ConversationId,
  { state: WithInbox; rejectValue: ApiFailure }
>(
  'inbox/fetchConversation',
  async (id, { rejectWithValue, dispatch }) => {
    try {
      const detail = await apiRequest<ConversationDetail>('GET', `/api/conversations/${encodeURIComponent(id)}`);
      const standing = strongestIdentity(detail.citizen.identities);
      if (standing) dispatch(inboxSlice.actions.citizenLevelKnown({ citizenId: detail.citizen.id, standing }));
      return detail.conversation;
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
  { condition: (id, { getState }) => !getState().inbox.fetching[id] && !getState().inbox.entities[id] },
);

/** Keeps whichever copy is further along the journal (REST answers and pushes race). */
function upsert(state: InboxState, conversation: Conversation): void {
  const current = state.entities[conversation.id];
  if (!current || conversation.lastSeq >= current.lastSeq) state.entities[conversation.id] = conversation;
}

export function applyInboxEvent(state: InboxState, event: JournalEvent): void {
  const id = event.conversationId;
  if (id === undefined) return;
  const current = state.entities[id];
  if (current || event.type === 'conversation.opened') {
    const next = reduceConversation(current, event);
    if (next && next !== current) state.entities[id] = next;
  } else if (state.fetching[id]) {
    const queue = (state.pending[id] ??= []);
    if (queue.length < MAX_PENDING) queue.push(event);
  }
}

export const inboxSlice = createSlice({
  name: 'inbox',
  initialState: initialInboxState,
  reducers: {
    citizenLevelKnown(state, action: PayloadAction<{ citizenId: string; standing: IdentityStanding }>) {
      state.levels[action.payload.citizenId] = action.payload.standing;
    },
    filtersChanged(state, action: PayloadAction<Partial<InboxFilters>>) {
      state.filters = { ...state.filters, ...action.payload };
      state.list = { ...initialInboxState.list };
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(journalEventReceived, (state, action) => applyInboxEvent(state, action.payload))
      .addCase(loadInboxPage.pending, (state, action) => {
        state.list.status = 'loading';
        state.list.requestId = action.meta.requestId;
        if (action.meta.arg.reset) {
          state.list.nextCursor = null;
          state.list.horizon = null;
          state.list.exhausted = false;
          state.list.total = null;
          state.list.paged = {};
        }
      })
      .addCase(loadInboxPage.fulfilled, (state, action) => {
        if (state.list.requestId !== action.meta.requestId) return;
        Object.assign(state.levels, action.payload.levels ?? {});
        for (const c of action.payload.items) {
          upsert(state, c);
          state.list.paged[c.id] = true;
        }
        const oldest = action.payload.items.reduce<string | null>(
          (min, c) => (min === null || c.lastActivityAt < min ? c.lastActivityAt : min),
          null,
        );
        if (oldest !== null && (state.list.horizon === null || oldest < state.list.horizon)) state.list.horizon = oldest;
        state.list.nextCursor = action.payload.nextCursor;
        state.list.exhausted = action.payload.nextCursor === null;
        // An older server sends no total: the count then stays the loaded rows'.
        state.list.total = typeof action.payload.total === 'number' ? action.payload.total : null;
        state.list.status = 'ready';
      })
      .addCase(loadInboxPage.rejected, (state, action) => {
        if (state.list.requestId !== action.meta.requestId) return;
        state.list.status = action.meta.aborted ? 'ready' : 'error';
      })
      .addCase(fetchInboxConversation.pending, (state, action) => {
        state.fetching[action.meta.arg] = true;
      })
      .addCase(fetchInboxConversation.fulfilled, (state, action) => {
        const id = action.meta.arg;
        upsert(state, action.payload);
        // Events that raced the fetch: the shared reducer skips those the snapshot already holds.
        for (const event of state.pending[id] ?? []) applyInboxEvent(state, event);
        delete state.fetching[id];
        delete state.pending[id];
      })
      .addCase(fetchInboxConversation.rejected, (state, action) => {
        delete state.fetching[action.meta.arg];
        delete state.pending[action.meta.arg];
      })
      .addMatcher(
        (action) =>
          assignConversation.fulfilled.match(action) ||
          setConversationStatus.fulfilled.match(action) ||
          markConversationRead.fulfilled.match(action),
        (state, action: PayloadAction<{ ok: true; data: Conversation } | { ok: false }>) => {
          if (action.payload.ok) upsert(state, action.payload.data);
        },
      );
  },
});

export const { filtersChanged } = inboxSlice.actions;
