import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../shared/journal.js';
import { assigned, CONV2, message, opened, received, sent, statusChanged, ME } from '../../testing/fixtures.js';
import { buildPlayline, compressGap, indexAt, instantAt, LEAD_IN_MS, LONG_WAIT_MS, MIN_STEP_MS, positionOf, REAL_PACE_LIMIT_MS } from './playline.js';

const T0 = Date.parse('2025-10-14T08:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

/** e-mail at 0, WhatsApp 20 s later, reply 3 h 12 later, assignment and status in the same instant. */
const events: JournalEvent[] = [
  opened({ seq: 1, at: iso(0) }),
  received({ seq: 2, at: iso(0), message: message({ id: 'msg_1', at: iso(0), channel: 'email' }) }),
  received({ seq: 3, at: iso(20_000), message: message({ id: 'msg_2', at: iso(20_000), channel: 'whatsapp' }) }),
  assigned({ seq: 4, at: iso(3 * HOUR + 12 * MIN), assigneeId: ME }),
  sent({ seq: 5, at: iso(3 * HOUR + 12 * MIN), message: message({ id: 'msg_3', at: iso(3 * HOUR + 12 * MIN), direction: 'outbound', channel: 'whatsapp', status: 'queued' }) }),
  statusChanged({ seq: 6, at: iso(3 * HOUR + 13 * MIN), status: 'resolved' }),
];

describe('the replay time axis', () => {
  it('plays short gaps at their real length and long ones compressed, but still longer than shorter ones', () => {
    expect(compressGap(0)).toBe(MIN_STEP_MS);
    expect(compressGap(2500)).toBe(2500);
    expect(compressGap(REAL_PACE_LIMIT_MS)).toBe(REAL_PACE_LIMIT_MS);
    const hour = compressGap(HOUR);
    const threeDays = compressGap(72 * HOUR);
    expect(hour).toBeGreaterThan(REAL_PACE_LIMIT_MS);
    expect(threeDays).toBeGreaterThan(hour);
    // At ×32, three days pass in well under a second.
    expect(threeDays / 32).toBeLessThan(1000);
  });

  it('places events in order, marks channel switches and long waits', () => {
    const line = buildPlayline(events);
    expect(line.positions[0]).toBe(LEAD_IN_MS);
    for (let i = 1; i < line.positions.length; i++) expect(line.positions[i]!).toBeGreaterThan(line.positions[i - 1]!);
    expect(line.positions[2]! - line.positions[1]!).toBe(20_000 > REAL_PACE_LIMIT_MS ? compressGap(20_000) : 20_000);
    expect(line.markers).toEqual([
      { kind: 'channel-switch', index: 2, from: 'email', to: 'whatsapp' },
      { kind: 'long-wait', index: 3, realMs: 3 * HOUR + 12 * MIN - 20_000 },
    ]);
    expect(line.total).toBeGreaterThan(line.positions[5]!);
    expect(buildPlayline([]).total).toBe(0);
    expect(LONG_WAIT_MS).toBe(HOUR);
  });

  it('finds the event and the real instant at any position, racing the clock through a compressed wait', () => {
    const line = buildPlayline(events);
    expect(indexAt(line, 0)).toBe(-1);
    expect(indexAt(line, LEAD_IN_MS)).toBe(0);
    expect(indexAt(line, LEAD_IN_MS + MIN_STEP_MS)).toBe(1);
    expect(indexAt(line, line.positions[3]! - 1)).toBe(2);
    expect(indexAt(line, line.total)).toBe(5);
    expect(instantAt(line, 0)).toBe(T0);
    const mid = (line.positions[2]! + line.positions[3]!) / 2;
    // Halfway through the compressed wait, half of the 3 h wait has passed on the clock.
    expect(instantAt(line, mid)).toBe(Math.round(T0 + 20_000 + (3 * HOUR + 12 * MIN - 20_000) / 2));
    expect(instantAt(line, line.total)).toBe(T0 + 3 * HOUR + 13 * MIN);
    expect(positionOf(line, -1)).toBe(0);
    expect(positionOf(line, 3)).toBe(line.positions[3]);
    expect(positionOf(line, 99)).toBe(line.positions[5]);
  });

  it('marks a switch only when the channel changes, whatever the conversation', () => {
    const line = buildPlayline([received({ seq: 1, at: iso(0), message: message({ id: 'm1', channel: 'phone' }) }), received({ seq: 2, at: iso(1000), conversationId: CONV2, message: message({ id: 'm2', channel: 'phone', conversationId: CONV2 }) })]);
    expect(line.markers).toEqual([]);
  });
});
