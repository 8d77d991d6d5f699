import { createAsyncThunk, createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Channel } from '../../../shared/model.js';
import type { ReplayPage, ReplaySummary } from '../../../shared/replay.js';
import { apiRequest, query, toFailure, type ApiFailure } from '../../app/api.js';
import { slicesReducer } from '../../app/slices.js';

// The trainer's conversation picker. It has its own endpoint: a trainer cannot read the agents'
// inbox, and everything listed here is already masked by the server.

export interface ReplayPickerState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: ReplaySummary[];
  nextCursor: string | null;
  q: string;
  channel: Channel | '';
  multiChannelOnly: boolean;
}

export const initialPickerState: ReplayPickerState = { status: 'idle', items: [], nextCursor: null, q: '', channel: '', multiChannelOnly: false };

type WithPicker = { replayPicker?: ReplayPickerState };

const PAGE = 30;

export const loadPickerPage = createAsyncThunk<ReplayPage, { reset: boolean }, { state: WithPicker; rejectValue: ApiFailure }>(
  'replayPicker/load',
  async ({ reset }, { getState, rejectWithValue }) => {
    const { q, channel, nextCursor } = selectPicker(getState());
    try {
      return await apiRequest<ReplayPage>(
        'GET',
        `/api/replays/conversations${query({ q: q.trim().length >= 2 ? q.trim() : null, channel: channel || null, cursor: reset ? null : nextCursor, limit: PAGE })}`,
      );
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
);

export const replayPickerSlice = createSlice({
  name: 'replayPicker',
  initialState: initialPickerState,
  reducers: {
    pickerQueryChanged(state, action: PayloadAction<string>) {
      state.q = action.payload;
    },
    pickerChannelChanged(state, action: PayloadAction<Channel | ''>) {
      state.channel = action.payload;
    },
    pickerMultiChannelToggled(state, action: PayloadAction<boolean>) {
      state.multiChannelOnly = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadPickerPage.pending, (state) => {
        state.status = 'loading';
      })
      .addCase(loadPickerPage.fulfilled, (state, action) => {
        state.status = 'ready';
        state.items = action.meta.arg.reset ? action.payload.items : [...state.items, ...action.payload.items];
        state.nextCursor = action.payload.nextCursor;
      })
      .addCase(loadPickerPage.rejected, (state) => {
        state.status = 'error';
      });
  },
});

export const { pickerQueryChanged, pickerChannelChanged, pickerMultiChannelToggled } = replayPickerSlice.actions;

// Joins the store with the page that needs it (see app/slices.ts).
export const replayPickerInjected = replayPickerSlice.injectInto(slicesReducer);
export const selectPicker = (state: WithPicker): ReplayPickerState => replayPickerInjected.selectSlice(state);
/** Multi-channel filter applies to what is loaded: channel lists come with each row. */
export const selectPickerItems = createSelector([selectPicker], (picker): ReplaySummary[] =>
  picker.multiChannelOnly ? picker.items.filter((i) => i.channels.length > 1) : picker.items,
);
