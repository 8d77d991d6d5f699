import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../shared/journal.js';
import { anyEvent } from '../testing/fixtures.js';
import { JournalSync } from './sync.js';

const seqs = (events: JournalEvent[]) => events.map((e) => e.seq);
const page = (list: number[], more = false, headSeq = Math.max(0, ...list)) => ({
  events: list.map(anyEvent),
  more,
  headSeq,
});

describe('JournalSync', () => {
  it('takes headSeq as the baseline on the very first connection and applies later pushes live', () => {
    const sync = new JournalSync();
    sync.connected();
    expect(sync.ready(10)).toBe(10);
    expect(seqs(sync.page(page([], false, 10)).apply)).toEqual([]);
    expect(sync.isCatchingUp).toBe(false);
    expect(seqs(sync.push(anyEvent(11)))).toEqual([11]);
    expect(seqs(sync.push(anyEvent(9)))).toEqual([]); // before the baseline: already in the snapshot
    expect(sync.lastSeq).toBe(10); // a push does not move the resume point
    expect(sync.push(anyEvent(11))).toEqual([]);
  });

  it('fills a gap after a reconnect: catch-up first, then the pushes buffered meanwhile', () => {
    const sync = new JournalSync(5);
    sync.connected();
    // Pushes arrive while catch-up is in flight: buffered, not applied.
    expect(sync.push(anyEvent(9))).toEqual([]);
    expect(sync.push(anyEvent(10))).toEqual([]);
    expect(sync.bufferedCount).toBe(2);
    expect(sync.ready(10)).toBe(5);
    const step = sync.page(page([6, 7, 8], false, 8));
    expect(seqs(step.apply)).toEqual([6, 7, 8, 9, 10]);
    expect([...step.live]).toEqual([9, 10]);
    expect(step.nextAfterSeq).toBeNull();
    expect(sync.lastSeq).toBe(8); // what catch-up vouched for; 9 and 10 are remembered as applied
    expect(sync.isCatchingUp).toBe(false);
  });

  it('drops the overlap between catch-up and buffered pushes (no duplicate)', () => {
    const sync = new JournalSync(5);
    sync.connected();
    sync.push(anyEvent(7));
    sync.push(anyEvent(8));
    sync.ready(8);
    const step = sync.page(page([6, 7, 8]));
    expect(seqs(step.apply)).toEqual([6, 7, 8]);
    // 7 and 8 were pushed while the page was read: still news, though the page delivered them.
    expect([...step.live].sort()).toEqual([7, 8]);
    // A push replayed again after catch-up is a duplicate too.
    expect(sync.push(anyEvent(8))).toEqual([]);
  });

  it('drops catch-up events at or below lastSeq (server overlap)', () => {
    const sync = new JournalSync(5);
    sync.connected();
    sync.ready(7);
    expect(seqs(sync.page(page([4, 5, 6, 7])).apply)).toEqual([6, 7]);
  });

  it('sorts out-of-order catch-up pages and buffered pushes, and dedupes within a batch', () => {
    const sync = new JournalSync(0);
    sync.connected();
    sync.push(anyEvent(12));
    sync.push(anyEvent(11));
    sync.push(anyEvent(11));
    sync.ready(12);
    const step = sync.page(page([3, 1, 2, 2], false, 10));
    expect(seqs(step.apply)).toEqual([1, 2, 3, 11, 12]);
  });

  it('pages through `more` from the last seq of each page, applying each page as it comes', () => {
    const sync = new JournalSync(0);
    sync.connected();
    sync.push(anyEvent(7));
    expect(sync.ready(7)).toBe(0);
    const first = sync.page(page([1, 2, 3], true, 7));
    expect(seqs(first.apply)).toEqual([1, 2, 3]);
    expect(first.nextAfterSeq).toBe(3);
    expect(sync.isCatchingUp).toBe(true);
    expect(sync.push(anyEvent(8))).toEqual([]); // still buffering between pages
    const second = sync.page(page([4, 5, 6], false, 7));
    expect(seqs(second.apply)).toEqual([4, 5, 6, 7, 8]);
    expect([...first.live]).toEqual([]);
    expect([...second.live]).toEqual([7, 8]);
    expect(second.nextAfterSeq).toBeNull();
  });

  it('applies a buffered push that catch-up did not return (e.g. a watched conversation outside its scope)', () => {
    const sync = new JournalSync(10);
    sync.connected();
    sync.push(anyEvent(12)); // watched room
    sync.ready(14);
    // catch-up only has the agent's queues: 13, 14; 12 must not be lost although it is older.
    expect(seqs(sync.page(page([14, 13], false, 14)).apply)).toEqual([13, 14, 12]);
  });

  it('advances to headSeq when nothing visible happened, so the next catch-up starts there', () => {
    const sync = new JournalSync(3);
    sync.connected();
    sync.ready(50);
    sync.page(page([], false, 50));
    expect(sync.lastSeq).toBe(50);
    sync.disconnected();
    sync.connected();
    expect(sync.ready(60)).toBe(50);
  });

  it('keeps buffered pushes across a disconnect in the middle of catch-up', () => {
    const sync = new JournalSync(0);
    sync.connected();
    sync.push(anyEvent(9));
    sync.ready(9);
    expect(seqs(sync.page(page([1, 2], true, 9)).apply)).toEqual([1, 2]);
    sync.disconnected();
    expect(sync.push(anyEvent(10))).toEqual([]); // late packet: still buffered
    sync.connected();
    expect(sync.ready(10)).toBe(2);
    expect(seqs(sync.page(page([3, 9, 10], false, 10)).apply)).toEqual([3, 9, 10]);
  });

  it('accepts a late live push with a lower seq once, and never twice', () => {
    const sync = new JournalSync(0);
    sync.connected();
    sync.ready(0);
    sync.page(page([], false, 0));
    expect(seqs(sync.push(anyEvent(2)))).toEqual([2]);
    expect(seqs(sync.push(anyEvent(1)))).toEqual([1]); // committed late by another instance
    expect(sync.push(anyEvent(1))).toEqual([]);
    expect(sync.push(anyEvent(2))).toEqual([]);
    expect(sync.lastSeq).toBe(0);
  });

  it('resumes below a push that overtook one lost on the way (another instance, Redis away)', () => {
    const sync = new JournalSync(0);
    sync.connected();
    sync.ready(10);
    sync.page(page([], false, 10));
    // 11 was committed on another instance and its push was lost; 12, local, came through.
    expect(seqs(sync.push(anyEvent(12)))).toEqual([12]);
    sync.disconnected();
    sync.connected();
    expect(sync.ready(12)).toBe(10);
    expect(seqs(sync.page(page([11, 12], false, 12)).apply)).toEqual([11]);
    sync.resync();
    expect(sync.isCatchingUp).toBe(true);
    expect(seqs(sync.page(page([], false, 12)).apply)).toEqual([]);
    expect(sync.lastSeq).toBe(12);
  });

  it('never forgets a seq above the resume point, however many pushes come', () => {
    const sync = new JournalSync(0, { window: 4 });
    sync.connected();
    sync.ready(0);
    sync.page(page([], false, 0));
    for (let seq = 1; seq <= 10; seq++) sync.push(anyEvent(seq));
    expect(sync.isApplied(1)).toBe(true);
    sync.resync();
    // Catch-up re-reads them all: each is a duplicate.
    expect(sync.page(page([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], false, 10)).apply).toEqual([]);
    expect(sync.isApplied(3)).toBe(true);
  });

  it('forgets exact seqs below its window but still treats them as applied', () => {
    const sync = new JournalSync(0, { window: 4 });
    sync.connected();
    sync.ready(0);
    sync.page(page([1, 2, 3, 4, 5, 6], false, 6));
    expect(sync.isApplied(1)).toBe(true);
    expect(sync.push(anyEvent(3))).toEqual([]);
    expect(seqs(sync.push(anyEvent(7)))).toEqual([7]);
  });
});
