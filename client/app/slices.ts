import { combineSlices, type WithSlice } from '@reduxjs/toolkit';
import { alertsSlice } from '../features/alerts/alertsSlice.js';
import { citizenSlice } from '../features/citizen/citizenSlice.js';
import { composerSlice } from '../features/composer/composerSlice.js';
import { conversationSlice } from '../features/conversation/conversationSlice.js';
import { inboxSlice } from '../features/inbox/inboxSlice.js';
import type { replayPickerSlice } from '../features/replay/replayPickerSlice.js';
import type { replaySlice } from '../features/replay/replaySlice.js';
import { availabilitySlice } from '../features/availability/availabilitySlice.js';
import { sessionSlice } from '../features/session/sessionSlice.js';
import type { supervisorSlice } from '../features/supervisor/supervisorSlice.js';
import type { trainingSlice } from '../features/training/trainingSlice.js';
import type { collisionSlice } from '../features/composer/collisionSlice.js';
import { connectionSlice } from '../realtime/connectionSlice.js';
import { directorySlice } from './directorySlice.js';
import { preferencesSlice } from './preferencesSlice.js';
import { mentionsSlice } from '../features/mentions/mentionsSlice.js';

/**
 * The board, the replay, its picker and the courses belong to pages loaded on demand: their slices
 * (and the folds they carry, such as shared/board.ts) join the store when their code arrives
 * (`injectInto` at the bottom of each slice module), so an agent's first load does not carry them.
 * Until then their state is absent and their selectors answer the slice's initial state.
 */
export type LazySlices = WithSlice<typeof supervisorSlice> &
  WithSlice<typeof replaySlice> &
  WithSlice<typeof replayPickerSlice> &
  WithSlice<typeof trainingSlice> &
  WithSlice<typeof collisionSlice>;

export const slicesReducer = combineSlices(
  sessionSlice,
  connectionSlice,
  directorySlice,
  inboxSlice,
  conversationSlice,
  citizenSlice,
  composerSlice,
  availabilitySlice,
  alertsSlice,
  preferencesSlice,
  mentionsSlice,
).withLazyLoadedSlices<LazySlices>();
