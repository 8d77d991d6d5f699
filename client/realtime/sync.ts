import type { JournalEvent } from '../../shared/journal.js';
import type { CatchUpResult } from '../../shared/socket-events.js';

// The console's view of the journal must have no gap and no duplicate across reconnects.
// This module holds that bookkeeping and nothing else (no socket, no Redux), so it can be tested
// on plain arrays.
//
// Rules:
// - `lastSeq` is the resume point: every event this agent may see with a seq <= lastSeq has been
//   applied. It is what the next `journal:catch-up` asks after, and only catch-up moves it (a page
//   is complete up to its last seq, the last page up to headSeq, the store's safe watermark). A live
//   push does not move it: with several server instances pushes arrive out of seq order and Redis
//   may drop some while it is away (pub/sub is at-most-once), so a pushed seq vouches for nothing
//   below it. Catch-up re-reads what was pushed since; those are dropped as duplicates.
// - From a (re)connect or resync until catch-up ends, pushes are buffered. Catch-up pages are
//   applied as they come, then the buffer, each sorted by seq.
// - An event is a duplicate when its seq was already applied. Applied seqs above `lastSeq` are all
//   remembered; below it, within a window (a late push from another instance may carry a lower seq
//   than one already applied and still be new); below the window, anything is a duplicate.

export interface CatchUpStep {
  /** Events to apply now, in this order: catch-up events, then buffered pushes. */
  apply: JournalEvent[];
  /**
   * The seqs of `apply` that were pushed live, to announce as new (unlike what catch-up brings
   * back): the buffered pushes, and page events also pushed while the page was read, which the
   * page delivers first and the buffer then drops as duplicates.
   */
  live: ReadonlySet<number>;
  /** Ask `journal:catch-up` again after this seq, or null when catch-up is over. */
  nextAfterSeq: number | null;
}

export interface JournalSyncOptions {
  /** How many applied seqs are remembered exactly. */
  window?: number;
}

export class JournalSync {
  private last: number | null;
  /** Every seq <= floor counts as applied. */
  private floor: number;
  private readonly applied = new Set<number>();
  private buffer: JournalEvent[] = [];
  private catchingUp = false;
  private readonly window: number;

  constructor(lastSeq: number | null = null, options: JournalSyncOptions = {}) {
    this.last = lastSeq;
    this.floor = lastSeq ?? 0;
    this.window = options.window ?? 2000;
  }

  get lastSeq(): number | null {
    return this.last;
  }

  get isCatchingUp(): boolean {
    return this.catchingUp;
  }

  get bufferedCount(): number {
    return this.buffer.length;
  }

  /** An independent copy: a catch-up state (catch-up.ts) holds one and never changes it. */
  clone(): JournalSync {
    const copy = new JournalSync(this.last, { window: this.window });
    copy.floor = this.floor;
    for (const seq of this.applied) copy.applied.add(seq);
    copy.buffer = [...this.buffer];
    copy.catchingUp = this.catchingUp;
    return copy;
  }

  /** The transport is (re)connected: buffer pushes until catch-up completes. */
  connected(): void {
    this.catchingUp = true;
  }

  /**
   * The server said where the journal stands. On the very first connection there is nothing to
   * catch up: the REST snapshot loaded alongside is the baseline. Returns the seq to catch up after.
   */
  ready(headSeq: number): number {
    if (this.last === null) {
      this.last = headSeq;
      this.floor = Math.max(this.floor, headSeq);
    }
    this.catchingUp = true;
    return this.last;
  }

  /** Catch up again on a live connection (pushes may have been lost): buffer pushes until it ends. */
  resync(): void {
    this.catchingUp = true;
  }

  /** The transport dropped. Buffered pushes are kept: the next catch-up is merged with them. */
  disconnected(): void {
    this.catchingUp = true;
  }

  isApplied(seq: number): boolean {
    return seq <= this.floor || this.applied.has(seq);
  }

  /** A live push: returns the events to apply now (none while catching up or when duplicate). */
  push(event: JournalEvent): JournalEvent[] {
    if (this.catchingUp) {
      this.buffer.push(event);
      return [];
    }
    return this.take([event]);
  }

  /** One `journal:catch-up` answer. */
  page(result: CatchUpResult): CatchUpStep {
    const pushed = new Set(this.buffer.map((e) => e.seq));
    const fromPage = this.take(result.events);
    const live = new Set(fromPage.filter((e) => pushed.has(e.seq)).map((e) => e.seq));
    // The page holds every event we may see up to its last seq.
    const maxInPage = result.events.reduce((max, e) => Math.max(max, e.seq), this.last ?? 0);
    this.last = maxInPage;
    if (result.more) {
      this.trim();
      return { apply: fromPage, live, nextAfterSeq: maxInPage };
    }
    const buffered = this.take(this.buffer);
    this.buffer = [];
    this.catchingUp = false;
    // Nothing at or below headSeq that we may see is missing now: the next catch-up can start there.
    this.last = Math.max(this.last, result.headSeq);
    this.trim();
    for (const e of buffered) live.add(e.seq);
    return { apply: [...fromPage, ...buffered], live, nextAfterSeq: null };
  }

  /** Sorts, drops duplicates (within the batch too) and records what is returned as applied. */
  private take(events: readonly JournalEvent[]): JournalEvent[] {
    const sorted = [...events].sort((a, b) => a.seq - b.seq);
    const out: JournalEvent[] = [];
    for (const event of sorted) {
      if (this.isApplied(event.seq)) continue;
      this.applied.add(event.seq);
      out.push(event);
    }
    this.trim();
    return out;
  }

  /** Forgets exact seqs only below the resume point: above it, a seq not applied may still come. */
  private trim(): void {
    if (this.applied.size <= this.window) return;
    const last = this.last ?? 0;
    const seqs = [...this.applied].filter((seq) => seq <= last).sort((a, b) => a - b);
    const drop = seqs.slice(0, Math.max(0, this.applied.size - Math.floor(this.window / 2)));
    for (const seq of drop) this.applied.delete(seq);
    this.floor = Math.max(this.floor, drop[drop.length - 1] ?? this.floor);
  }
}
