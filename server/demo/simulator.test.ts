import { describe, expect, it } from 'vitest';
import { InboundMessage, normalizeIdentity } from '../../shared/index.js';
import { DEMO_CITIZEN_COUNT, DEMO_SEED } from './demo-citizens.js';
import { generateDemoPeople } from './demo-people.js';
import { mulberry32 } from './prng.js';
import { startSimulator } from './simulator.js';

const people = generateDemoPeople({ seed: DEMO_SEED, count: DEMO_CITIZEN_COUNT });
const known = new Set(people.flatMap((p) => [p.email, p.phone, p.messenger, p.webchat].filter((v): v is string => v !== undefined)));

function run(count: number, send: (m: InboundMessage) => Promise<void>, seed = 42): Promise<string[]> {
  const log: string[] = [];
  return new Promise((resolve) => {
    startSimulator({ send, intervalMs: 1, log: (l) => log.push(l), random: mulberry32(seed), count, onDone: () => resolve(log) });
  });
}

describe('simulator', () => {
  it('sends valid, uniquely identified messages, mostly from known demo citizens', async () => {
    const sent: InboundMessage[] = [];
    const log = await run(300, async (m) => {
      sent.push(m);
    });
    expect(sent).toHaveLength(300);
    expect(log).toHaveLength(300);
    expect(new Set(sent.map((m) => m.externalId)).size).toBe(300);
    for (const m of sent) {
      const parsed = InboundMessage.safeParse(m);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(normalizeIdentity(m.from.kind, m.from.value)).toBe(m.from.value);
    }
    const fromKnown = sent.filter((m) => known.has(m.from.value)).length;
    expect(fromKnown).toBeGreaterThan(180);
    expect(fromKnown).toBeLessThan(300);
    expect(new Set(sent.map((m) => m.channel))).toEqual(new Set(['email', 'phone', 'webchat', 'whatsapp', 'messenger']));
    expect(sent.filter((m) => m.kind === 'call').every((m) => m.call?.to && m.call.from === m.from.value)).toBe(true);
  });

  it('resends a message the server did not take, with the same external id, and keeps going', async () => {
    const attempts: string[] = [];
    let failures = 2;
    const log = await run(3, async (m) => {
      attempts.push(m.externalId);
      if (failures-- > 0) throw new Error('connect ECONNREFUSED');
    });
    expect(attempts).toHaveLength(5);
    expect(attempts[0]).toBe(attempts[1]);
    expect(attempts[1]).toBe(attempts[2]);
    expect(new Set(attempts).size).toBe(3);
    expect(log.filter((l) => l.includes('not delivered'))).toHaveLength(2);
  });

  it('stops when asked', async () => {
    const sent: InboundMessage[] = [];
    const sim = startSimulator({ send: async (m) => void sent.push(m), intervalMs: 5, log: () => {}, random: mulberry32(1) });
    await new Promise((r) => setTimeout(r, 60));
    sim.stop();
    const after = sent.length;
    expect(after).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(sent.length).toBe(after);
  });
});
