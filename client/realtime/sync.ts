import type { JournalEvent } from '../../shared/journal.js';
import type { CatchUpResult } from '../../shared/socket-events.js';

// The console's view of the journal must have no gap and no duplicate across reconnects.
// This module holds that bookkeeping and nothing else (no socket, no Redux), so it can be tested
// on plain arrays.
//
// Rules:
// - `lastSeq` is the highest seq applied (or vouched for by the server); it is what the next
//   `journal:catch-up` asks after.
// - From a (re)connect until catch-up ends, pushes are buffered. Catch-up pages are applied as they
//   come (each page is complete up to its last seq), then the buffer, each sorted by seq.
// - An event is a duplicate when its seq was already applied. Applied seqs are remembered exactly
//   within a window below `lastSeq` (a late push from another server instance may carry a lower
//   seq than one already applied and still be new); below the window, anything is a duplicate.

export interface CatchUpStep {
  /** Events to apply now, in this order: catch-up events, then buffered pushes. */
  apply: JournalEvent[];
  /** How many of `apply`, at its end, are buffered live pushes (announced as new, unlike catch-up). */
  bufferedCount: number;
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
    const fromPage = this.take(result.events);
    if (result.more) {
      const maxInPage = result.events.reduce((max, e) => Math.max(max, e.seq), this.last ?? 0);
      return { apply: fromPage, bufferedCount: 0, nextAfterSeq: maxInPage };
    }
    const buffered = this.take(this.buffer);
    this.buffer = [];
    this.catchingUp = false;
    // Nothing at or below headSeq that we may see is missing now: the next catch-up can start there.
    this.last = Math.max(this.last ?? 0, result.headSeq);
    return { apply: [...fromPage, ...buffered], bufferedCount: buffered.length, nextAfterSeq: null };
  }

  /** Sorts, drops duplicates (within the batch too) and records what is returned as applied. */
  private take(events: readonly JournalEvent[]): JournalEvent[] {
    const sorted = [...events].sort((a, b) => a.seq - b.seq);
    const out: JournalEvent[] = [];
    for (const event of sorted) {
      if (this.isApplied(event.seq)) continue;
      this.applied.add(event.seq);
      this.last = Math.max(this.last ?? 0, event.seq);
      out.push(event);
    }
    this.trim();
    return out;
  }

  private trim(): void {
    if (this.applied.size <= this.window) return;
    const seqs = [...this.applied].sort((a, b) => a - b);
    const drop = seqs.slice(0, seqs.length - Math.floor(this.window / 2));
    for (const seq of drop) this.applied.delete(seq);
    this.floor = Math.max(this.floor, drop[drop.length - 1] ?? this.floor);
  }
}
