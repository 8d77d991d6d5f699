import { isDemoCitizen } from './demo-sender-guard.js';
import { SPLIT_RECORDS } from './demo-split-records.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Citizen, CitizenId, Message } from '../../shared/index.js';
import { sanitizeEmailHtml } from '../content/sanitize-html.js';
import type { Store } from '../domain/ports.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { demoTotals, generateDemoCitizens } from './demo-citizens.js';
import { DEMO_AGENT_LIST } from './demo-directory.js';
import { seedDemo, type SeedDemoResult } from './seed-demo.js';

const NOW = new Date('2025-11-04T10:00:00Z');
const SURVEYS = { secret: 'demo-survey-secret-0123456789', publicUrl: 'http://localhost:3000' };
const PASSWORD = 'demo-password-123';
const plan = generateDemoCitizens({ now: NOW });

let dir: string;
let store: Store;
let result: SeedDemoResult;
const lines: string[] = [];

/** A demo citizen has a few dozen messages at most: one page holds the whole timeline. */
async function timelineOf(citizenId: CitizenId): Promise<Message[]> {
  const page = await store.timeline(citizenId, { limit: 200 });
  expect(page.olderCursor).toBeNull();
  return page.items;
}

async function citizenOf(person: (typeof plan.citizens)[number]): Promise<Citizen> {
  const first = person.conversations[0]!.steps[0]!;
  if (first.type !== 'inbound') throw new Error('plan opens with a message');
  const from = first.message.from;
  const citizen = await store.findCitizenByIdentity(from.kind, from.value);
  if (!citizen) throw new Error(`no citizen for ${person.key}`);
  return citizen;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'guichet-seed-'));
  store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite') });
  result = await seedDemo({ store, sanitizeHtml: sanitizeEmailHtml, log: (l) => lines.push(l), password: PASSWORD, now: NOW, surveys: SURVEYS });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedDemo into SQLite', () => {
  it('writes every planned citizen, conversation and message, and says so', async () => {
    const totals = demoTotals(plan);
    expect(result).toMatchObject({ created: true, citizens: 200, conversations: totals.conversations, messages: totals.messages });
    // The generated history, plus the people filed twice on purpose, each its own record.
    expect(await store.countCitizens()).toBe(200 + SPLIT_RECORDS.length);
    const split = await Promise.all(SPLIT_RECORDS.map(({ inbound }) => store.findCitizenByIdentity(inbound.from.kind, inbound.from.value)));
    expect(new Set(split.map((c) => c?.id)).size).toBe(SPLIT_RECORDS.length);
    // Each reaches nobody, so the demo's guard sends their replies to the sink.
    expect(split.every((c) => c !== null && isDemoCitizen(c))).toBe(true);
    expect(lines.join('\n')).toMatch(/200 citizens/);
    // How long seeding took is reported, not asserted: on a loaded CI machine a wall-clock bound
    // fails for nothing (speed lives in `npm run bench`, as ratios).
    expect(result.ms).toBeGreaterThan(0);

    let conversations = 0;
    let messages = 0;
    for (const person of plan.citizens) {
      const citizen = await citizenOf(person);
      conversations += (await store.listCitizenConversations(citizen.id)).length;
      // Survey invitations are the system's, not the plan's.
      messages += (await timelineOf(citizen.id)).filter((m) => m.author.kind !== 'system').length;
    }
    expect(conversations).toBe(totals.conversations);
    expect(messages).toBe(totals.messages);
  });

  it('files each citizen’s channels under one citizen, with cross-channel timelines', async () => {
    let crossChannel = 0;
    for (const person of plan.citizens) {
      const citizen = await citizenOf(person);
      const timeline = await timelineOf(citizen.id);
      if (new Set(timeline.map((m) => m.channel)).size > 1) crossChannel++;
      expect(timeline.every((m) => m.citizenId === citizen.id)).toBe(true);
    }
    expect(crossChannel).toBeGreaterThan(60);
  });

  it('leaves an inbox with open, pending, unassigned and unread conversations', async () => {
    const open = (await store.listConversations({ limit: 200, status: 'open' })).items;
    const pending = (await store.listConversations({ limit: 200, status: 'pending' })).items;
    expect(open.filter((c) => c.assigneeId === null && c.waitingSince !== null).length).toBeGreaterThanOrEqual(5);
    expect(open.filter((c) => c.unreadCount > 0).length).toBeGreaterThanOrEqual(10);
    expect(pending.length).toBeGreaterThanOrEqual(5);
    const queues = new Set([...open, ...pending].map((c) => c.queueId));
    expect(queues.size).toBe(4);
  });

  it('writes a chronological journal dated in the past', async () => {
    const events = await store.readJournal({ afterSeq: 0, limit: 100_000 });
    expect(events.length).toBeGreaterThan(result.messages);
    for (let i = 1; i < events.length; i++) expect(events[i]!.at >= events[i - 1]!.at).toBe(true);
    expect(events[events.length - 1]!.at < NOW.toISOString()).toBe(true);
  });

  it('stores sanitised HTML: no script, no remote tracking image', async () => {
    const step = plan.steps.find((s) => s.type === 'inbound' && s.message.html?.includes('<script>'));
    if (step?.type !== 'inbound') throw new Error('the plan has a tracked email');
    const citizen = await store.findCitizenByIdentity('email', step.message.from.value);
    const stored = (await timelineOf(citizen!.id)).find((m) => m.externalId === step.message.externalId);
    expect(stored?.html).toBeTruthy();
    expect(stored!.html).not.toMatch(/<script|tracker\.|javascript:|onclick/i);
  });

  it('saves the demo staff with one argon2id hash of the password', async () => {
    const agents = await store.listAgents();
    expect(agents.map((a) => a.email).sort()).toEqual(DEMO_AGENT_LIST.map((a) => a.email).sort());
    expect(new Set(agents.map((a) => a.passwordHash)).size).toBe(1);
    expect(agents[0]!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verify(agents[0]!.passwordHash, PASSWORD)).toBe(true);
    expect((await store.listQueues()).find((q) => q.isDefault)?.id).toBe('que_accueil');
  });

  it('writes the service levels live rounds would have: sla.set per conversation, breaches when missed', async () => {
    const events = await store.readJournal({ afterSeq: 0, limit: 100_000 });
    const opened = events.filter((e) => e.type === 'conversation.opened');
    const set = events.filter((e) => e.type === 'sla.set');
    const breached = events.flatMap((e) => (e.type === 'sla.breached' ? [e] : []));
    expect(new Set(set.map((e) => e.conversationId))).toEqual(new Set(opened.map((e) => e.conversationId)));
    expect(breached.filter((e) => e.payload.kind === 'first_response').length).toBeGreaterThan(0);
    expect(breached.filter((e) => e.payload.kind === 'resolution').length).toBeGreaterThan(0);
    // Each breach is journaled as its due time passes, not at the end of the seeding.
    for (const e of breached) expect(Date.parse(e.at) - Date.parse(e.payload.dueAt)).toBe(1);
    // Most targets are met: the demo's service levels suit its history.
    expect(breached.filter((e) => e.payload.kind === 'first_response').length).toBeLessThan(opened.length / 2);
    const urbanisme = (await store.listQueues()).find((q) => q.id === 'que_urbanisme');
    expect(urbanisme).toMatchObject({ requiredSkill: 'urbanisme', calendarId: 'mairie', assignment: { strategy: 'least-busy' } });
    expect(set.find((e) => e.queueId === 'que_dechets')?.payload.calendarId).toBe('centre-technique');
  });

  it('sends surveys on resolution and records some answers later, scored after the service given', async () => {
    const events = await store.readJournal({ afterSeq: 0, limit: 100_000 });
    const sent = events.flatMap((e) => (e.type === 'survey.sent' ? [e] : []));
    const answered = events.flatMap((e) => (e.type === 'survey.answered' ? [e] : []));
    expect(sent.length).toBeGreaterThan(50);
    // A third to a half answer, each once, after its survey went out, about the same conversation.
    expect(answered.length / sent.length).toBeGreaterThan(0.25);
    expect(answered.length / sent.length).toBeLessThan(0.6);
    for (const a of answered) {
      const survey = sent.find((s) => s.payload.surveyId === a.payload.surveyId);
      expect(survey?.conversationId).toBe(a.conversationId);
      expect(a.at > survey!.at).toBe(true);
    }
    expect(new Set(answered.map((a) => a.payload.surveyId)).size).toBe(answered.length);
    // Citizens whose first response was late score lower on average.
    const late = new Set(events.flatMap((e) => (e.type === 'sla.breached' && e.payload.kind === 'first_response' ? [e.conversationId] : [])));
    const mean = (xs: number[]) => xs.reduce((n, x) => n + x, 0) / xs.length;
    const [lateScores, onTime] = [answered.filter((a) => late.has(a.conversationId)), answered.filter((a) => !late.has(a.conversationId))].map((xs) => xs.map((a) => a.payload.score));
    expect(mean(lateScores!)).toBeLessThan(mean(onTime!));
  });

  it('gives the staff their routing skills and capacities', async () => {
    const karim = await store.findAgentByEmail('karim.haddad@mairie.example');
    expect(karim?.skills).toContain('urbanisme');
    expect(karim?.capacity).toMatchObject({ phone: 1, email: 10 });
  });

  it('does nothing the second time', async () => {
    const head = await store.headSeq();
    const again = await seedDemo({ store, sanitizeHtml: sanitizeEmailHtml, log: () => {}, password: 'other-password', now: NOW });
    expect(again.created).toBe(false);
    expect(await store.headSeq()).toBe(head);
    expect(await store.countCitizens()).toBe(200 + SPLIT_RECORDS.length);
  });
});

describe('the demo answer library', () => {
  it('holds about thirty answers with their variants, French and English side by side, one edited', async () => {
    const answers = await store.listAnswers();
    expect(answers.length).toBeGreaterThanOrEqual(28);
    for (const a of answers) expect(Object.keys(a.variants).sort()).toEqual(['email', 'phone', 'short']);
    const english = answers.filter((a) => a.language === 'en');
    expect(english.length).toBeGreaterThanOrEqual(3);
    for (const a of english) expect(answers.find((fr) => fr.id === a.group)?.language).toBe('fr');
    expect((await store.listAnswerVersions('ans_carte-identite' as never)).map((a) => a.version)).toEqual([2, 1]);
    expect(new Set(answers.map((a) => a.theme)).size).toBeGreaterThanOrEqual(7);
  });

  it('is used by the history on every written channel, in the channel’s variant, with every placeholder filled', async () => {
    const uses = await store.listAnswerUses({ from: '2000-01-01T00:00:00Z', to: NOW.toISOString() });
    expect(uses.length).toBeGreaterThan(50);
    const channels = new Set(uses.map((u) => u.channel));
    for (const c of ['email', 'whatsapp', 'messenger', 'webchat'] as const) expect(channels, c).toContain(c);
    expect(new Set(uses.map((u) => u.answerId)).size).toBeGreaterThanOrEqual(15);
    const person = plan.citizens.find((p) => p.conversations.some((c) => c.steps.some((s) => s.type === 'reply' && s.answer && s.channel === 'whatsapp')))!;
    const sent = (await timelineOf((await citizenOf(person)).id)).filter((m) => m.answer && m.channel === 'whatsapp');
    expect(sent.length).toBeGreaterThan(0);
    for (const m of sent) {
      expect(m.text).not.toMatch(/\{\{|\}\}|Bien cordialement/);
      expect(m.text.startsWith(`Bonjour ${person.displayName}, `)).toBe(true);
    }
  });
});
