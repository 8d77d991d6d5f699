import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { Directory } from '../../shared/api.js';
import type { Agent, Queue } from '../../shared/model.js';
import { apiRequest, toFailure, type ApiFailure } from './api.js';

// Agents and queues: shared by the inbox (filters, assignee names), the conversation header
// (assign select) and the citizen panel, so it lives in app/ rather than in one feature.

export interface DirectoryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  agents: Agent[];
  queues: Queue[];
}

const initialState: DirectoryState = { status: 'idle', agents: [], queues: [] };

export const loadDirectory = createAsyncThunk<Directory, void, { rejectValue: ApiFailure }>(
  'directory/load',
  async (_, { rejectWithValue }) => {
    try {
      return await apiRequest<Directory>('GET', '/api/directory');
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
);

export const directorySlice = createSlice({
  name: 'directory',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(loadDirectory.pending, (state) => {
        state.status = 'loading';
      })
      .addCase(loadDirectory.fulfilled, (state, action) => {
        state.status = 'ready';
        state.agents = action.payload.agents;
        state.queues = action.payload.queues;
      })
      .addCase(loadDirectory.rejected, (state) => {
        state.status = 'error';
      });
  },
});

type WithDirectory = { directory: DirectoryState };
export const selectAgents = (state: WithDirectory): Agent[] => state.directory.agents;
export const selectQueues = (state: WithDirectory): Queue[] => state.directory.queues;
