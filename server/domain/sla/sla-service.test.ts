import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, ConversationId, Queue, QueueId } from '../../../shared/index.js';
import { LocalEventBus } from '../../events/local-event-bus.js';
import { citizenCreated, conversationOpened, ids, messageEvent, messageOfRef, newConversation } from '../../testing/journal-events.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { BusinessCalendar } from '../business-hours/index.js';
import type { Clock, Store } from '../ports.js';
import { missedTargets, serviceLevelFor } from './service-level.js';
import { SlaService } from './sla-service.js';

const Q = 'que_urba' as QueueId;
const SPLIT = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:00' },
];
const mairie = BusinessCalendar.parse({ id: 'mairie', week: { '1': SPLIT, '2': SPLIT, '3': SPLIT, '4': SPLIT, '5': SPLIT } });
const QUEUE: Queue = {
  id: Q,
  name: 'Urbanisme',
  description: '',
  keywords: [],
  isDefault: true,
  calendarId: 'mairie',
  serviceLevels: { default: { firstResponseMinutes: 240, resolutionMinutes: 1200 }, webchat: { firstResponseMinutes: 5 } },
};

let dir: string;
let store: Store;
let now: Date;
const clock: Clock = { now: () => now };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-sla-'));
  store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  await store.saveQueue(QUEUE);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function opened(at: string, channel: 'email' | 'webchat' = 'email'): Promise<ConversationId> {
  const ref = newConversation(ids.citizen(), Q);
  await store.append([
    citizenCreated(ref.citizenId, { at }),
    conversationOpened(ref, { at, channel }),
    messageEvent('message.received', messageOfRef('message.received', ref, { at, channel }), Q),
  ]);
  return ref.conversationId;
}

describe('service levels', () => {
  it('picks the channel target, else the queue default', () => {
    expect(serviceLevelFor(QUEUE, 'webchat')).toEqual({ firstResponseMinutes: 5 });
    expect(serviceLevelFor(QUEUE, 'email')).toEqual({ firstResponseMinutes: 240, resolutionMinutes: 1200 });
    expect(serviceLevelFor({}, 'email')).toBeUndefined();
  });

  it('judges a late first reply a breach even when no check ran before it', () => {
    const c = { firstResponseDueAt: '2025-01-14T10:00:00Z', firstRespondedAt: '2025-01-14T10:05:00Z', resolvedAt: null } as Conversation;
    expect(missedTargets(c, new Date('2025-01-14T10:10:00Z'))).toEqual([{ kind: 'first_response', dueAt: '2025-01-14T10:00:00Z' }]);
    expect(missedTargets({ ...c, firstRespondedAt: '2025-01-14T09:59:00Z' }, new Date('2025-01-15T00:00:00Z'))).toEqual([]);
    expect(missedTargets({ ...c, firstRespondedAt: undefined, breaches: [{ kind: 'first_response', dueAt: c.firstResponseDueAt!, at: 'x' }] }, new Date('2025-01-15T00:00:00Z'))).toEqual([]);
  });
});

describe('SlaService', () => {
  it('sets due times in business hours and journals each breach once, even with two instances', async () => {
    // Friday 17 January 2025, 16:00 Paris (15:00Z): 60 minutes left on Friday, then Monday.
    now = new Date('2025-01-17T15:00:00Z');
    const c = await opened(now.toISOString());
    const [a, b] = [new SlaService({ store, bus: new LocalEventBus(), clock, calendars: [mairie] }), new SlaService({ store, bus: new LocalEventBus(), clock, calendars: [mairie] })];
    const first = await Promise.all([a.runRound(), b.runRound()]);
    expect(first.reduce((n, r) => n + r.set, 0)).toBe(1);
    const conv = await store.getConversation(c);
    // 240 min: 60 Friday + 180 Monday from 08:30 → Monday 11:30 Paris = 10:30Z.
    expect(conv?.firstResponseDueAt).toBe('2025-01-20T10:30:00.000Z');
    // 1200 min: 60 Friday + 420 Mon + 420 Tue + 300 Wed (08:30–12:00 = 210, 13:30 + 90) → Wed 15:00 Paris.
    expect(conv?.resolutionDueAt).toBe('2025-01-22T14:00:00.000Z');

    now = new Date('2025-01-20T10:29:00Z');
    expect((await a.runRound()).breached).toBe(0);
    now = new Date('2025-01-20T10:31:00Z');
    const rounds = await Promise.all([a.runRound(), b.runRound(), a.runRound()]);
    expect(rounds.reduce((n, r) => n + r.breached, 0)).toBe(1);
    const breaches = (await store.readJournalSlice({ conversationId: c, afterSeq: 0, limit: 50 })).filter((e) => e.type === 'sla.breached');
    expect(breaches.map((e) => e.type === 'sla.breached' && e.payload)).toEqual([{ kind: 'first_response', dueAt: '2025-01-20T10:30:00.000Z' }]);
    expect((await store.getConversation(c))?.breaches).toEqual([{ kind: 'first_response', dueAt: '2025-01-20T10:30:00.000Z', at: now.toISOString() }]);
  });

  it('uses the channel target: a web chat must be answered within 5 business minutes', async () => {
    now = new Date('2025-01-14T10:58:00Z'); // Tuesday 11:58 Paris, 2 minutes before lunch
    const c = await opened(now.toISOString(), 'webchat');
    await new SlaService({ store, bus: new LocalEventBus(), clock, calendars: [mairie] }).runRound();
    const conv = await store.getConversation(c);
    expect(conv?.firstResponseDueAt).toBe('2025-01-14T12:33:00.000Z'); // 13:33 Paris, after lunch
    expect(conv?.resolutionDueAt).toBeUndefined();
  });

  it('journals the calendar alone for a queue that names one but sets no target, once', async () => {
    await store.saveQueue({ ...QUEUE, serviceLevels: undefined });
    now = new Date('2025-01-14T10:00:00Z');
    const c = await opened(now.toISOString());
    const sla = new SlaService({ store, bus: new LocalEventBus(), clock, calendars: [mairie] });
    expect(await sla.runRound()).toEqual({ set: 1, breached: 0 });
    expect(await sla.runRound()).toEqual({ set: 0, breached: 0 });
    const conv = await store.getConversation(c);
    expect(conv?.calendarId).toBe('mairie');
    expect(conv?.firstResponseDueAt).toBeUndefined();
    const sets = (await store.readJournalSlice({ conversationId: c, afterSeq: 0, limit: 50 })).filter((e) => e.type === 'sla.set');
    expect(sets.map((e) => e.type === 'sla.set' && e.payload)).toEqual([{ calendarId: 'mairie' }]);
  });

  it('journals nothing for a queue with neither targets nor calendar', async () => {
    await store.saveQueue({ ...QUEUE, serviceLevels: undefined, calendarId: undefined });
    now = new Date('2025-01-14T10:00:00Z');
    await opened(now.toISOString());
    expect(await new SlaService({ store, bus: new LocalEventBus(), clock, calendars: [mairie] }).runRound()).toEqual({ set: 0, breached: 0 });
  });
});
