import { z } from 'zod';
import { AssignmentStrategy, Channel, CHANNELS, Queue, QueueId, ServiceLevel, type Agent } from '../../../shared/index.js';
import { BusinessCalendar } from '../business-hours/index.js';
import type { Store, StoredAgent } from '../ports.js';

// A deployment's routing setup (README "Routing and service levels"): opening-hours calendars,
// full queue definitions and the routing fields of staff accounts, as one JSON document
// (ROUTING_FILE, or the demo's server/demo/demo-routing.json). Pure parsing here, and applying
// through the Store port; reading the file is the entry points' business (server/bootstrap.ts).

/** A setup that cannot be used; the message is one line naming where (`queues[1].calendarId: …`). */
export class RoutingSetupError extends Error {}

// Strict variants of the model's schemas: a typo in a hand-written file ("serviceLevel",
// "sms") is an error rather than a setting silently dropped.
const SetupServiceLevel = ServiceLevel.strict();
const SetupQueue = Queue.extend({
  assignment: z
    .object({ strategy: AssignmentStrategy, offerTimeoutSec: z.number().int().positive().max(3600) })
    .strict()
    .optional(),
  /** Per channel, with `default` for channels not listed. */
  serviceLevels: z.partialRecord(z.enum([...CHANNELS, 'default']), SetupServiceLevel).optional(),
  requiredSkill: z.string().trim().min(1).optional(),
  calendarId: z.string().min(1).optional(),
})
  .strict()
  // Back to the model's exact shape (serviceLevels is a plain record there).
  .transform((q): Queue => Queue.parse(q));

const SetupAgent = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
    queueIds: z.array(QueueId).optional(),
    skills: z.array(z.string().trim().min(1)).optional(),
    capacity: z.partialRecord(Channel, z.number().int().nonnegative()).optional(),
  })
  .strict();
export type SetupAgent = z.output<typeof SetupAgent>;

const SetupShape = z
  .object({
    calendars: z.array(BusinessCalendar.strict()).default([]),
    queues: z.array(SetupQueue).default([]),
    agents: z.array(SetupAgent).default([]),
  })
  .strict();

export const RoutingSetup = SetupShape.superRefine((setup, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const within = (prefix: string) => (path: (string | number)[], message: string) => issue([prefix, ...path], message);

  const calendarIssue = within('calendars');
  const calendarIds = new Map<string, number>();
  setup.calendars.forEach((c, i) => {
    const before = calendarIds.get(c.id);
    if (before !== undefined) calendarIssue([i, 'id'], `duplicate calendar id "${c.id}" (also calendars[${before}])`);
    else calendarIds.set(c.id, i);
    if (!Object.values(c.week).some((day) => day && day.length > 0)) calendarIssue([i, 'week'], 'no opening hours: give at least one day an interval');
  });

  const queueIssue = within('queues');
  const queueIds = new Map<string, number>();
  let defaultAt: number | undefined;
  setup.queues.forEach((q, i) => {
    const before = queueIds.get(q.id);
    if (before !== undefined) queueIssue([i, 'id'], `duplicate queue id "${q.id}" (also queues[${before}])`);
    else queueIds.set(q.id, i);
    if (q.isDefault) {
      if (defaultAt !== undefined) queueIssue([i, 'isDefault'], `a second default queue (queues[${defaultAt}] is one): exactly one queue has "isDefault": true`);
      else defaultAt = i;
    }
    if (q.calendarId !== undefined && !calendarIds.has(q.calendarId)) {
      const declared = [...calendarIds.keys()];
      queueIssue([i, 'calendarId'], `unknown calendar "${q.calendarId}" (${declared.length ? `declared: ${declared.join(', ')}` : 'no calendar is declared'})`);
    }
  });

  const agentIssue = within('agents');
  const emails = new Map<string, number>();
  setup.agents.forEach((a, i) => {
    const before = emails.get(a.email);
    if (before !== undefined) agentIssue([i, 'email'], `duplicate agent "${a.email}" (also agents[${before}])`);
    else emails.set(a.email, i);
  });
});
export type RoutingSetup = z.output<typeof RoutingSetup>;
export type RoutingSetupInput = z.input<typeof RoutingSetup>;

export const EMPTY_ROUTING_SETUP: RoutingSetup = { calendars: [], queues: [], agents: [] };

/** `queues[1].serviceLevels.phone` from a zod path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(top level)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0]?.message ?? issue.message;
    const week = issue.path.at(-2) === 'week' ? ', 0 = Sunday … 6 = Saturday' : '';
    return `${jsonPath(issue.path)}: not an accepted key (${inner.replace(/^Invalid option: /, '')}${week})`;
  }
  if (issue.code === 'invalid_format' && issue.format === 'regex') {
    // The calendar schema's patterns, said in words.
    const pattern = (issue as { pattern?: string }).pattern ?? '';
    if (pattern.includes('[0-5]')) return `${jsonPath(issue.path)}: must be a time "HH:MM" (00:00 to 24:00)`;
    if (pattern.includes('\\d{4}')) return `${jsonPath(issue.path)}: must be a date "YYYY-MM-DD"`;
  }
  if (issue.code === 'invalid_union' || issue.code === 'invalid_value') return `${jsonPath(issue.path)}: ${issue.message.replace(/^Invalid option: /, '')}`;
  return `${jsonPath(issue.path)}: ${issue.message}`;
}

const MAX_REASONS = 6;

/** Validates a parsed JSON value; `source` names it in errors (the file path). */
export function parseRoutingSetup(raw: unknown, source: string): RoutingSetup {
  const parsed = RoutingSetup.safeParse(raw);
  if (parsed.success) return parsed.data;
  const reasons = parsed.error.issues.map(describeIssue);
  const shown = reasons.slice(0, MAX_REASONS).join('; ');
  const more = reasons.length > MAX_REASONS ? `; and ${reasons.length - MAX_REASONS} more` : '';
  throw new RoutingSetupError(`${source}: ${shown}${more}`);
}

/** Parses and validates the file's text. */
export function parseRoutingSetupJson(text: string, source: string): RoutingSetup {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new RoutingSetupError(`${source}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseRoutingSetup(raw, source);
}

export interface ApplyResult {
  /** Queues written because they were new or differed from the store's. */
  queuesChanged: number;
  agentsChanged: number;
}

export type RoutingSetupStore = Pick<Store, 'listQueues' | 'saveQueue' | 'findAgentByEmail' | 'saveAgent'>;

/**
 * Writes the setup's queues and the agents' routing fields. Everything is checked against the
 * store first (agents exist, queue ids resolve, one default queue among the resulting queues),
 * so a refused setup writes nothing. Idempotent: what already matches is not rewritten. Queues
 * the setup does not name are left as they are; calendars live in the setup only (the entry
 * points pass them to the store and the server).
 */
export async function applyRoutingSetup(store: RoutingSetupStore, setup: RoutingSetup, source: string): Promise<ApplyResult> {
  const fail = (reasons: string[]) => {
    throw new RoutingSetupError(`${source}: ${reasons.join('; ')}`);
  };
  const stored = await store.listQueues();
  const storedById = new Map(stored.map((q) => [q.id, q]));
  const fileIds = new Set<string>(setup.queues.map((q) => q.id));
  const resulting = [...stored.filter((q) => !fileIds.has(q.id)), ...setup.queues];

  const reasons: string[] = [];
  const defaults = resulting.filter((q) => q.isDefault);
  const whence = (q: Queue) => (fileIds.has(q.id) ? `${q.id} in the file` : `${q.id} in the store`);
  if (defaults.length === 0) {
    reasons.push('queues: no default queue: exactly one queue needs "isDefault": true (where unmatched conversations go)');
  } else if (defaults.length > 1) {
    const fromStore = defaults.filter((q) => !fileIds.has(q.id)).map((q) => q.id);
    const hint = fromStore.length ? `; redefine ${fromStore.join(', ')} in the file with "isDefault": false` : '';
    reasons.push(`queues: ${defaults.length} default queues (${defaults.map(whence).join(', ')}): exactly one may have "isDefault": true${hint}`);
  }

  const known = new Set<string>(resulting.map((q) => q.id));
  const updates: StoredAgent[] = [];
  for (const [i, entry] of setup.agents.entries()) {
    entry.queueIds?.forEach((id, n) => {
      if (!known.has(id)) reasons.push(`agents[${i}].queueIds[${n}]: unknown queue "${id}" (neither in the file nor in the store)`);
    });
    const agent = await store.findAgentByEmail(entry.email);
    if (!agent) {
      reasons.push(`agents[${i}].email: no staff account "${entry.email}" (create the account first, routing only sets its fields)`);
      continue;
    }
    const next: StoredAgent = { ...agent, ...routingFields(entry) };
    if (!sameJson(next, agent)) updates.push(next);
  }
  if (reasons.length > 0) fail(reasons);

  let queuesChanged = 0;
  for (const queue of setup.queues) {
    const before = storedById.get(queue.id);
    if (before && sameJson(before, queue)) continue;
    await store.saveQueue(queue);
    queuesChanged++;
  }
  for (const agent of updates) await store.saveAgent(agent);
  return { queuesChanged, agentsChanged: updates.length };
}

function routingFields(entry: SetupAgent): Partial<Pick<Agent, 'queueIds' | 'skills' | 'capacity'>> {
  return {
    ...(entry.queueIds ? { queueIds: entry.queueIds } : {}),
    ...(entry.skills ? { skills: entry.skills } : {}),
    ...(entry.capacity ? { capacity: entry.capacity } : {}),
  };
}

/** Deep equality of JSON values, whatever the key order (stores do not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
