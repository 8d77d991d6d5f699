import {
  configureStore,
  createListenerMiddleware,
  type ThunkDispatch,
  type UnknownAction,
} from '@reduxjs/toolkit';
import { logout } from '../features/session/sessionSlice.js';
import type { RealtimeExtra } from '../realtime/commands.js';
import { createRealtime, type Realtime } from '../realtime/realtime.js';
import { sessionExpired } from './actions.js';
import { registerListeners } from './listeners.js';
import { slicesReducer } from './slices.js';

export type RootState = ReturnType<typeof slicesReducer>;

/** Leaving the session (logout or expiry) forgets everything the previous agent saw. */
export function rootReducer(state: RootState | undefined, action: UnknownAction): RootState {
  const reset = logout.fulfilled.match(action) || sessionExpired.match(action);
  return slicesReducer(reset ? undefined : state, action);
}

export interface StoreOptions {
  realtime?: Realtime;
  /** Off in unit tests that only exercise reducers and selectors. */
  listeners?: boolean;
}

export function makeStore(preloadedState?: Partial<RootState>, options: StoreOptions = {}) {
  const realtime = options.realtime ?? createRealtime();
  const listener = createListenerMiddleware<RootState, AppDispatch, RealtimeExtra>({ extra: { realtime } });
  const extra: RealtimeExtra = { realtime };
  const store = configureStore({
    reducer: rootReducer,
    ...(preloadedState ? { preloadedState: preloadedState as RootState } : {}),
    middleware: (getDefault) =>
      getDefault({ thunk: { extraArgument: extra } })
        .prepend(listener.middleware)
        .concat(realtime.middleware),
  });
  if (options.listeners !== false) registerListeners(listener.startListening);
  return store;
}

export type AppStore = ReturnType<typeof makeStore>;
// Spelled out rather than taken from the store, which is itself typed with it (listeners).
export type AppDispatch = ThunkDispatch<RootState, RealtimeExtra, UnknownAction>;
