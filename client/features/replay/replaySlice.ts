import { refusalOf, type Refusal } from '../../ui/errorText.js';
import { createAsyncThunk, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Annotation, ReplayData, ReplayRef } from '../../../shared/replay.js';
import { apiRequest, toFailure, type ApiFailure } from '../../app/api.js';
import { buildPlayline, indexAt, instantAt, positionOf, SPEEDS, type Playline, type Speed } from './playline.js';

export interface ReplayState {
  ref: ReplayRef | null;
  status: 'idle' | 'loading' | 'ready' | 'error' | 'forbidden' | 'not_found';
  data: ReplayData | null;
  /** Derived from data.events once, at load: reducers need it to step and to stop at the end. */
  line: Playline | null;
  /** Playback position on the compressed axis (ms at ×1). */
  position: number;
  playing: boolean;
  speed: Speed;
  unmask: 'idle' | 'pending' | 'error';
  annotation: { pending: boolean; error: Refusal | null };
}

export const initialReplayState: ReplayState = {
  ref: null,
  status: 'idle',
  data: null,
  line: null,
  position: 0,
  playing: false,
  speed: 4,
  unmask: 'idle',
  annotation: { pending: false, error: null },
};

type WithReplay = { replay: ReplayState };

const pathOf = (ref: ReplayRef) => `/api/replays/${ref.kind}/${encodeURIComponent(ref.id)}`;

export const loadReplay = createAsyncThunk<ReplayData, { ref: ReplayRef; keepPosition?: boolean }, { rejectValue: ApiFailure }>(
  'replay/load',
  async ({ ref }, { rejectWithValue }) => {
    try {
      return await apiRequest<ReplayData>('GET', pathOf(ref));
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
);

/** Supervisors and admins only; the server journals the access before answering. */
export const unmaskReplay = createAsyncThunk<ReplayData, { reason: string }, { state: WithReplay; rejectValue: ApiFailure }>(
  'replay/unmask',
  async ({ reason }, { getState, rejectWithValue }) => {
    const ref = getState().replay.ref!;
    try {
      return await apiRequest<ReplayData>('POST', `${pathOf(ref)}/unmask`, reason.trim() ? { reason: reason.trim() } : {});
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
  { condition: (_, { getState }) => getState().replay.status === 'ready' && getState().replay.unmask !== 'pending' },
);

/** Pinned at the current event and instant of the player. */
export const addAnnotation = createAsyncThunk<Annotation, { text: string }, { state: WithReplay; rejectValue: ApiFailure }>(
  'replay/addAnnotation',
  async ({ text }, { getState, rejectWithValue }) => {
    const { ref, line, position, data } = getState().replay;
    const index = line ? indexAt(line, position) : -1;
    const seq = index >= 0 ? data!.events[index]!.seq : 0;
    const at = new Date(line ? (instantAt(line, position) ?? Date.now()) : Date.now()).toISOString();
    try {
      return await apiRequest<Annotation>('POST', `${pathOf(ref!)}/annotations`, { seq, at, text });
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
);

export const editAnnotation = createAsyncThunk<Annotation, { id: string; text: string }, { rejectValue: ApiFailure }>(
  'replay/editAnnotation',
  async ({ id, text }, { rejectWithValue }) => {
    try {
      return await apiRequest<Annotation>('PATCH', `/api/annotations/${encodeURIComponent(id)}`, { text });
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
);

export const deleteAnnotation = createAsyncThunk<string, string, { rejectValue: ApiFailure }>('replay/deleteAnnotation', async (id, { rejectWithValue }) => {
  try {
    await apiRequest<void>('DELETE', `/api/annotations/${encodeURIComponent(id)}`);
    return id;
  } catch (err) {
    return rejectWithValue(toFailure(err));
  }
});

function sortAnnotations(list: Annotation[]): Annotation[] {
  return [...list].sort((a, b) => a.seq - b.seq || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

function clampPosition(state: ReplayState, position: number): number {
  return Math.max(0, Math.min(state.line?.total ?? 0, position));
}

export const replaySlice = createSlice({
  name: 'replay',
  initialState: initialReplayState,
  reducers: {
    replayClosed: () => initialReplayState,
    play(state) {
      if (!state.line || state.line.total === 0) return;
      // Play at the end starts over, as media players do.
      if (state.position >= state.line.total) state.position = 0;
      state.playing = true;
    },
    pause(state) {
      state.playing = false;
    },
    speedChanged(state, action: PayloadAction<number>) {
      if ((SPEEDS as readonly number[]).includes(action.payload)) state.speed = action.payload as Speed;
    },
    seeked(state, action: PayloadAction<number>) {
      state.position = clampPosition(state, action.payload);
    },
    /** Jumps to the event `delta` events away from the current one and pauses there. */
    stepped(state, action: PayloadAction<number>) {
      if (!state.line) return;
      state.playing = false;
      const index = indexAt(state.line, state.position);
      const target = Math.max(-1, Math.min(state.line.positions.length - 1, index + action.payload));
      state.position = positionOf(state.line, target);
    },
    /** Real time passed while playing; playback stops at the end. */
    ticked(state, action: PayloadAction<number>) {
      if (!state.playing || !state.line) return;
      state.position = clampPosition(state, state.position + action.payload * state.speed);
      if (state.position >= state.line.total) state.playing = false;
    },
    annotationErrorCleared(state) {
      state.annotation.error = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadReplay.pending, (state, action) => {
        const { ref, keepPosition } = action.meta.arg;
        const same = state.ref?.kind === ref.kind && state.ref.id === ref.id;
        if (same && keepPosition) return;
        return { ...initialReplayState, speed: state.speed, ref, status: 'loading' };
      })
      .addCase(loadReplay.fulfilled, (state, action) => {
        const { ref, keepPosition } = action.meta.arg;
        if (state.ref?.kind !== ref.kind || state.ref.id !== ref.id) return;
        state.status = 'ready';
        state.data = { ...action.payload, annotations: sortAnnotations(action.payload.annotations) };
        state.line = buildPlayline(action.payload.events);
        state.unmask = 'idle';
        if (!keepPosition) {
          state.position = 0;
          state.playing = false;
        }
      })
      .addCase(loadReplay.rejected, (state, action) => {
        if (state.ref?.kind !== action.meta.arg.ref.kind || state.ref.id !== action.meta.arg.ref.id) return;
        const code = action.payload?.code;
        state.status = code === 'forbidden' ? 'forbidden' : code === 'not_found' ? 'not_found' : 'error';
      })
      .addCase(unmaskReplay.pending, (state) => {
        state.unmask = 'pending';
      })
      .addCase(unmaskReplay.fulfilled, (state, action) => {
        state.unmask = 'idle';
        // Same slice, same seqs: the playline and the position stay valid.
        state.data = { ...action.payload, annotations: sortAnnotations(action.payload.annotations) };
      })
      .addCase(unmaskReplay.rejected, (state) => {
        state.unmask = 'error';
      })
      .addCase(addAnnotation.pending, (state) => {
        state.annotation = { pending: true, error: null };
      })
      .addCase(addAnnotation.fulfilled, (state, action) => {
        state.annotation = { pending: false, error: null };
        if (state.data) state.data.annotations = sortAnnotations([...state.data.annotations, action.payload]);
      })
      .addCase(addAnnotation.rejected, (state, action) => {
        state.annotation = { pending: false, error: action.payload ? refusalOf(action.payload) : { code: 'unavailable' as const } };
      })
      .addCase(editAnnotation.fulfilled, (state, action) => {
        if (state.data) state.data.annotations = state.data.annotations.map((a) => (a.id === action.payload.id ? action.payload : a));
      })
      .addCase(editAnnotation.rejected, (state, action) => {
        state.annotation = { pending: false, error: action.payload ? refusalOf(action.payload) : { code: 'unavailable' as const } };
      })
      .addCase(deleteAnnotation.fulfilled, (state, action) => {
        if (state.data) state.data.annotations = state.data.annotations.filter((a) => a.id !== action.payload);
      })
      .addCase(deleteAnnotation.rejected, (state, action) => {
        state.annotation = { pending: false, error: action.payload ? refusalOf(action.payload) : { code: 'unavailable' as const } };
      });
  },
});

export const { replayClosed, play, pause, speedChanged, seeked, stepped, ticked, annotationErrorCleared } = replaySlice.actions;
