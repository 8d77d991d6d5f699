import { createHash } from 'node:crypto';
import { z } from 'zod';
import { can, type Agent } from '../../../shared/index.js';
import type { BusinessCalendar } from '../business-hours/index.js';
import { DomainError } from '../errors.js';
import type { Clock, DirectoryStore, EventBus, JournalStore } from '../ports.js';
import type { QueueRules } from '../queue-choice.js';
import { applyRoutingSetup, parseRoutingSetup, RoutingSetupError, type RoutingSetup, type RoutingSetupInput } from './routing-setup.js';
import { commit } from '../commit.js';

// The routing setup as a live document of the store: seeded by ROUTING_FILE (or the demo's),
// edited on the admins' screens, applied on every instance without a restart. Each instance
// reads the stored version on every routing round and reloads when it moved; each change is
// journaled (routing.changed: who, when, which version) and kept in a short history.

const SETTING = 'routing-setup';
const HISTORY = 'routing-setup-history';
const HISTORY_LENGTH = 50;

export interface SetupChange {
  version: number;
  at: string;
  /** A member of staff, or where it came from ("ROUTING_FILE /etc/guichet/routing.json"). */
  by: { id: string | null; name: string };
  summary: string;
}

const Stored = z.object({
  version: z.number().int().positive(),
  setup: z.unknown(),
  /** Hash of the last file applied: a file changed since is applied again at start. */
  fileHash: z.string().nullable(),
  changedAt: z.string(),
});
type Stored = z.infer<typeof Stored>;

/** The calendars reports and service levels count in, readable at any time (they change live). */
export class CalendarSet {
  private list: readonly BusinessCalendar[];
  constructor(initial: readonly BusinessCalendar[] = []) {
    this.list = initial;
  }
  get(): readonly BusinessCalendar[] {
    return this.list;
  }
  set(list: readonly BusinessCalendar[]): void {
    this.list = list;
  }
}

/**
 * For processes that only read (the CLIs): the calendars of the stored setup, when there is one,
 * replace those of the file — the setup edited on screen is the one the server counts in.
 */
export async function adoptStoredCalendars(store: Pick<DirectoryStore, 'getSetting'>, calendars: CalendarSet): Promise<void> {
  const stored = Stored.safeParse(await store.getSetting(SETTING));
  if (stored.success) calendars.set(parseRoutingSetup(stored.data.setup, 'stored routing setup').calendars);
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

export interface LiveSetupDeps {
  /** The setup is a setting of the directory; each change is journaled. */
  store: DirectoryStore & JournalStore;
  bus: EventBus;
  clock: Clock;
  calendars: CalendarSet;
  log: (line: string) => void;
}

export class RoutingSetupService {
  /** Read by ingest for every new conversation: replaced in place when the setup changes. */
  readonly queueRules: QueueRules = { queues: [] };
  private version = 0;

  constructor(private readonly deps: LiveSetupDeps) {}

  /**
   * At start: the store's setup, unless a seed file is given that is new to the store (no setup
   * yet, or a file that changed since it was last applied), which is then applied as a version.
   */
  async start(seed: { setup: RoutingSetup; source: string } | null): Promise<void> {
    const stored = await this.read();
    const fileHash = seed ? hashOf(seed.setup) : null;
    if (seed && (!stored || stored.fileHash !== fileHash)) {
      const applied = await applyRoutingSetup(this.deps.store, seed.setup, seed.source);
      await this.save(seed.setup, { id: null, name: seed.source }, fileHash, `${seed.setup.queues.length} queues (${applied.queuesChanged} updated), ${seed.setup.agents.length} agents (${applied.agentsChanged} updated), ${seed.setup.calendars.length} calendars`);
      this.deps.log(`routing from ${seed.source}: applied as version ${this.version}`);
    } else if (stored && seed) {
      this.deps.log(`routing: the setup edited in the console (version ${stored.version}) stands; ${seed.source} has not changed since it was applied`);
    }
    await this.refresh();
  }

  /** Reloads when another instance (or this one) moved the version; cheap when nothing did. */
  async refresh(): Promise<boolean> {
    const stored = await this.read();
    const version = stored?.version ?? 0;
    if (version === this.version && this.queueRules.queues.length > 0) return false;
    const setup = stored ? parseRoutingSetup(stored.setup, `stored routing setup v${version}`) : null;
    this.deps.calendars.set(setup?.calendars ?? this.deps.calendars.get());
    this.queueRules.queues = await this.deps.store.listQueues();
    this.version = version;
    return true;
  }

  /** The setup as a ROUTING_FILE would hold it: every queue, every routed account, the calendars. */
  async document(viewer: Agent): Promise<{ version: number; setup: RoutingSetupInput }> {
    this.assertMay(viewer);
    const [stored, queues, agents] = await Promise.all([this.read(), this.deps.store.listQueues(), this.deps.store.listAgents()]);
    const calendars = stored ? parseRoutingSetup(stored.setup, 'stored routing setup').calendars : [];
    return {
      version: stored?.version ?? 0,
      setup: {
        calendars: [...calendars],
        queues: queues.map((q) => ({ ...q })),
        agents: agents
          .filter((a) => a.role === 'agent' || a.role === 'supervisor')
          .map((a) => ({ email: a.email.toLowerCase(), queueIds: a.queueIds, ...(a.skills ? { skills: a.skills } : {}), ...(a.capacity ? { capacity: a.capacity } : {}) })),
      },
    };
  }

  /**
   * Replaces the setup with the same validation as the file; `ifVersion` refuses a change made
   * from a stale screen. Supervisors may change the queues they belong to, nothing else.
   */
  async replace(actor: Agent, raw: unknown, ifVersion: number | null): Promise<{ version: number; change: SetupChange }> {
    this.assertMay(actor);
    let next: RoutingSetup;
    try {
      next = parseRoutingSetup(raw, 'setup');
    } catch (err) {
      if (err instanceof RoutingSetupError) throw new DomainError('bad_request', err.message);
      throw err;
    }
    const current = await this.document(actor);
    if (ifVersion !== null && ifVersion !== current.version) {
      throw new DomainError('conflict', `the setup changed meanwhile (version ${current.version}, yours was ${ifVersion}): reload it`, { reason: 'setup_changed' });
    }
    const before = parseRoutingSetup(current.setup, 'current setup');
    const changedQueues = next.queues.filter((q) => hashOf(q) !== hashOf(before.queues.find((b) => b.id === q.id) ?? null)).map((q) => q.id);
    if (actor.role !== 'admin') {
      const outside = changedQueues.filter((id) => !actor.queueIds.includes(id));
      if (hashOf(next.calendars) !== hashOf(before.calendars) || hashOf(sortByEmail(next.agents)) !== hashOf(sortByEmail(before.agents)) || outside.length > 0) {
        throw new DomainError('forbidden', `a supervisor changes the queues they belong to only${outside.length ? ` (not ${outside.join(', ')})` : ''}, never calendars or staff`, { reason: 'supervisor_scope' });
      }
    }
    try {
      await applyRoutingSetup(this.deps.store, next, 'setup');
    } catch (err) {
      if (err instanceof RoutingSetupError) throw new DomainError('bad_request', err.message);
      throw err;
    }
    const stored = await this.read();
    const summary = changedQueues.length ? `queues changed: ${changedQueues.join(', ')}` : 'calendars or staff routing changed';
    const change = await this.save(next, { id: actor.id, name: actor.displayName }, stored?.fileHash ?? null, summary);
    await this.refresh();
    return { version: this.version, change };
  }

  async history(viewer: Agent): Promise<SetupChange[]> {
    this.assertMay(viewer);
    return z.array(z.custom<SetupChange>()).catch([]).parse(await this.deps.store.getSetting(HISTORY));
  }

  private assertMay(viewer: Agent): void {
    if (!can(viewer.role, 'routing:manage')) throw new DomainError('forbidden', `your role (${viewer.role}) may not change routing`);
  }

  private async read(): Promise<Stored | null> {
    const parsed = Stored.safeParse(await this.deps.store.getSetting(SETTING));
    return parsed.success ? parsed.data : null;
  }

  private async save(setup: RoutingSetup, by: SetupChange['by'], fileHash: string | null, summary: string): Promise<SetupChange> {
    const stored = await this.read();
    const at = this.deps.clock.now().toISOString();
    const version = (stored?.version ?? 0) + 1;
    await this.deps.store.saveSetting(SETTING, { version, setup, fileHash, changedAt: at } satisfies Stored);
    const change: SetupChange = { version, at, by, summary };
    const history = await this.history({ role: 'admin' } as Agent);
    await this.deps.store.saveSetting(HISTORY, [change, ...history].slice(0, HISTORY_LENGTH));
    await commit(this.deps, [
      {
        type: 'routing.changed',
        at,
        actor: by.id ? { kind: 'agent', id: by.id, name: by.name } : { kind: 'system', name: by.name },
        payload: { agentId: (by.id ?? 'agt_system') as Agent['id'], version, summary: summary.slice(0, 500) },
      },
    ]);
    return change;
  }
}

function sortByEmail<T extends { email: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.email < b.email ? -1 : 1));
}

