import {
  combineReducers,
  configureStore,
  createListenerMiddleware,
  type ThunkDispatch,
  type UnknownAction,
} from '@reduxjs/toolkit';
import { alertsSlice } from '../features/alerts/alertsSlice.js';
import { citizenSlice } from '../features/citizen/citizenSlice.js';
import { composerSlice } from '../features/composer/composerSlice.js';
import { conversationSlice } from '../features/conversation/conversationSlice.js';
import { inboxSlice } from '../features/inbox/inboxSlice.js';
import { replayPickerSlice } from '../features/replay/replayPickerSlice.js';
import { replaySlice } from '../features/replay/replaySlice.js';
import { routingSlice } from '../features/routing/routingSlice.js';
import { logout, sessionSlice } from '../features/session/sessionSlice.js';
import { supervisorSlice } from '../features/supervisor/supervisorSlice.js';
import { trainingSlice } from '../features/training/trainingSlice.js';
import type { RealtimeExtra } from '../realtime/commands.js';
import { connectionSlice } from '../realtime/connectionSlice.js';
import { createRealtime, type Realtime } from '../realtime/realtime.js';
import { sessionExpired } from './actions.js';
import { directorySlice } from './directorySlice.js';
import { preferencesSlice } from './preferencesSlice.js';
import { registerListeners } from './listeners.js';

const slicesReducer = combineReducers({
  session: sessionSlice.reducer,
  connection: connectionSlice.reducer,
  directory: directorySlice.reducer,
  inbox: inboxSlice.reducer,
  conversation: conversationSlice.reducer,
  citizen: citizenSlice.reducer,
  composer: composerSlice.reducer,
  replay: replaySlice.reducer,
  replayPicker: replayPickerSlice.reducer,
  training: trainingSlice.reducer,
  supervisor: supervisorSlice.reducer,
  routing: routingSlice.reducer,
  alerts: alertsSlice.reducer,
  preferences: preferencesSlice.reducer,
});

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
