import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { MentionsPage } from '../../../shared/mention-inbox.js';
import { apiRequest, toFailure, type ApiFailure } from '../../app/api.js';
import { mentionsReadElsewhere, type journalEventReceived } from '../../realtime/actions.js';
import { commandThunk } from '../../realtime/commands.js';

// The bell: internal notes that mentioned me, the server's list (GET /api/mentions) kept fresh
// by the live notes that name me and by my other consoles' read marks (mentions:read).

export interface MentionsState extends MentionsPage {
  status: 'idle' | 'loading' | 'ready' | 'error';
}

export const initialMentionsState: MentionsState = { status: 'idle', items: [], unread: 0 };

export const loadMentions = createAsyncThunk<MentionsPage, void, { rejectValue: ApiFailure }>('mentions/load', async (_, { rejectWithValue }) => {
  try {
    return await apiRequest<MentionsPage>('GET', '/api/mentions');
  } catch (err) {
    return rejectWithValue(toFailure(err));
  }
});

export const markMentionsRead = commandThunk('mentions:mark-read');

export const mentionsSlice = createSlice({
  name: 'mentions',
  initialState: initialMentionsState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      // Another of my consoles marked some read: its answer is the list as it now is.
      .addCase(mentionsReadElsewhere, (state, action) => ({ status: 'ready', ...action.payload }))
      .addCase(loadMentions.pending, (state) => {
        if (state.status !== 'ready') state.status = 'loading';
      })
      .addCase(loadMentions.fulfilled, (state, action) => ({ status: 'ready', ...action.payload }))
      .addCase(loadMentions.rejected, (state) => {
        if (state.status !== 'ready') state.status = 'error';
      })
      .addCase(markMentionsRead.fulfilled, (state, action) => {
        if (action.payload.ok) return { status: 'ready', ...action.payload.data };
        return state;
      });
  },
});

/** A live note that names me: the bell asks the server again (it knows the names and the rule). */
export function mentionsMe(action: ReturnType<typeof journalEventReceived>, me: string): boolean {
  const event = action.payload;
  return event.type === 'note.added' && (event.payload.message.mentions ?? []).includes(me as never);
}

type WithMentions = { mentions: MentionsState };
export const selectMentions = (state: WithMentions): MentionsState => state.mentions;
export const selectUnreadMention = (state: WithMentions, conversationId: string | null): boolean =>
  conversationId !== null && state.mentions.items.some((m) => m.conversationId === conversationId && m.unread);
