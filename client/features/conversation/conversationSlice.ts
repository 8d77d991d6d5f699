import { createAsyncThunk, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Ack } from '../../../shared/ack.js';
import type { ConversationDetail, ConversationElsewhere, TimelinePage } from '../../../shared/api.js';
import type { CitizenId, ConversationId, MessageId } from '../../../shared/ids.js';
import type { JournalEvent } from '../../../shared/journal.js';
import type { Conversation, Message } from '../../../shared/model.js';
import { compareMessages, reduceConversation, reduceTimeline } from '../../../shared/reducers.js';
import { mergeActivity, reduceActivity, type ActivityEvent } from '../../../shared/timeline-activity.js';
import { apiRequest, query, toFailure, type ApiFailure } from '../../app/api.js';
import { citizenTypingChanged, journalEventReceived } from '../../realtime/actions.js';
import {
  addNote,
  assignConversation,
  logCall,
  markConversationRead,
  sendMessage,
  setConversationStatus,
} from '../../realtime/commands.js';

export const TIMELINE_PAGE = 50;
const MAX_STASH = 500;

export interface ConversationState {
  currentId: ConversationId | null;
  status: 'idle' | 'loading' | 'ready' | 'error' | 'not_found';
  conversation: Conversation | null;
  citizenId: CitizenId | null;
  /** The citizen's whole history, all conversations and channels, oldest first. */
  timeline: Message[];
  /** Assignment and status changes over the same history, in seq order (shared/timeline-activity.ts). */
  activity: ActivityEvent[];
  olderCursor: string | null;
  olderStatus: 'idle' | 'loading' | 'error';
  /** The citizen's conversations of other services: shown in the timeline as dates, never read. */
  elsewhere: ConversationElsewhere[];
  /** Events that arrived while the conversation was loading; applied once it is there. */
  stash: JournalEvent[];
  /** Latest inbound message that arrived live for this citizen, for the aria-live region. */
  announcedMessageId: MessageId | null;
  /** When the web-chat citizen last said they were typing here; null once they stopped or sent. */
  citizenTypingAt: number | null;
}

export const initialConversationState: ConversationState = {
  currentId: null,
  status: 'idle',
  conversation: null,
  citizenId: null,
  timeline: [],
  activity: [],
  olderCursor: null,
  olderStatus: 'idle',
  elsewhere: [],
  stash: [],
  announcedMessageId: null,
  citizenTypingAt: null,
};

type WithConversation = { conversation: ConversationState };

interface Opened {
  detail: ConversationDetail;
  page: TimelinePage;
}

/** The conversation's header and the latest page of its citizen's whole timeline. */
async function fetchOpened(id: ConversationId): Promise<Opened> {
  const detail = await apiRequest<ConversationDetail>('GET', `/api/conversations/${encodeURIComponent(id)}`);
  const page = await apiRequest<TimelinePage>(
    'GET',
    `/api/citizens/${encodeURIComponent(detail.citizen.id)}/timeline${query({ limit: TIMELINE_PAGE })}`,
  );
  return { detail, page };
}

export const openConversation = createAsyncThunk<Opened, ConversationId, { rejectValue: ApiFailure }>(
  'conversation/open',
  async (id, { rejectWithValue }) => {
    try {
      return await fetchOpened(id);
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
);

/** After a reconnect: the latest page and the header again, merged with what is there. */
export const refreshConversation = createAsyncThunk<
  Opened,
  void,
  { state: WithConversation; rejectValue: ApiFailure }
>(
  'conversation/refresh',
  async (_, { getState, rejectWithValue }) => {
    const id = getState().conversation.currentId!;
    try {
      return await fetchOpened(id);
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
  { condition: (_, { getState }) => getState().conversation.status === 'ready' },
);

export const loadOlderMessages = createAsyncThunk<
  TimelinePage,
  void,
  { state: WithConversation; rejectValue: ApiFailure }
>(
  'conversation/loadOlder',
  async (_, { getState, rejectWithValue }) => {
    const { citizenId, olderCursor } = getState().conversation;
    try {
      return await apiRequest<TimelinePage>(
        'GET',
        `/api/citizens/${encodeURIComponent(citizenId!)}/timeline${query({ before: olderCursor, limit: TIMELINE_PAGE })}`,
      );
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
  {
    condition: (_, { getState }) => {
      const s = getState().conversation;
      return s.status === 'ready' && s.olderCursor !== null && s.olderStatus !== 'loading';
    },
  },
);

/**
 * Merges messages from a REST page or a command ack into the sorted timeline. Journal events go
 * through the shared reduceTimeline; this only unions snapshots of the same messages, keeping the
 * copy already held (which events may have advanced) when both have it.
 */
export function mergeMessages(timeline: readonly Message[], incoming: readonly Message[]): Message[] {
  const known = new Set(timeline.map((m) => m.id));
  const added = incoming.filter((m) => !known.has(m.id));
  if (added.length === 0) return timeline as Message[];
  return [...timeline, ...added].sort(compareMessages);
}

export function applyConversationEvent(state: ConversationState, event: JournalEvent, live: boolean): void {
  if (state.status === 'loading') {
    if (state.stash.length < MAX_STASH) state.stash.push(event);
    return;
  }
  if (state.status !== 'ready') return;
  if (state.conversation && event.conversationId === state.conversation.id) {
    state.conversation = reduceConversation(state.conversation, event) ?? state.conversation;
  }
  if (event.citizenId === state.citizenId) {
    const before = state.timeline;
    const after = reduceTimeline(before, event);
    if (after !== before) {
      state.timeline = after as Message[];
      if (live && event.type === 'message.received') state.announcedMessageId = event.payload.message.id;
    }
    state.activity = reduceActivity(state.activity, event) as ActivityEvent[];
  }
  // Their message is what they were typing.
  if (event.type === 'message.received' && event.conversationId === state.currentId) state.citizenTypingAt = null;
}

function loaded(state: ConversationState, { detail, page }: Opened): void {
  state.status = 'ready';
  state.conversation = detail.conversation;
  state.citizenId = detail.citizen.id;
  state.timeline = mergeMessages(state.timeline, page.items);
  state.activity = mergeActivity(state.activity, page.activity ?? []) as ActivityEvent[];
  state.olderCursor = page.olderCursor;
  state.elsewhere = page.elsewhere ?? [];
  const stash = state.stash;
  state.stash = [];
  for (const event of stash) applyConversationEvent(state, event, false);
}

export const conversationSlice = createSlice({
  name: 'conversation',
  initialState: initialConversationState,
  reducers: {
    conversationClosed: () => initialConversationState,
  },
  extraReducers: (builder) => {
    builder
      .addCase(journalEventReceived, (state, action) =>
        applyConversationEvent(state, action.payload, action.meta.live),
      )
      .addCase(citizenTypingChanged, (state, action) => {
        if (action.payload.conversationId !== state.currentId) return;
        state.citizenTypingAt = action.payload.typing ? action.payload.at : null;
      })
      .addCase(openConversation.pending, (state, action) => {
        if (state.currentId === action.meta.arg && state.status === 'ready') return;
        // The citizen's timeline is kept until we know whether the next conversation is theirs too.
        return {
          ...initialConversationState,
          currentId: action.meta.arg,
          status: 'loading',
          citizenId: state.citizenId,
          timeline: state.timeline,
          activity: state.activity,
          olderCursor: state.olderCursor,
        };
      })
      .addCase(openConversation.fulfilled, (state, action) => {
        if (state.currentId !== action.meta.arg) return;
        // Navigating within the same citizen keeps the older pages already loaded.
        const sameCitizen = state.citizenId === action.payload.detail.citizen.id && state.timeline.length > 0;
        const olderCursor = state.olderCursor;
        if (!sameCitizen) {
          state.timeline = [];
          state.activity = [];
        }
        loaded(state, action.payload);
        if (sameCitizen) state.olderCursor = olderCursor;
      })
      .addCase(openConversation.rejected, (state, action) => {
        if (state.currentId !== action.meta.arg) return;
        state.status = action.payload?.code === 'not_found' || action.payload?.code === 'forbidden' ? 'not_found' : 'error';
        state.stash = [];
      })
      .addCase(refreshConversation.fulfilled, (state, action) => {
        if (state.currentId !== action.payload.detail.conversation.id) return;
        const fresh = action.payload.detail.conversation;
        if (!state.conversation || fresh.lastSeq >= state.conversation.lastSeq) state.conversation = fresh;
        state.timeline = mergeMessages(state.timeline, action.payload.page.items);
        state.activity = mergeActivity(state.activity, action.payload.page.activity ?? []) as ActivityEvent[];
        state.elsewhere = action.payload.page.elsewhere ?? [];
      })
      .addCase(loadOlderMessages.pending, (state) => {
        state.olderStatus = 'loading';
      })
      .addCase(loadOlderMessages.fulfilled, (state, action) => {
        state.olderStatus = 'idle';
        state.timeline = mergeMessages(state.timeline, action.payload.items);
        state.activity = mergeActivity(state.activity, action.payload.activity ?? []) as ActivityEvent[];
        state.olderCursor = action.payload.olderCursor;
      })
      .addCase(loadOlderMessages.rejected, (state) => {
        state.olderStatus = 'error';
      })
      .addMatcher(
        (action) => sendMessage.fulfilled.match(action) || addNote.fulfilled.match(action) || logCall.fulfilled.match(action),
        (state, action: PayloadAction<Ack<Message>>) => {
          // The ack may beat the push: show the message now; the push is then a no-op.
          if (action.payload.ok && action.payload.data.citizenId === state.citizenId && state.status === 'ready') {
            state.timeline = mergeMessages(state.timeline, [action.payload.data]);
          }
        },
      )
      .addMatcher(
        (action) =>
          assignConversation.fulfilled.match(action) ||
          setConversationStatus.fulfilled.match(action) ||
          markConversationRead.fulfilled.match(action),
        (state, action: PayloadAction<Ack<Conversation>>) => {
          if (!action.payload.ok || !state.conversation) return;
          const fresh = action.payload.data;
          if (fresh.id === state.conversation.id && fresh.lastSeq >= state.conversation.lastSeq) {
            state.conversation = fresh;
          }
        },
      );
  },
});

export const { conversationClosed } = conversationSlice.actions;
