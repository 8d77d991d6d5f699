import { describe, expect, it } from 'vitest';
import type { Annotation, AnnotationId, ReplayData } from '../../../shared/replay.js';
import { AGENT_ID_FOR_TESTS, replayData } from './replayTestData.js';
import { LEAD_IN_MS, MIN_STEP_MS } from './playline.js';
import { selectAtEnd, selectCurrentAnnotations, selectFrame, selectIndex } from './replaySelectors.js';
import {
  addAnnotation,
  initialReplayState,
  loadReplay,
  pause,
  play,
  replaySlice,
  seeked,
  speedChanged,
  stepped,
  ticked,
  unmaskReplay,
  type ReplayState,
} from './replaySlice.js';

const reducer = replaySlice.reducer;
const ref = { kind: 'conversation' as const, id: 'conv_1' };

function loaded(data: ReplayData = replayData()): ReplayState {
  let s = reducer(initialReplayState, loadReplay.pending('r1', { ref }));
  s = reducer(s, loadReplay.fulfilled(data, 'r1', { ref }));
  return s;
}
const root = (replay: ReplayState) => ({ replay });

describe('replay player state', () => {
  it('loads paused at the start, before the first event', () => {
    const s = loaded();
    expect(s).toMatchObject({ status: 'ready', position: 0, playing: false });
    expect(selectIndex(root(s))).toBe(-1);
    expect(s.line!.positions[0]).toBe(LEAD_IN_MS);
  });

  it('plays at the chosen speed and stops at the end; play at the end starts over', () => {
    let s = reducer(loaded(), speedChanged(32));
    s = reducer(s, speedChanged(3));
    expect(s.speed).toBe(32);
    s = reducer(s, play());
    s = reducer(s, ticked(100));
    expect(s.position).toBe(3200);
    s = reducer(s, pause());
    s = reducer(s, ticked(100));
    expect(s.position).toBe(3200);
    s = reducer(s, play());
    s = reducer(s, ticked(1_000_000));
    expect(s.position).toBe(s.line!.total);
    expect(s.playing).toBe(false);
    expect(selectAtEnd(root(s))).toBe(true);
    expect(selectIndex(root(s))).toBe(s.data!.events.length - 1);
    s = reducer(s, play());
    expect(s).toMatchObject({ position: 0, playing: true });
  });

  it('steps event by event and seeks within bounds, pausing', () => {
    let s = reducer(reducer(loaded(), play()), stepped(1));
    expect(s.playing).toBe(false);
    expect(selectIndex(root(s))).toBe(0);
    s = reducer(s, stepped(2));
    expect(selectIndex(root(s))).toBe(2);
    s = reducer(s, stepped(-10));
    expect(selectIndex(root(s))).toBe(-1);
    expect(s.position).toBe(0);
    s = reducer(s, stepped(99));
    expect(selectIndex(root(s))).toBe(s.data!.events.length - 1);
    s = reducer(s, seeked(-5));
    expect(s.position).toBe(0);
    s = reducer(s, seeked(1e12));
    expect(s.position).toBe(s.line!.total);
  });

  it('recomputes the replayed screen only when the event changes, not on every tick', () => {
    let s = reducer(loaded(), seeked(LEAD_IN_MS + MIN_STEP_MS));
    const a = selectFrame(root(s));
    s = reducer(s, seeked(LEAD_IN_MS + MIN_STEP_MS + 10));
    expect(selectFrame(root(s))).toBe(a);
    expect(a.conversation?.id).toBe('conv_1');
    s = reducer(s, stepped(1));
    expect(selectFrame(root(s))).not.toBe(a);
  });

  it('keeps the position when the same replay comes back unmasked, and files new annotations in order', () => {
    let s = reducer(loaded(), stepped(4));
    const position = s.position;
    const real = { ...replayData(), masked: false, citizenLabel: 'Jeanne Martin' };
    s = reducer(s, unmaskReplay.fulfilled(real, 'u1', { reason: '' }));
    expect(s).toMatchObject({ position, unmask: 'idle' });
    expect(s.data!.masked).toBe(false);

    const note = (id: string, seq: number): Annotation => ({
      id: id as AnnotationId, replay: ref, seq, at: s.data!.events[0]!.at, text: id, authorId: AGENT_ID_FOR_TESTS, authorName: 'Julien', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z',
    });
    s = reducer(s, addAnnotation.fulfilled(note('late', s.data!.events[3]!.seq), 'a1', { text: 'late' }));
    s = reducer(s, addAnnotation.fulfilled(note('early', s.data!.events[1]!.seq), 'a2', { text: 'early' }));
    expect(s.data!.annotations.map((a) => a.text)).toEqual(['early', 'late']);
    expect(selectCurrentAnnotations(root(s)).map((a) => a.text)).toEqual(['late']);
  });

  it('reports a replay outside the trainee’s courses as forbidden', () => {
    let s = reducer(initialReplayState, loadReplay.pending('r1', { ref }));
    s = reducer(s, loadReplay.rejected(null, 'r1', { ref }, { status: 403, code: 'forbidden', message: 'no' }));
    expect(s.status).toBe('forbidden');
  });
});

