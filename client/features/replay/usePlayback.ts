import { useEffect, useRef } from 'react';

/** Longest step taken at once: after a frozen tab, playback resumes instead of leaping ahead. */
const MAX_STEP_MS = 250;
const INTERVAL_MS = 40;

/**
 * Calls `onTick(elapsedMs)` while `playing`. A timer rather than animation frames: playback goes
 * on in a background tab (slower), and the clock on screen needs no more than 25 updates a second.
 */
export function usePlayback(playing: boolean, onTick: (elapsedMs: number) => void): void {
  const tick = useRef(onTick);
  useEffect(() => {
    tick.current = onTick;
  }, [onTick]);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const elapsed = Math.min(MAX_STEP_MS, now - last);
      last = now;
      tick.current(elapsed);
    }, INTERVAL_MS);
    return () => clearInterval(timer);
  }, [playing]);
}
