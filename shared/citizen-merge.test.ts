import { describe, expect, it } from 'vitest';
import { foldMerge, standingRecord } from './citizen-merge.js';
import type { AgentId, CitizenId } from './ids.js';
import type { JournalEvent } from './journal.js';
import type { Citizen } from './model.js';

const AT = '2026-12-04T09:00:00.000Z';
const email = { kind: 'email' as const, value: 'jean@example.fr', level: 'channel' as const };
const messenger = { kind: 'messenger' as const, value: 'psid-1', level: 'channel' as const };
const whatsapp = { kind: 'whatsapp' as const, value: '+33612345678', level: 'channel' as const };
const record = (id: string, identities: Citizen['identities'], mergedInto: string | null = null): Citizen => ({
  id: id as CitizenId,
  displayName: id,
  identities,
  createdAt: AT,
  mergedInto: mergedInto as CitizenId | null,
});
const event = (type: 'citizen.merged' | 'citizen.unmerged', identities: Citizen['identities']) =>
  ({
    seq: 10,
    at: AT,
    actor: { kind: 'agent', id: 'agt_lea' },
    citizenId: 'cit_a',
    type,
    payload: { survivorId: 'cit_a', mergedId: 'cit_b', identities, conversations: [], by: 'agt_lea' as AgentId, reason: 'x', ...(type === 'citizen.unmerged' ? { mergeSeq: 5 } : {}) },
  }) as unknown as Extract<JournalEvent, { type: 'citizen.merged' | 'citizen.unmerged' }>;

describe('foldMerge', () => {
  it('moves every identity the merged record holds when applied, and back on unmerge: the records are as they were', () => {
    const survivor = record('cit_a', [email]);
    // WhatsApp was filed under cit_b after the agent looked: it is not in the payload, it moves anyway.
    const merged = record('cit_b', [messenger, whatsapp]);
    const after = foldMerge(survivor, merged, event('citizen.merged', [messenger]));
    expect(after.survivor.identities).toEqual([email, messenger, whatsapp]);
    expect(after.merged).toMatchObject({ identities: [], mergedInto: 'cit_a', revision: 1 });

    const undone = foldMerge(after.survivor, after.merged, event('citizen.unmerged', [messenger, whatsapp]));
    const { revision: r1, ...survivorBack } = undone.survivor;
    const { revision: r2, ...mergedBack } = undone.merged;
    expect([r1, r2]).toEqual([2, 2]);
    expect(survivorBack).toEqual(survivor);
    expect(mergedBack).toEqual(merged);
  });
});

describe('standingRecord', () => {
  it('follows a merge of a merge to the record that stands now', () => {
    const all = new Map([record('cit_a', [], 'cit_b'), record('cit_b', [], 'cit_c'), record('cit_c', [])].map((c) => [c.id as string, c]));
    expect(standingRecord(all.get('cit_a')!, (id) => all.get(id)).id).toBe('cit_c');
    expect(standingRecord(all.get('cit_c')!, (id) => all.get(id)).id).toBe('cit_c');
  });
});
