import { buildConversation, type ConversationPlan, type DemoStep, type Profile } from './demo-conversation.js';
import { otherIdentities } from './demo-inbound.js';
import { generateDemoPeople, type DemoPerson } from './demo-people.js';
import { SCENARIOS, TRACKED_EMAIL_HTML, type Scenario } from './demo-scenarios.js';
import { createRng, deriveSeed, type Rng } from './prng.js';

export type { ConversationPlan, DemoStep, Profile } from './demo-conversation.js';
export type { DemoPerson } from './demo-people.js';

export const DEMO_SEED = 20_251_104;
export const DEMO_CITIZEN_COUNT = 200;

export interface DemoCitizen extends DemoPerson {
  /** Oldest first; all but the last are resolved, since a citizen has one active conversation at most. */
  conversations: ConversationPlan[];
}

export interface DemoData {
  citizens: DemoCitizen[];
  /** Every step of every conversation, in the order they happened. */
  steps: DemoStep[];
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** History reaches back about this far; older conversations are dropped. */
const HISTORY_MS = 62 * DAY;

const LAST_PROFILE: readonly (readonly [Profile, number])[] = [
  ['resolved', 54],
  ['pending', 12],
  ['waiting', 14],
  ['replied', 14],
  ['unassigned', 6],
];

/** How long before now the citizen's latest conversation ends, by how it stands. */
function lastEndBefore(profile: Profile, rng: Rng): number {
  switch (profile) {
    case 'unassigned':
    case 'waiting':
      return rng.int(10, 40 * 60) * MIN;
    case 'replied':
      return rng.int(60, 4 * 24 * 60) * MIN;
    case 'pending':
      return rng.int(6 * 60, 8 * 24 * 60) * MIN;
    case 'resolved':
      return rng.int(2 * 60, 30 * 24 * 60) * MIN;
  }
}

/**
 * Builds a conversation ending shortly before `limit`. Building forwards snaps staff replies
 * to office hours, so a probe measures the duration and the start is walked back until the end fits; the rng is re-created each
 * time so the texts and channels stay the same, only the times move.
 */
function fitBefore(limit: number, build: (start: number) => ConversationPlan): ConversationPlan {
  const endOf = (plan: ConversationPlan) => Date.parse(plan.steps[plan.steps.length - 1]?.at ?? '');
  const probe = limit - 3 * DAY;
  let start = limit - (endOf(build(probe)) - probe);
  let plan = build(start);
  for (let attempt = 0; attempt < 8 && endOf(plan) > limit; attempt++) {
    start -= endOf(plan) - limit + (attempt + 1) * HOUR;
    plan = build(start);
  }
  const overshoot = endOf(plan) - limit;
  if (overshoot > 0) {
    // Still past the limit (a weekend in the way): slide the whole thing back unchanged.
    for (const step of plan.steps) step.at = new Date(Date.parse(step.at) - overshoot).toISOString();
  }
  return plan;
}

function chooseScenarios(rng: Rng, count: number): Scenario[] {
  const pool = [...SCENARIOS];
  const chosen: Scenario[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  return chosen;
}

/**
 * The demo history: `count` citizens with 1–4 conversations each over about two months before
 * `now`. Same seed and now → same data; the people (names, addresses, identities) depend on
 * the seed alone.
 */
export function generateDemoCitizens(opts: { seed?: number; now?: Date; count?: number } = {}): DemoData {
  const seed = opts.seed ?? DEMO_SEED;
  const now = (opts.now ?? new Date()).getTime();
  const people = generateDemoPeople({ seed, count: opts.count ?? DEMO_CITIZEN_COUNT });

  const citizens = people.map((person, i): DemoCitizen => {
    const rng = createRng(deriveSeed(seed, 'life', i));
    const count = rng.weighted([[1, 28], [2, 34], [3, 24], [4, 14]] as const);
    const lastProfile = rng.weighted(LAST_PROFILE);
    const scenarios = chooseScenarios(rng, count);
    const conversations: ConversationPlan[] = [];
    // Placed from the latest backwards: each earlier one ends (resolved) before the next opens.
    let limit = now - lastEndBefore(lastProfile, rng);
    for (let j = count - 1; j >= 0; j--) {
      const key = `${person.key}-${j + 1}`;
      const profile: Profile = j === count - 1 ? lastProfile : 'resolved';
      const scenario = scenarios[j]!;
      const plan = fitBefore(limit, (start) =>
        buildConversation({ person, key, scenario, profile, start, rng: createRng(deriveSeed(seed, 'conversation', i, j)) }),
      );
      const startedAt = Date.parse(plan.steps[0]?.at ?? '');
      if (startedAt < now - HISTORY_MS && conversations.length > 0) break;
      conversations.unshift(plan);
      limit = startedAt - rng.int(2 * 60, 14 * 24 * 60) * MIN;
    }
    // The first contact carries the person's other identities, as a contact form or the
    // town's citizen account would: later messages on those channels then find this citizen.
    const opening = conversations[0]?.steps[0];
    if (opening?.type === 'inbound') {
      const aka = otherIdentities(person, opening.message.channel);
      if (aka.length > 0) opening.message.alsoKnownAs = aka;
    }
    return { ...person, conversations };
  });

  markTrackedEmail(citizens);
  const steps = citizens
    .flatMap((c) => c.conversations.flatMap((conv) => conv.steps))
    .map((step, order) => ({ step, order }))
    .sort((a, b) => (a.step.at < b.step.at ? -1 : a.step.at > b.step.at ? 1 : a.order - b.order))
    .map(({ step }) => step);
  let n = 0;
  for (const step of steps) if (step.type === 'inbound') step.message.externalId = `demo-${++n}`;
  return { citizens, steps };
}

/** One email in the history carries a script and a tracking pixel, to show what ingest strips. */
function markTrackedEmail(citizens: readonly DemoCitizen[]): void {
  for (const citizen of citizens) {
    for (const conversation of citizen.conversations) {
      const step = conversation.steps[0];
      if (step?.type === 'inbound' && step.message.channel === 'email' && step.message.html) {
        step.message.html = TRACKED_EMAIL_HTML(step.message.html, 4_271);
        return;
      }
    }
  }
}

/** Totals of a plan, as the store should count them after seeding. */
export function demoTotals(data: DemoData): { citizens: number; conversations: number; messages: number; calls: number } {
  let messages = 0;
  let calls = 0;
  for (const step of data.steps) {
    if (step.type === 'inbound' || step.type === 'reply' || step.type === 'note') messages++;
    if (step.type === 'inbound' && step.message.kind === 'call') calls++;
  }
  const conversations = data.citizens.reduce((sum, c) => sum + c.conversations.length, 0);
  return { citizens: data.citizens.length, conversations, messages, calls };
}
