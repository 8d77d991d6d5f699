import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent, AgentId, QueueId } from '../../../shared/index.js';
import { LocalEventBus } from '../../events/local-event-bus.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { systemClock, type Store } from '../ports.js';
import { CalendarSet, RoutingSetupService } from './live-setup.js';
import { parseRoutingSetup } from './routing-setup.js';

const ADMIN = { id: 'agt_admin' as AgentId, email: 'admin@mairie.test', displayName: 'Admin', role: 'admin', queueIds: [] } satisfies Agent;
const file = (name: string, minutes: number) =>
  parseRoutingSetup(
    {
      calendars: [{ id: 'mairie', week: { '1': [{ start: '09:00', end: '17:00' }] } }],
      queues: [{ id: 'que_accueil', name, isDefault: true, calendarId: 'mairie', serviceLevels: { default: { firstResponseMinutes: minutes } } }],
    },
    'ROUTING_FILE routing.json',
  );

let store: Store;
beforeEach(async () => {
  store = await openSqliteStore({ file: ':memory:' });
  await store.saveAgent({ ...ADMIN, passwordHash: 'x' });
});
afterEach(async () => {
  await store.close();
});

function service(calendars = new CalendarSet()) {
  const logged: string[] = [];
  return { logged, calendars, live: new RoutingSetupService({ store, bus: new LocalEventBus(), clock: systemClock, calendars, log: (l) => logged.push(l) }) };
}

const accueil = async () => (await store.listQueues()).find((q) => q.id === ('que_accueil' as QueueId))!;

describe('live routing setup across restarts', () => {
  it('seeds a new store from the file, keeps screen edits over an unchanged file, and applies a changed file', async () => {
    const first = service();
    await first.live.start({ setup: file('Accueil', 60), source: 'ROUTING_FILE routing.json' });
    expect((await first.live.document(ADMIN)).version).toBe(1);
    expect(first.calendars.get().map((c) => c.id)).toEqual(['mairie']);
    expect(first.live.queueRules.queues.map((q) => q.id)).toEqual(['que_accueil']);

    const doc = (await first.live.document(ADMIN)).setup;
    await first.live.replace(ADMIN, { ...doc, queues: doc.queues!.map((q) => ({ ...q, name: 'Accueil (modifié)' })) }, 1);
    expect((await accueil()).name).toBe('Accueil (modifié)');

    // Restart with the same file: the screen's version stands.
    const second = service();
    await second.live.start({ setup: file('Accueil', 60), source: 'ROUTING_FILE routing.json' });
    expect((await accueil()).name).toBe('Accueil (modifié)');
    expect((await second.live.document(ADMIN)).version).toBe(2);
    expect(second.logged.join('\n')).toMatch(/edited in the console \(version 2\) stands/);
    expect(second.calendars.get().map((c) => c.id)).toEqual(['mairie']);

    // The file was edited: it is applied as a new version.
    const third = service();
    await third.live.start({ setup: file('Accueil général', 45), source: 'ROUTING_FILE routing.json' });
    expect((await accueil()).name).toBe('Accueil général');
    expect((await accueil()).serviceLevels).toEqual({ default: { firstResponseMinutes: 45 } });
    expect((await third.live.history(ADMIN)).map((c) => [c.version, c.by.name])).toEqual([
      [3, 'ROUTING_FILE routing.json'],
      [2, 'Admin'],
      [1, 'ROUTING_FILE routing.json'],
    ]);
  });

  it('lets another instance pick a new version up on its next round', async () => {
    const a = service();
    const b = service();
    await a.live.start({ setup: file('Accueil', 60), source: 'file' });
    await b.live.start(null);
    const doc = (await a.live.document(ADMIN)).setup;
    await a.live.replace(ADMIN, { ...doc, calendars: [{ id: 'mairie', week: { '2': [{ start: '10:00', end: '12:00' }] } }] }, null);
    expect(b.calendars.get()[0]!.week['1']).toBeDefined();
    expect(await b.live.refresh()).toBe(true);
    expect(b.calendars.get()[0]!.week['2']).toEqual([{ start: '10:00', end: '12:00' }]);
    expect(await b.live.refresh()).toBe(false);
  });
});
