import { describe, expect, it } from 'vitest';
import type { AgentId, Queue, QueueId } from '../../../shared/index.js';
import type { StoredAgent } from '../ports.js';
import { applyRoutingSetup, jsonPath, parseRoutingSetup, parseRoutingSetupJson, RoutingSetupError, type RoutingSetupStore } from './routing-setup.js';

const SOURCE = 'ROUTING_FILE routing.json';

const good = () => ({
  calendars: [
    {
      id: 'mairie',
      week: { '1': [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }], '6': [{ start: '09:00', end: '12:00' }] },
    },
  ],
  queues: [
    { id: 'que_accueil', name: 'Accueil', isDefault: true, calendarId: 'mairie', assignment: { strategy: 'least-busy', offerTimeoutSec: 30 } },
    {
      id: 'que_urba',
      name: 'Urbanisme',
      keywords: ['permis'],
      requiredSkill: 'urbanisme',
      calendarId: 'mairie',
      serviceLevels: { phone: { firstResponseMinutes: 1 }, email: { firstResponseMinutes: 900, resolutionMinutes: 2250 }, default: { firstResponseMinutes: 240 } },
    },
  ],
  agents: [{ email: 'Agent@Mairie.example', queueIds: ['que_accueil', 'que_urba'], skills: ['urbanisme'], capacity: { phone: 1, webchat: 3, email: 8 } }],
});

/** The parse error's message for a setup changed by `edit`. */
function errorOf(edit: (setup: ReturnType<typeof good>) => unknown): string {
  const setup = good();
  const raw = edit(setup) ?? setup;
  try {
    parseRoutingSetup(raw, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(RoutingSetupError);
    return (error as Error).message;
  }
  throw new Error('expected the setup to be refused');
}

describe('parseRoutingSetup', () => {
  it('accepts a good setup, with the model defaults filled in', () => {
    const setup = parseRoutingSetup(good(), SOURCE);
    expect(setup.calendars[0]).toMatchObject({ id: 'mairie', timeZone: 'Europe/Paris', frenchHolidays: true, closures: [] });
    expect(setup.queues[0]).toMatchObject({ id: 'que_accueil', description: '', keywords: [], isDefault: true });
    expect(setup.queues[1]!.serviceLevels).toEqual({
      phone: { firstResponseMinutes: 1 },
      email: { firstResponseMinutes: 900, resolutionMinutes: 2250 },
      default: { firstResponseMinutes: 240 },
    });
    expect(setup.agents[0]!.email).toBe('agent@mairie.example');
    expect(parseRoutingSetup({}, SOURCE)).toEqual({ calendars: [], queues: [], agents: [] });
  });

  it('reads JSON text and names the source when it is not JSON', () => {
    expect(parseRoutingSetupJson(JSON.stringify(good()), SOURCE).queues).toHaveLength(2);
    expect(() => parseRoutingSetupJson('{ "queues": [', SOURCE)).toThrow(/^ROUTING_FILE routing\.json: not valid JSON \(/);
  });

  it('names the JSON path of schema errors, on one line', () => {
    const message = errorOf((s) => {
      (s.queues[1]!.serviceLevels as Record<string, unknown>).sms = { firstResponseMinutes: 3 };
      (s.queues[0]!.assignment as Record<string, unknown>).strategy = 'random';
      (s.calendars[0]!.week['1'][0] as Record<string, string>).end = '25:00';
      (s.agents[0]!.capacity as Record<string, unknown>).email = -1;
    });
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^ROUTING_FILE routing\.json: /);
    expect(message).toContain('queues[1].serviceLevels.sms: not an accepted key (expected one of "email"');
    expect(message).toContain('queues[0].assignment.strategy: expected one of "least-busy"|"round-robin"');
    expect(message).toContain('calendars[0].week["1"][0].end: must be a time "HH:MM" (00:00 to 24:00)');
    expect(message).toContain('agents[0].capacity.email:');
  });

  it('reads the identity level a queue requires, and refuses one that does not exist', () => {
    const setup = good();
    const withLevel = { ...setup, queues: setup.queues.map((q, i) => (i === 1 ? { ...q, requiredLevel: 'portal' } : q)) };
    expect(parseRoutingSetup(withLevel, SOURCE).queues[1]).toMatchObject({ requiredLevel: 'portal' });
    expect(parseRoutingSetup(setup, SOURCE).queues[1]).not.toHaveProperty('requiredLevel');
    expect(errorOf((s) => ({ ...s, queues: s.queues.map((q) => ({ ...q, requiredLevel: 'verified' })) }))).toContain('queues[0].requiredLevel');
  });

  it('refuses unknown keys rather than dropping them', () => {
    expect(errorOf((s) => ({ ...s, queue: [] }))).toContain('(top level): Unrecognized key: "queue"');
    expect(errorOf((s) => void ((s.queues[0] as Record<string, unknown>).serviceLevel = {}))).toContain('queues[0]: Unrecognized key: "serviceLevel"');
    expect(errorOf((s) => void ((s.calendars[0]!.week as Record<string, unknown>).monday = []))).toContain(
      'calendars[0].week.monday: not an accepted key (expected one of "0"|"1"|"2"|"3"|"4"|"5"|"6", 0 = Sunday … 6 = Saturday)',
    );
  });

  it('refuses duplicate queue and calendar ids', () => {
    expect(errorOf((s) => void s.queues.push({ ...s.queues[1]!, name: 'Autre' }))).toContain('queues[2].id: duplicate queue id "que_urba" (also queues[1])');
    expect(errorOf((s) => void s.calendars.push(s.calendars[0]!))).toContain('calendars[1].id: duplicate calendar id "mairie" (also calendars[0])');
  });

  it('refuses a second default queue in the file', () => {
    expect(errorOf((s) => void (s.queues[1] = { ...s.queues[1]!, isDefault: true } as never))).toContain(
      'queues[1].isDefault: a second default queue (queues[0] is one)',
    );
  });

  it('refuses a calendarId that names no declared calendar', () => {
    expect(errorOf((s) => void (s.queues[1]!.calendarId = 'annexe'))).toContain('queues[1].calendarId: unknown calendar "annexe" (declared: mairie)');
    expect(errorOf((s) => ({ ...s, calendars: [] }))).toContain('no calendar is declared');
  });

  it('refuses a calendar without any opening, and duplicate or malformed agent emails', () => {
    expect(errorOf((s) => void (s.calendars[0]!.week = {} as never))).toContain('calendars[0].week: no opening hours');
    expect(errorOf((s) => void s.agents.push({ ...s.agents[0]!, email: 'agent@mairie.example ' }))).toContain(
      'agents[1].email: duplicate agent "agent@mairie.example" (also agents[0])',
    );
    expect(errorOf((s) => void (s.agents[0]!.email = 'camille'))).toContain('agents[0].email: must be an email address');
  });

  it('formats paths as JSON paths', () => {
    expect(jsonPath(['queues', 2, 'serviceLevels', 'phone'])).toBe('queues[2].serviceLevels.phone');
    expect(jsonPath([])).toBe('(top level)');
  });
});

/** An in-memory stand-in for the store's directory, counting writes. */
function memoryStore(queues: Queue[], agents: StoredAgent[]) {
  const q = new Map(queues.map((x) => [x.id, structuredClone(x)]));
  const a = new Map(agents.map((x) => [x.id, structuredClone(x)]));
  const writes = { queues: 0, agents: 0 };
  const store: RoutingSetupStore = {
    listQueues: () => Promise.resolve([...q.values()].map((x) => structuredClone(x))),
    saveQueue: (x) => {
      writes.queues++;
      q.set(x.id, structuredClone(x));
      return Promise.resolve();
    },
    findAgentByEmail: (email) => Promise.resolve(structuredClone([...a.values()].find((x) => x.email.toLowerCase() === email.trim().toLowerCase()) ?? null)),
    saveAgent: (x) => {
      writes.agents++;
      a.set(x.id, structuredClone(x));
      return Promise.resolve();
    },
  };
  return { store, writes, queues: q, agents: a };
}

const camille: StoredAgent = {
  id: 'agt_camille' as AgentId,
  email: 'agent@mairie.example',
  displayName: 'Camille',
  role: 'agent',
  queueIds: [],
  passwordHash: '$argon2id$x',
};
const baseQueue: Queue = { id: 'que_accueil' as QueueId, name: 'Accueil général', description: '', keywords: [], isDefault: true };

describe('applyRoutingSetup', () => {
  it('writes queues and the agents’ routing fields, then nothing the second time', async () => {
    const mem = memoryStore([baseQueue, { ...baseQueue, id: 'que_autre' as QueueId, name: 'Autre', isDefault: false }], [camille]);
    const setup = parseRoutingSetup(good(), SOURCE);
    expect(await applyRoutingSetup(mem.store, setup, SOURCE)).toEqual({ queuesChanged: 2, agentsChanged: 1 });
    expect(mem.queues.get('que_urba' as QueueId)).toMatchObject({ requiredSkill: 'urbanisme', calendarId: 'mairie' });
    expect(mem.queues.get('que_accueil' as QueueId)).toMatchObject({ name: 'Accueil', assignment: { strategy: 'least-busy', offerTimeoutSec: 30 } });
    // A queue the file does not name is left alone.
    expect(mem.queues.get('que_autre' as QueueId)).toMatchObject({ name: 'Autre', isDefault: false });
    expect(mem.agents.get(camille.id)).toEqual({
      ...camille,
      queueIds: ['que_accueil', 'que_urba'],
      skills: ['urbanisme'],
      capacity: { phone: 1, webchat: 3, email: 8 },
    });

    const before = { ...mem.writes };
    expect(await applyRoutingSetup(mem.store, parseRoutingSetup(good(), SOURCE), SOURCE)).toEqual({ queuesChanged: 0, agentsChanged: 0 });
    expect(mem.writes).toEqual(before);
  });

  it('keeps the fields an agent entry leaves out', async () => {
    const mem = memoryStore([baseQueue], [{ ...camille, queueIds: ['que_accueil' as QueueId], skills: ['accueil'] }]);
    const setup = parseRoutingSetup({ agents: [{ email: 'agent@mairie.example', capacity: { email: 4 } }] }, SOURCE);
    await applyRoutingSetup(mem.store, setup, SOURCE);
    expect(mem.agents.get(camille.id)).toMatchObject({ queueIds: ['que_accueil'], skills: ['accueil'], capacity: { email: 4 } });
  });

  it('refuses an unknown email or queue id, and writes nothing', async () => {
    const mem = memoryStore([], [camille]);
    const raw = good();
    raw.agents.push({ ...raw.agents[0]!, email: 'personne@mairie.example', queueIds: ['que_accueil'] });
    raw.agents[0]!.queueIds.push('que_nulle_part');
    const setup = parseRoutingSetup(raw, SOURCE);
    const error = await applyRoutingSetup(mem.store, setup, SOURCE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoutingSetupError);
    expect((error as Error).message).toBe(
      'ROUTING_FILE routing.json: agents[0].queueIds[2]: unknown queue "que_nulle_part" (neither in the file nor in the store); ' +
        'agents[1].email: no staff account "personne@mairie.example" (create the account first, routing only sets its fields)',
    );
    expect(mem.writes).toEqual({ queues: 0, agents: 0 });
  });

  it('accepts queue ids already in the store', async () => {
    const mem = memoryStore([baseQueue], [camille]);
    const setup = parseRoutingSetup({ agents: [{ email: 'agent@mairie.example', queueIds: ['que_accueil'] }] }, SOURCE);
    expect(await applyRoutingSetup(mem.store, setup, SOURCE)).toEqual({ queuesChanged: 0, agentsChanged: 1 });
  });

  it('wants exactly one default queue among the store’s and the file’s', async () => {
    const other = { id: 'que_general', name: 'Général', isDefault: true };
    const two = await applyRoutingSetup(memoryStore([baseQueue], []).store, parseRoutingSetup({ queues: [other] }, SOURCE), SOURCE).catch((e: Error) => e.message);
    expect(two).toBe(
      'ROUTING_FILE routing.json: queues: 2 default queues (que_accueil in the store, que_general in the file): exactly one may have "isDefault": true; redefine que_accueil in the file with "isDefault": false',
    );
    const none = await applyRoutingSetup(memoryStore([baseQueue], []).store, parseRoutingSetup({ queues: [{ ...baseQueue, isDefault: false }] }, SOURCE), SOURCE).catch(
      (e: Error) => e.message,
    );
    expect(none).toContain('queues: no default queue');
    // Redefining the store's default as a plain queue makes the file's the only one.
    const mem = memoryStore([baseQueue], []);
    await applyRoutingSetup(mem.store, parseRoutingSetup({ queues: [{ ...baseQueue, isDefault: false }, other] }, SOURCE), SOURCE);
    expect([...mem.queues.values()].filter((q) => q.isDefault).map((q) => q.id)).toEqual(['que_general']);
  });
});
