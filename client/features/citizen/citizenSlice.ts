import { createAsyncThunk, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Ack } from '../../../shared/ack.js';
import type { CitizenFile, ConversationElsewhere } from '../../../shared/api.js';
import type { CitizenId } from '../../../shared/ids.js';
import type { JournalEvent } from '../../../shared/journal.js';
import type { Citizen, Conversation } from '../../../shared/model.js';
import { reduceCitizen, reduceConversation } from '../../../shared/reducers.js';
import { apiRequest, toFailure, type ApiFailure } from '../../app/api.js';
import { journalEventReceived } from '../../realtime/actions.js';
import { assignConversation, markConversationRead, setConversationStatus } from '../../realtime/commands.js';

export interface CitizenState {
  citizenId: CitizenId | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  citizen: Citizen | null;
  conversations: Conversation[];
  /** Conversations of other services: dates and channels only (shared/access.ts). */
  elsewhere: ConversationElsewhere[];
  stash: JournalEvent[];
}

export const initialCitizenState: CitizenState = {
  citizenId: null,
  status: 'idle',
  citizen: null,
  conversations: [],
  elsewhere: [],
  stash: [],
};

const MAX_STASH = 200;

export const loadCitizen = createAsyncThunk<CitizenFile, CitizenId, { rejectValue: ApiFailure }>(
  'citizen/load',
  async (id, { rejectWithValue }) => {
    try {
      return await apiRequest<CitizenFile>('GET', `/api/citizens/${encodeURIComponent(id)}`);
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
);

/** The profile edits of the citizen's file (server/http/citizen-routes.ts); each answers with the citizen. */
export type ProfileEdit =
  | { kind: 'rename'; body: { displayName: string } }
  | { kind: 'profile'; body: { preferredChannel?: string | null; language?: string | null } }
  | { kind: 'note'; body: { text: string } }
  | { kind: 'add-identity'; body: { kind: string; value: string } }
  | { kind: 'confirm-identity'; body: { kind: string; value: string; how: string } }
  | { kind: 'remove-identity'; body: { kind: string; value: string; reason?: string } };

const EDIT_ROUTES: Record<ProfileEdit['kind'], ['PUT' | 'PATCH' | 'POST', string]> = {
  rename: ['PUT', 'name'],
  profile: ['PATCH', 'profile'],
  note: ['POST', 'notes'],
  'add-identity': ['POST', 'identities'],
  'confirm-identity': ['POST', 'identities/confirm'],
  'remove-identity': ['POST', 'identities/remove'],
};

export const editCitizen = createAsyncThunk<{ citizen: Citizen }, { citizenId: CitizenId; edit: ProfileEdit }, { rejectValue: ApiFailure }>(
  'citizen/edit',
  async ({ citizenId, edit }, { rejectWithValue }) => {
    const [method, path] = EDIT_ROUTES[edit.kind];
    try {
      return await apiRequest<{ citizen: Citizen }>(method, `/api/citizens/${encodeURIComponent(citizenId)}/${path}`, edit.body);
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
);

export function applyCitizenEvent(state: CitizenState, event: JournalEvent): void {
  if (state.citizenId === null || event.citizenId !== state.citizenId) return;
  if (state.status === 'loading') {
    if (state.stash.length < MAX_STASH) state.stash.push(event);
    return;
  }
  if (state.status !== 'ready') return;
  state.citizen = reduceCitizen(state.citizen ?? undefined, event) ?? state.citizen;
  const id = event.conversationId;
  if (id === undefined) return;
  const i = state.conversations.findIndex((c) => c.id === id);
  const next = reduceConversation(i >= 0 ? state.conversations[i] : undefined, event);
  if (!next) return;
  if (i >= 0) state.conversations[i] = next;
  else state.conversations.push(next);
}

export const citizenSlice = createSlice({
  name: 'citizen',
  initialState: initialCitizenState,
  reducers: {
    citizenCleared: () => initialCitizenState,
  },
  extraReducers: (builder) => {
    builder
      .addCase(journalEventReceived, (state, action) => applyCitizenEvent(state, action.payload))
      .addCase(loadCitizen.pending, (state, action) => {
        if (state.citizenId === action.meta.arg && state.status === 'ready') return;
        return { ...initialCitizenState, citizenId: action.meta.arg, status: 'loading' };
      })
      .addCase(loadCitizen.fulfilled, (state, action) => {
        if (state.citizenId !== action.meta.arg) return;
        const stash = state.stash;
        state.status = 'ready';
        state.citizen = action.payload.citizen;
        // Keep copies already advanced by pushes (a refresh may race them).
        const held = new Map(state.conversations.map((c) => [c.id, c]));
        state.conversations = action.payload.conversations.map((c) => {
          const mine = held.get(c.id);
          return mine && mine.lastSeq > c.lastSeq ? mine : c;
        });
        state.elsewhere = action.payload.elsewhere;
        state.stash = [];
        for (const event of stash) applyCitizenEvent(state, event);
      })
      // The citizen as the edit left them; the push of the same events changes nothing more.
      .addCase(editCitizen.fulfilled, (state, action) => {
        if (state.citizenId === action.meta.arg.citizenId && state.status === 'ready') state.citizen = action.payload.citizen;
      })
      .addCase(loadCitizen.rejected, (state, action) => {
        if (state.citizenId !== action.meta.arg) return;
        if (state.status === 'loading') state.status = 'error';
        state.stash = [];
      })
      .addMatcher(
        (action) =>
          assignConversation.fulfilled.match(action) ||
          setConversationStatus.fulfilled.match(action) ||
          markConversationRead.fulfilled.match(action),
        (state, action: PayloadAction<Ack<Conversation>>) => {
          if (!action.payload.ok) return;
          const fresh = action.payload.data;
          const i = state.conversations.findIndex((c) => c.id === fresh.id);
          if (i >= 0 && fresh.lastSeq >= state.conversations[i]!.lastSeq) state.conversations[i] = fresh;
        },
      );
  },
});

export const { citizenCleared } = citizenSlice.actions;
