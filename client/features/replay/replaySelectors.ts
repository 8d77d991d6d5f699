import { createSelector } from '@reduxjs/toolkit';
import type { Annotation } from '../../../shared/replay.js';
import { indexAt, instantAt } from './playline.js';
import { foldFrame, type ReplayFrame } from './replayFrame.js';
import { replayState, type ReplayState, type WithReplay } from './replaySlice.js';

export const selectReplay = (state: WithReplay): ReplayState => replayState(state);
const selectLine = (state: WithReplay) => replayState(state).line;
const selectPosition = (state: WithReplay) => replayState(state).position;
const selectData = (state: WithReplay) => replayState(state).data;

/** Index of the event just played; -1 before the first. */
export const selectIndex = createSelector([selectLine, selectPosition], (line, position) => (line ? indexAt(line, position) : -1));

/** The real instant shown on the clock (epoch ms). */
export const selectInstant = createSelector([selectLine, selectPosition], (line, position) => (line ? instantAt(line, position) : null));

const EMPTY_FRAME: ReplayFrame = { conversation: null, timeline: [], activity: [], citizen: null, event: null, answeredWaitMs: null };

/** Recomputed only when the event index changes, not on every tick of the clock. */
export const selectFrame = createSelector([selectData, selectIndex], (data, index): ReplayFrame => {
  if (!data) return EMPTY_FRAME;
  return foldFrame(
    { citizenId: data.citizenId, conversationId: data.ref.kind === 'conversation' ? data.ref.id : null, context: data.context, events: data.events },
    index,
  );
});

/** Annotations pinned on the event just played: shown over the screen while it is current. */
export const selectCurrentAnnotations = createSelector([selectData, selectIndex], (data, index): Annotation[] => {
  if (!data) return [];
  const seq = index >= 0 ? data.events[index]!.seq : 0;
  return data.annotations.filter((a) => a.seq === seq && (index >= 0 || a.seq === 0));
});

export const selectAtEnd = (state: WithReplay): boolean => {
  const { line, position } = replayState(state);
  return line !== null && position >= line.total;
};
