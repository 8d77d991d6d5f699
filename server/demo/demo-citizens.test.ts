import { describe, expect, it } from 'vitest';
import { canSeeConversation, InboundMessage, normalizeIdentity, type Channel } from '../../shared/index.js';
import { isFictionNumber, isReservedEmail } from '../domain/fictitious.js';
import { isDemoCitizen } from './demo-sender-guard.js';
import { chooseQueue } from '../domain/queue-choice.js';
import { demoTotals, generateDemoCitizens } from './demo-citizens.js';
import { DEMO_QUEUES, demoAgent } from './demo-directory.js';
import { channelsOf, identityOf } from './demo-inbound.js';
import { SCENARIOS } from './demo-scenarios.js';

const NOW = new Date('2025-11-04T10:00:00Z');
const data = generateDemoCitizens({ now: NOW });
const messageSteps = (steps: typeof data.steps) => steps.filter((s) => s.type === 'inbound' || s.type === 'reply' || s.type === 'note');

describe('demo citizens', () => {
  it('is deterministic for a seed and a clock', () => {
    expect(generateDemoCitizens({ now: NOW })).toEqual(data);
    const other = generateDemoCitizens({ now: NOW, seed: 7 });
    expect(other.citizens.map((c) => c.displayName)).not.toEqual(data.citizens.map((c) => c.displayName));
  });

  it('keeps the same people whatever the clock, so the simulator can write as them', () => {
    const later = generateDemoCitizens({ now: new Date('2026-03-01T08:00:00Z') });
    const people = (d: typeof data) => d.citizens.map(({ conversations: _c, ...person }) => person);
    expect(people(later)).toEqual(people(data));
  });

  it('has about 200 citizens with 1 to 4 conversations, each with several messages', () => {
    expect(data.citizens).toHaveLength(200);
    for (const citizen of data.citizens) {
      expect(citizen.conversations.length).toBeGreaterThanOrEqual(1);
      expect(citizen.conversations.length).toBeLessThanOrEqual(4);
      for (const conversation of citizen.conversations) {
        expect(conversation.steps[0]?.type).toBe('inbound');
        expect(messageSteps(conversation.steps).length, conversation.key).toBeGreaterThanOrEqual(2);
      }
    }
    const totals = demoTotals(data);
    expect(totals.conversations).toBeGreaterThan(350);
    expect(totals.messages).toBeGreaterThan(1500);
  });

  it('spans the channels, with calls of every outcome and cross-channel conversations', () => {
    const inbound = data.steps.flatMap((s) => (s.type === 'inbound' ? [s.message] : []));
    const channels = new Set(inbound.map((m) => m.channel));
    for (const c of ['email', 'phone', 'webchat', 'whatsapp', 'messenger'] satisfies Channel[]) expect(channels).toContain(c);
    const calls = inbound.filter((m) => m.kind === 'call');
    expect(new Set(calls.map((m) => m.call?.outcome))).toEqual(new Set(['answered', 'missed', 'voicemail']));
    for (const call of calls) {
      expect(call.text).toMatch(/^Appel entrant — /);
      expect(Date.parse(call.call!.startedAt)).toBeLessThanOrEqual(Date.parse(call.call!.endedAt!));
    }
    const crossChannel = data.citizens.flatMap((c) => c.conversations).filter((conv) => {
      const used = new Set(conv.steps.flatMap((s) => (s.type === 'inbound' ? [s.message.channel] : s.type === 'reply' ? [s.channel] : [])));
      return used.size > 1;
    });
    expect(crossChannel.length).toBeGreaterThan(40);
  });

  it('gives every citizen valid, normalised identities that no one else holds', () => {
    const seen = new Set<string>();
    for (const citizen of data.citizens) {
      expect(channelsOf(citizen).length).toBeGreaterThan(0);
      for (const channel of channelsOf(citizen)) {
        const { kind, value } = identityOf(citizen, channel);
        expect(normalizeIdentity(kind, value)).toBe(value);
        const key = `${kind === 'whatsapp' ? 'phone' : kind}:${value}`;
        if (kind !== 'whatsapp') {
          expect(seen.has(key), key).toBe(false);
          seen.add(key);
        }
      }
      if (citizen.phone) expect(citizen.phone).toMatch(/^\+3363998\d{4}$/);
      if (citizen.messenger) expect(citizen.messenger).toMatch(/^[1-9]\d{15}$/);
    }
  });

  it('invents people who reach nobody: reserved mail domains, ARCEP fiction numbers, in every message too', () => {
    for (const citizen of data.citizens) {
      if (citizen.email) expect(isReservedEmail(citizen.email), citizen.email).toBe(true);
      if (citizen.phone) expect(isFictionNumber(citizen.phone), citizen.phone).toBe(true);
      expect(isDemoCitizen({ identities: channelsOf(citizen).map((c) => ({ ...identityOf(citizen, c), level: 'unverified' })) }), citizen.key).toBe(true);
    }
    for (const step of data.steps) {
      if (step.type !== 'inbound') continue;
      const m = step.message;
      for (const identity of [m.from, ...(m.alsoKnownAs ?? [])]) {
        if (identity.kind === 'email') expect(isReservedEmail(identity.value), identity.value).toBe(true);
        if (identity.kind === 'phone' || identity.kind === 'whatsapp') expect(isFictionNumber(identity.value), identity.value).toBe(true);
      }
      if (m.call) for (const n of [m.call.from, m.call.to]) expect(isFictionNumber(n), n).toBe(true);
      // No address or number written in a text either, other than invented ones.
      for (const address of `${m.subject ?? ''} ${m.text} ${m.html ?? ''}`.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []) {
        expect(isReservedEmail(address), address).toBe(true);
      }
    }
  });

  it('produces inbound messages the ingest schema accepts, with unique external ids', () => {
    const ids = new Set<string>();
    for (const step of data.steps) {
      if (step.type !== 'inbound') continue;
      const parsed = InboundMessage.safeParse(step.message);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(ids.has(step.message.externalId)).toBe(false);
      ids.add(step.message.externalId);
      for (const aka of step.message.alsoKnownAs ?? []) expect(normalizeIdentity(aka.kind, aka.value)).toBe(aka.value);
    }
  });

  it('is chronological, within the last two months, and never in the future', () => {
    const times = data.steps.map((s) => Date.parse(s.at));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(times[0]).toBeGreaterThan(NOW.getTime() - 70 * 86_400_000);
    expect(times[times.length - 1]).toBeLessThan(NOW.getTime());
  });

  it('resolves every conversation but a citizen’s last before the next one opens', () => {
    for (const citizen of data.citizens) {
      citizen.conversations.forEach((conversation, i) => {
        const last = conversation.steps[conversation.steps.length - 1]!;
        if (i < citizen.conversations.length - 1) {
          expect(conversation.profile).toBe('resolved');
          expect(last).toMatchObject({ type: 'status', status: 'resolved' });
          expect(last.at < citizen.conversations[i + 1]!.steps[0]!.at).toBe(true);
        }
      });
    }
    const profiles = data.citizens.map((c) => c.conversations[c.conversations.length - 1]!.profile);
    const count = (p: string) => profiles.filter((x) => x === p).length;
    expect(count('unassigned')).toBeGreaterThanOrEqual(5);
    expect(count('waiting')).toBeGreaterThanOrEqual(10);
    expect(count('pending')).toBeGreaterThanOrEqual(5);
  });

  it('has staff act only on conversations they may reach', () => {
    for (const conversation of data.citizens.flatMap((c) => c.conversations)) {
      for (const step of conversation.steps) {
        if (step.type === 'inbound') continue;
        const agent = demoAgent(step.agentId);
        const assigned = conversation.agentId;
        expect(canSeeConversation(agent, { queueId: conversation.queueId, assigneeId: assigned }), `${agent.id} on ${conversation.key}`).toBe(true);
      }
    }
  });

  it('routes every scenario’s opening to the queue it is written for', () => {
    for (const scenario of SCENARIOS) {
      scenario.open.forEach((text, i) => {
        const subject = scenario.subjects[i % scenario.subjects.length];
        expect(chooseQueue({ queues: DEMO_QUEUES }, { channel: 'email', subject, text }), `${scenario.key} #${i}`).toBe(scenario.queueId);
        expect(chooseQueue({ queues: DEMO_QUEUES }, { channel: 'webchat', text }), `${scenario.key} #${i} (chat)`).toBe(scenario.queueId);
      });
      for (const call of scenario.call) expect(chooseQueue({ queues: DEMO_QUEUES }, { channel: 'phone', text: call }), scenario.key).toBe(scenario.queueId);
    }
  });

  it('includes HTML emails, one of them carrying a script and a tracking pixel', () => {
    const html = data.steps.flatMap((s) => (s.type === 'inbound' && s.message.html ? [s.message.html] : []));
    expect(html.length).toBeGreaterThan(50);
    expect(html.filter((h) => h.includes('<script>') && h.includes('http://tracker.'))).toHaveLength(1);
    expect(html.some((h) => h.includes('<ul><li>'))).toBe(true);
    expect(html.some((h) => h.includes('<b>'))).toBe(true);
  });
});
