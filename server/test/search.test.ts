import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResults } from '../../shared/index.js';
import { emailFrom, startHarness, type Harness, type StaffKey } from './harness.js';

// GET /api/search on the real server: citizens then messages, within the caller's queues.

let h: Harness;
const tokens = new Map<StaffKey, string>();
beforeEach(async () => {
  h = await startHarness();
  tokens.clear();
});
afterEach(async () => {
  await h.close();
});

async function search(who: StaffKey, q: string, cursor?: string): Promise<{ status: number; body: SearchResults & { error?: { message: string } } }> {
  if (!tokens.has(who)) tokens.set(who, (await h.login(who)).token);
  const params = new URLSearchParams({ q, ...(cursor ? { cursor } : {}) });
  const res = await fetch(`${h.url}/api/search?${params}`, { headers: { authorization: `Bearer ${tokens.get(who)}` } });
  return { status: res.status, body: (await res.json()) as SearchResults & { error?: { message: string } } };
}

describe('GET /api/search', () => {
  it('finds a citizen by a phone typed with spaces, and messages by their words with highlights', async () => {
    const call = await h.inbound({
      channel: 'phone',
      externalId: 'CA-search-1',
      from: { kind: 'phone', value: '+33612345678', displayName: 'Hélène Lefèvre' },
      kind: 'call',
      text: "Appel : où en est mon acte d'état civil ?",
      call: { from: '+33612345678', to: '+33140000000', startedAt: '2026-11-27T09:00:00Z', durationSec: 65, outcome: 'answered' },
    });
    expect(call.status).toBe(201);
    await h.inbound(emailFrom('jeanne@example.fr', 'Question sur l’état civil de mon fils'));
    const byPhone = await search('agent', '06 12 34 56 78');
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.citizens.map((c) => [c.citizen.displayName, c.matchedBy])).toEqual([['Hélène Lefèvre', 'phone']]);
    const byName = await search('agent', 'helene');
    expect(byName.body.citizens[0]).toMatchObject({ matchedBy: 'name', nameHighlights: [{ start: 0, end: 6 }] });

    const words = await search('agent', 'ETAT civil');
    expect(words.body.messages.map((m) => m.citizenName)).toEqual(['Jeanne Dupont', 'Hélène Lefèvre']);
    const [first] = words.body.messages;
    expect(first!.highlights.map((r) => first!.snippet.slice(r.start, r.end))).toEqual(['état', 'civil']);
    expect(words.body.nextCursor).toBeNull();
  });

  it('keeps to the caller’s queues: an agent of another queue gets nothing, a trainer is refused', async () => {
    await h.inbound(emailFrom('jeanne@example.fr', 'Question sur l’état civil de mon fils'));
    expect((await search('agent', 'etat')).body.messages).toHaveLength(1);
    expect((await search('agent', 'jeanne@example.fr')).body.citizens).toHaveLength(1);
    const outsider = await search('outsider', 'etat');
    expect(outsider.status).toBe(200);
    expect(outsider.body).toEqual({ citizens: [], messages: [], nextCursor: null });
    expect((await search('outsider', 'jeanne@example.fr')).body.citizens).toEqual([]);
    expect((await search('supervisor', 'etat')).body.messages).toHaveLength(1);
    for (const who of ['trainer', 'trainee'] as const) expect((await search(who, 'etat')).status).toBe(403);
  });

  it('refuses an empty, too short, too long or meaningless query, or a bad cursor, with a reason', async () => {
    for (const q of ['', ' ', 'e', 'x'.repeat(201), '!!!']) {
      const res = await search('agent', q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.body.error?.message).toBeTruthy();
    }
    expect((await search('agent', 'etat', 'pas-un-curseur!')).status).toBe(400);
  });

  it('pages through messages with the cursor, citizens on the first page only', async () => {
    for (let i = 0; i < 23; i++) await h.inbound(emailFrom(`c${i}@example.fr`, `Relance ${i} pour mon passeport`));
    const first = await search('supervisor', 'passeport');
    expect(first.body.messages).toHaveLength(20);
    const second = await search('supervisor', 'passeport', first.body.nextCursor!);
    expect(second.body.messages).toHaveLength(3);
    expect(second.body.citizens).toEqual([]);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.messages, ...second.body.messages].map((m) => m.messageId);
    expect(new Set(all).size).toBe(23);
  });
});
