/**
 * Work the demo seeder does at moments of its moved clock that are not steps of the plan: service
 * level checks at due times, survey answers some time after a resolution. The seeder runs them
 * in time order between steps, so the journal reads as live traffic would have written it.
 */
export interface HistoryTimer {
  /** The moment (ms) of the next piece of work, if any. */
  nextAt(): number | undefined;
  /** Does it; the seeder has moved its clock to nextAt(). */
  runNext(): Promise<void>;
}

/** Runs every timer's work due before `limit`, earliest first, moving the clock to each. */
export async function runTimersUntil(timers: readonly HistoryTimer[], limit: number, moveClock: (at: Date) => void): Promise<void> {
  for (;;) {
    let next: HistoryTimer | undefined;
    let at = Infinity;
    for (const timer of timers) {
      const t = timer.nextAt();
      if (t !== undefined && t < at) [next, at] = [timer, t];
    }
    if (!next || !(at < limit)) return;
    moveClock(new Date(at));
    await next.runNext();
  }
}
