import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { SessionInfo } from '../../../shared/api.js';
import type { SecondFactorChallenge } from '../../../shared/staff.js';
import type { Agent } from '../../../shared/model.js';
import { sessionExpired } from '../../app/actions.js';
import { ApiError, apiRequest, toFailure, type ApiFailure } from '../../app/api.js';

export type SessionStatus = 'checking' | 'anonymous' | 'authenticated';
export type LoginError = 'invalid' | 'rate_limited' | 'unavailable' | 'code';

/** A right password, and a second factor still to give (a code, or an enrolment first). */
export interface PendingSecondFactor extends SecondFactorChallenge {
  email: string;
}

export interface SessionState {
  status: SessionStatus;
  agent: Agent | null;
  token: string | null;
  expiresAt: string | null;
  loginPending: boolean;
  loginError: LoginError | null;
  /** Set when the session ended by itself (not a logout), to tell the agent why they see the login. */
  expired: boolean;
  secondFactor: PendingSecondFactor | null;
  /** Shown once after an enrolment at sign-in; the console waits until they are noted. */
  recoveryCodes: string[] | null;
}

const initialState: SessionState = {
  status: 'checking',
  agent: null,
  token: null,
  expiresAt: null,
  loginPending: false,
  loginError: null,
  expired: false,
  secondFactor: null,
  recoveryCodes: null,
};

export const checkSession = createAsyncThunk<SessionInfo, void, { rejectValue: ApiFailure }>(
  'session/check',
  async (_, { rejectWithValue }) => {
    try {
      return await apiRequest<SessionInfo>('GET', '/api/auth/me', undefined, { expectUnauthenticated: true });
    } catch (err) {
      return rejectWithValue(toFailure(err));
    }
  },
);

/** The password step; a second factor to give is a `second_factor` rejection with the challenge in the state. */
export const login = createAsyncThunk<SessionInfo, { email: string; password: string }, { rejectValue: LoginError | 'second_factor' }>(
  'session/login',
  async (credentials, { rejectWithValue, dispatch }) => {
    try {
      const answer = await apiRequest<SessionInfo | SecondFactorChallenge>('POST', '/api/auth/login', credentials, { expectUnauthenticated: true });
      if ('secondFactor' in answer) {
        dispatch(sessionSlice.actions.secondFactorAsked({ ...answer, email: credentials.email }));
        return rejectWithValue('second_factor');
      }
      return answer;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 400)) return rejectWithValue('invalid');
      if (err instanceof ApiError && err.status === 429) return rejectWithValue('rate_limited');
      return rejectWithValue('unavailable');
    }
  },
);

/** The second step: a code of the authenticator (or a recovery code), or the enrolment's first code. */
export const completeSecondFactor = createAsyncThunk<SessionInfo, { code: string }, { state: { session: SessionState }; rejectValue: LoginError }>(
  'session/second-factor',
  async ({ code }, { getState, rejectWithValue }) => {
    const pending = getState().session.secondFactor;
    if (!pending) return rejectWithValue('invalid');
    try {
      return await apiRequest<SessionInfo>('POST', '/api/auth/login/second-factor', { email: pending.email, challenge: pending.challenge, code }, { expectUnauthenticated: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) return rejectWithValue('rate_limited');
      if (err instanceof ApiError && (err.status === 401 || err.status === 400)) return rejectWithValue('code');
      return rejectWithValue('unavailable');
    }
  },
);

export const logout = createAsyncThunk('session/logout', async () => {
  try {
    await apiRequest<void>('POST', '/api/auth/logout', undefined, { expectUnauthenticated: true });
  } catch {
    // Logging out locally is what matters; the cookie expires on its own.
  }
});

function authenticated(state: SessionState, info: SessionInfo): void {
  state.status = 'authenticated';
  state.agent = info.agent;
  state.token = info.token;
  state.expiresAt = info.expiresAt;
  state.loginPending = false;
  state.loginError = null;
  state.expired = false;
}

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    loginErrorCleared(state) {
      state.loginError = null;
    },
    secondFactorAsked(state, action: { payload: PendingSecondFactor }) {
      state.secondFactor = action.payload;
    },
    secondFactorCancelled(state) {
      state.secondFactor = null;
      state.loginError = null;
    },
    recoveryCodesNoted(state) {
      state.recoveryCodes = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(checkSession.fulfilled, (state, action) => authenticated(state, action.payload))
      .addCase(checkSession.rejected, (state, action) => {
        // A network failure while already signed in is not a logout.
        if (state.status === 'authenticated' && action.payload?.code !== 'unauthenticated') return;
        state.expired = state.status === 'authenticated';
        state.status = 'anonymous';
        state.agent = null;
        state.token = null;
      })
      .addCase(login.pending, (state) => {
        state.loginPending = true;
        state.loginError = null;
      })
      .addCase(login.fulfilled, (state, action) => authenticated(state, action.payload))
      .addCase(login.rejected, (state, action) => {
        state.loginPending = false;
        state.loginError = action.payload === 'second_factor' ? null : (action.payload ?? 'unavailable');
      })
      .addCase(completeSecondFactor.pending, (state) => {
        state.loginPending = true;
        state.loginError = null;
      })
      .addCase(completeSecondFactor.fulfilled, (state, action) => {
        authenticated(state, action.payload);
        state.secondFactor = null;
        state.recoveryCodes = action.payload.recoveryCodes ?? null;
      })
      .addCase(completeSecondFactor.rejected, (state, action) => {
        state.loginPending = false;
        state.loginError = action.payload ?? 'unavailable';
      })
      .addCase(logout.fulfilled, () => ({ ...initialState, status: 'anonymous' as const }))
      .addCase(sessionExpired, () => ({ ...initialState, status: 'anonymous' as const, expired: true }));
  },
});

export const { loginErrorCleared, secondFactorCancelled, recoveryCodesNoted } = sessionSlice.actions;

type WithSession = { session: SessionState };
export const selectSession = (state: WithSession): SessionState => state.session;
export const selectCurrentAgent = (state: WithSession): Agent | null => state.session.agent;
