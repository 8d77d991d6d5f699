import { createSlice } from '@reduxjs/toolkit';
import { catchUpCompleted, connectionStatusChanged, sessionReady, type ConnectionStatus } from './actions.js';

export interface ConnectionState {
  status: ConnectionStatus;
  headSeq: number | null;
  lastSeq: number | null;
}

const initialState: ConnectionState = { status: 'idle', headSeq: null, lastSeq: null };

export const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(connectionStatusChanged, (state, action) => {
        state.status = action.payload;
      })
      .addCase(sessionReady, (state, action) => {
        state.headSeq = action.payload.headSeq;
      })
      .addCase(catchUpCompleted, (state, action) => {
        state.lastSeq = action.payload.lastSeq;
      });
  },
});

export const selectConnectionStatus = (state: { connection: ConnectionState }): ConnectionStatus =>
  state.connection.status;
