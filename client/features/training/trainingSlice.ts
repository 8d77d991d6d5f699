import { refusalOf, type Refusal } from '../../ui/errorText.js';
import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { Course, CourseInput } from '../../../shared/replay.js';
import { apiRequest, toFailure, type ApiFailure } from '../../app/api.js';

// Courses: playlists of replays. Trainers and admins see and edit all of them; a trainee the
// ones assigned to them (the server decides which).

export interface TrainingState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  courses: Course[];
  saving: boolean;
  error: Refusal | null;
}

export const initialTrainingState: TrainingState = { status: 'idle', courses: [], saving: false, error: null };

export const loadCourses = createAsyncThunk<Course[], void, { rejectValue: ApiFailure }>('training/load', async (_, { rejectWithValue }) => {
  try {
    return (await apiRequest<{ items: Course[] }>('GET', '/api/courses')).items;
  } catch (err) {
    return rejectWithValue(toFailure(err));
  }
});

export const saveCourse = createAsyncThunk<Course, { id?: string; input: CourseInput }, { rejectValue: ApiFailure }>(
  'training/save',
  async ({ id, input }, { rejectWithValue }) => {
    try {
      return id
        ? await apiRequest<Course>('PUT', `/api/courses/${encodeURIComponent(id)}`, input)
        : await apiRequest<Course>('POST', '/api/courses', input);
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
);

export const removeCourse = createAsyncThunk<string, string, { rejectValue: ApiFailure }>('training/remove', async (id, { rejectWithValue }) => {
  try {
    await apiRequest<void>('DELETE', `/api/courses/${encodeURIComponent(id)}`);
    return id;
  } catch (err) {
    return rejectWithValue(toFailure(err));
  }
});

const byTitle = (a: Course, b: Course) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

export const trainingSlice = createSlice({
  name: 'training',
  initialState: initialTrainingState,
  reducers: {
    trainingErrorCleared(state) {
      state.error = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadCourses.pending, (state) => {
        state.status = 'loading';
      })
      .addCase(loadCourses.fulfilled, (state, action) => {
        state.status = 'ready';
        state.courses = action.payload;
      })
      .addCase(loadCourses.rejected, (state) => {
        state.status = 'error';
      })
      .addCase(saveCourse.pending, (state) => {
        state.saving = true;
        state.error = null;
      })
      .addCase(saveCourse.fulfilled, (state, action) => {
        state.saving = false;
        state.courses = [...state.courses.filter((c) => c.id !== action.payload.id), action.payload].sort(byTitle);
      })
      .addCase(saveCourse.rejected, (state, action) => {
        state.saving = false;
        state.error = action.payload ? refusalOf(action.payload) : { code: 'unavailable' as const };
      })
      .addCase(removeCourse.fulfilled, (state, action) => {
        state.courses = state.courses.filter((c) => c.id !== action.payload);
      })
      .addCase(removeCourse.rejected, (state, action) => {
        state.error = action.payload ? refusalOf(action.payload) : { code: 'unavailable' as const };
      });
  },
});

export const { trainingErrorCleared } = trainingSlice.actions;

type WithTraining = { training: TrainingState };
export const selectTraining = (state: WithTraining): TrainingState => state.training;
