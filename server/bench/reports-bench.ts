import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHANNELS, type AgentId, type Channel, type CitizenId, type ConversationId, type Message, type MessageId, type NewJournalEvent, type QueueId } from '../../shared/index.js';
import { hashPassword } from '../auth/passwords.js';
import { mulberry32 } from '../demo/prng.js';
import { BoardService } from '../domain/board/board-service.js';
import { systemClock } from '../domain/ports.js';
import { createGuichet } from '../guichet-server.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { BusinessCalendar } from '../domain/business-hours/index.js';
import { businessMeasure } from '../domain/reports/business-measure.js';
import { dueTimes } from '../domain/sla/service-level.js';

// Reports over a generated history: BENCH_CONVERSATIONS (default 100 000) conversations written
// directly as journal events through store.append in batches (so every projection, the reporting
// one included, is maintained exactly as in production), then each chart's API call timed through
// the real HTTP route of a real server (login cookie, JSON parse of the answer included).
// Each call runs once cold (after a new journal event, so the rows are read from the store), then
// RUNS times warm (the page's charts of one period share one read while the journal is unchanged).

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DAYS = 365;
const BATCH_CONVERSATIONS = 500;
const START = Date.parse('2025-01-01T07:00:00.000Z');
const QUEUES = ['que_etat_civil', 'que_urbanisme', 'que_dechets'] as QueueId[];
const AGENTS = Array.from({ length: 40 }, (_, i) => `agt_bench_${i}` as AgentId);
const CITIZENS = Math.max(1, Math.floor(CONVERSATIONS / 3));
const CHANNEL_WEIGHTS: readonly [Channel, number][] = [
  ['email', 0.35],
  ['phone', 0.25],
  ['webchat', 0.2],
  ['whatsapp', 0.12],
  ['messenger', 0.08],
];

const iso = (ms: number) => new Date(ms).toISOString();

// Two sites, so report durations are counted in each conversation's own calendar (sla.set).
const SPLIT = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];
const CALENDARS = [
  BusinessCalendar.parse({ id: 'mairie', week: { '1': SPLIT, '2': SPLIT, '3': SPLIT, '4': SPLIT, '5': SPLIT, '6': [{ start: '09:00', end: '12:00' }] } }),
  BusinessCalendar.parse({ id: 'annexe', week: { '2': SPLIT, '4': SPLIT } }),
];
/** First-response / resolution targets in business minutes, per channel. */
const LEVEL: Readonly<Record<Channel, { firstResponseMinutes: number; resolutionMinutes: number }>> = {
  phone: { firstResponseMinutes: 5, resolutionMinutes: 960 },
  webchat: { firstResponseMinutes: 5, resolutionMinutes: 960 },
  email: { firstResponseMinutes: 960, resolutionMinutes: 2400 },
  whatsapp: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  messenger: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  instagram: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  telegram: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
};

function message(conversationId: ConversationId, citizenId: CitizenId, n: number, direction: 'inbound' | 'outbound', channel: Channel, at: string, call?: Message['call']): Message {
  return {
    id: `msg_${conversationId.slice(5)}_${n}` as MessageId,
    conversationId,
    citizenId,
    direction,
    channel,
    kind: call ? 'call' : 'text',
    author: direction === 'inbound' ? { kind: 'citizen' } : { kind: 'agent', id: AGENTS[0]!, name: 'Agent' },
    text: direction === 'inbound' ? 'Bonjour, où en est ma demande ?' : 'Bonjour, votre demande est traitée.',
    attachments: [],
    at,
    status: direction === 'inbound' ? 'received' : 'sent',
    ...(call ? { call } : {}),
  };
}

/** One conversation's life as journal events: opened, asked, assigned, answered, maybe switched, resolved, surveyed. */
function conversationEvents(i: number, rnd: () => number): NewJournalEvent[] {
  const conversationId = `conv_${String(i).padStart(8, '0')}` as ConversationId;
  const citizenId = `cit_${String(i % CITIZENS).padStart(8, '0')}` as CitizenId;
  const queueId = QUEUES[i % QUEUES.length]!;
  let pick = rnd();
  let channel: Channel = 'email';
  for (const [c, w] of CHANNEL_WEIGHTS) {
    if ((pick -= w) <= 0) {
      channel = c;
      break;
    }
  }
  const opened = START + Math.floor((i / CONVERSATIONS) * DAYS * 86_400_000) + Math.floor(rnd() * 3_600_000);
  const agent = AGENTS[Math.floor(rnd() * AGENTS.length)]!;
  const env = { citizenId, conversationId, queueId, actor: { kind: 'system' as const } };
  const events: NewJournalEvent[] = [];
  const push = (e: NewJournalEvent) => events.push(e);
  push({ ...env, at: iso(opened), type: 'conversation.opened', payload: { citizenName: 'Camille Martin', queueId, channel, priority: 'normal' } });
  const missed = channel === 'phone' && rnd() < 0.15;
  const firstCall = missed ? { from: '+33100000000', to: '+33200000000', startedAt: iso(opened), outcome: 'missed' as const } : undefined;
  push({ ...env, at: iso(opened), type: 'message.received', payload: { message: message(conversationId, citizenId, 0, 'inbound', channel, iso(opened), firstCall) } });
  // The SLA module's events: due times in the queue's calendar, and a breach when a target is missed.
  const calendar = CALENDARS[queueId === QUEUES[2] ? 1 : 0]!;
  const due = dueTimes(iso(opened), LEVEL[channel], calendar);
  push({ ...env, at: iso(opened + 1000), type: 'sla.set', payload: { ...due, calendarId: calendar.id } });
  const breach = (kind: 'first_response' | 'resolution', dueAt: string | undefined, doneAt: number) => {
    if (dueAt !== undefined && doneAt > Date.parse(dueAt)) push({ ...env, at: dueAt, type: 'sla.breached', payload: { kind, dueAt } });
  };
  push({ ...env, at: iso(opened + 30_000), type: 'conversation.assigned', payload: { assigneeId: agent, previousAssigneeId: null } });
  const abandoned = channel === 'webchat' && rnd() < 0.1;
  let t = opened + Math.floor(rnd() * (channel === 'email' ? 8 : 1) * 3_600_000);
  breach('first_response', due.firstResponseDueAt, t);
  if (!abandoned && !(missed && rnd() < 0.5)) {
    const switchTo: Channel = rnd() < 0.1 ? CHANNELS[Math.floor(rnd() * 5)]! : channel;
    const callBack = missed ? { from: '+33200000000', to: '+33100000000', startedAt: iso(t), outcome: 'answered' as const } : undefined;
    push({ ...env, at: iso(t), type: 'message.sent', payload: { message: message(conversationId, citizenId, 1, 'outbound', switchTo, iso(t), callBack) } });
  }
  t += Math.floor(rnd() * 48 * 3_600_000);
  // A year's history: everything is resolved but the last three days' traffic (some of which is
  // still open). A backlog of thousands of open conversations would be unrealistic and would make
  // the assignment and service-level rounds, which scan open conversations, dominate the timings.
  const recent = i >= CONVERSATIONS * (1 - 3 / DAYS);
  if (!recent || rnd() < 0.5) {
    breach('resolution', due.resolutionDueAt, t);
    push({ ...env, at: iso(t), type: 'conversation.status', payload: { status: 'resolved', previousStatus: 'open' } });
    if (!abandoned && rnd() < 0.6) {
      const surveyId = `srv_${i}`;
      push({ ...env, at: iso(t), type: 'survey.sent', payload: { surveyId, channel, agentId: agent } });
      if (rnd() < 0.4) {
        const score = 1 + Math.floor(rnd() * 5);
        push({ ...env, actor: { kind: 'citizen' }, at: iso(t + 600_000), type: 'survey.answered', payload: { surveyId, channel, agentId: agent, score } });
      }
    }
  }
  return events;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-reports-bench-'));
  // Business minutes as in production (open-store.ts): the projection's cost is part of the load.
  const store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite'), measureMinutes: businessMeasure(CALENDARS) });
  try {
    const rnd = mulberry32(20251128);
    let started = performance.now();
    let events = 0;
    for (let first = 0; first < CONVERSATIONS; first += BATCH_CONVERSATIONS) {
      const batch: NewJournalEvent[] = [];
      for (let i = first; i < Math.min(CONVERSATIONS, first + BATCH_CONVERSATIONS); i++) batch.push(...conversationEvents(i, rnd));
      await store.append(batch);
      events += batch.length;
    }
    const loadMs = performance.now() - started;
    console.log(`history: ${CONVERSATIONS} conversations, ${events} journal events over ${DAYS} days, appended in ${(loadMs / 1000).toFixed(1)} s`);

    // The supervisor board's first snapshot after a start folds the journal (BoardService).
    const board = new BoardService(store, systemClock);
    started = performance.now();
    const first = await board.snapshot();
    const firstMs = performance.now() - started;
    started = performance.now();
    await board.snapshot();
    console.log(`board: first snapshot after start ${firstMs.toFixed(0)} ms (${Object.keys(first.conversations).length} conversations kept), next ${(performance.now() - started).toFixed(0)} ms`);

    for (const [i, id] of QUEUES.entries()) await store.saveQueue({ id, name: id, description: '', keywords: [], isDefault: i === 0 });
    const password = 'bench password 0123';
    await store.saveAgent({ id: 'agt_bench_supervisor' as AgentId, email: 'superviseure@bench.fr', displayName: 'Superviseure', role: 'supervisor', queueIds: [], passwordHash: await hashPassword(password) });
    const guichet = await createGuichet({
      store,
      ingestApiKey: 'bench-ingest-key-0123456789',
      staticDir: path.join(dir, 'no-console'),
      sessionTtlMs: 3_600_000,
      loginLimit: 100,
      loginWindowMs: 60_000,
      log: () => {},
    });
    try {
      const url = await guichet.listen(0, '127.0.0.1');
      // The server's own board warm-up folds the journal at start: not part of the report calls.
      await guichet.boardReady;
      // fetch reuses the connection; a server closing it as idle mid-reuse would read as a failure.
      guichet.http.keepAliveTimeout = 120_000;
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'superviseure@bench.fr', password }),
      });
      if (login.status !== 200) throw new Error(`login: ${login.status}`);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const year = 'from=2025-01-01&to=2025-12-31';
      const calls: [string, string][] = [
        ['per channel, whole year', `/api/reports/summary?${year}&by=channel`],
        ['per queue, whole year', `/api/reports/summary?${year}&by=queue`],
        ['per agent, whole year', `/api/reports/summary?${year}&by=agent`],
        ['daily series, whole year', `/api/reports/series?${year}&bucket=day`],
        ['weekly series, whole year', `/api/reports/series?${year}&bucket=week`],
        ['per channel, one month', `/api/reports/summary?from=2025-03-01&to=2025-03-31&by=channel`],
        ['per channel CSV, whole year', `/api/reports/summary?${year}&by=channel&format=csv`],
      ];
      // Baseline of the same run: reading the whole year's rows from the store, no HTTP, no figures.
      const reads: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        started = performance.now();
        await store.listReportRows({ from: '2024-12-31T23:00:00.000Z', to: '2025-12-31T23:00:00.000Z' });
        reads.push(performance.now() - started);
      }
      const baseline = reads.sort((a, b) => a - b)[Math.floor(reads.length / 2)]!;
      console.log(`baseline: reading the year's report rows from the store ${baseline.toFixed(0)} ms (median of ${RUNS})`);
      console.log(`report API calls (${RUNS} runs each after one cold call), through HTTP:`);
      for (const [label, pathAndQuery] of calls) {
        const once = async () => {
          started = performance.now();
          const res = await fetch(`${url}${pathAndQuery}`, { headers: { cookie } });
          if (res.status !== 200) throw new Error(`${pathAndQuery}: ${res.status} ${await res.text()}`);
          await (pathAndQuery.includes('csv') ? res.text() : res.json());
          return performance.now() - started;
        };
        // Cold = the rows read from the store: one more journal event first, so the report
        // service's read (shared while the journal head is unchanged) cannot be reused.
        const head = await store.headSeq();
        await store.append([{ at: new Date().toISOString(), actor: { kind: 'system' }, citizenId: 'cit_00000000' as CitizenId, conversationId: 'conv_00000000' as ConversationId, type: 'conversation.read', payload: { upToSeq: head } }]);
        const cold = await once();
        const times: number[] = [];
        for (let r = 0; r < RUNS; r++) times.push(await once());
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)]!;
        const warmMax = times[times.length - 1]!;
        console.log(`  ${label.padEnd(30)} cold ${cold.toFixed(0).padStart(5)} ms  warm median ${median.toFixed(0).padStart(5)} ms  warm max ${warmMax.toFixed(0).padStart(5)} ms  cold/baseline ${(cold / baseline).toFixed(2)}×  ${Math.max(cold, warmMax) < 1000 ? 'OK (< 1 s)' : 'SLOW (>= 1 s)'}`);
      }
    } finally {
      await guichet.close();
    }
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
