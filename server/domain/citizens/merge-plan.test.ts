import { describe, expect, it } from 'vitest';
import type { AgentId, Citizen, CitizenId, ConversationId, JournalEvent, QueueId } from '../../../shared/index.js';
import { DomainError } from '../errors.js';
import { planMerge, planUnmerge } from './merge-plan.js';

const AT = '2026-12-04T09:00:00.000Z';
const AGENT = 'agt_lea' as AgentId;
const conv = (id: string) => ({ id: id as ConversationId, queueId: 'que_a' as QueueId });
const citizen = (id: string, identities: Citizen['identities'], extra: Partial<Citizen> = {}): Citizen => ({
  id: id as CitizenId,
  displayName: id,
  identities,
  createdAt: AT,
  mergedInto: null,
  ...extra,
});
const email = { kind: 'email' as const, value: 'jean@example.fr', level: 'channel' as const };
const messenger = { kind: 'messenger' as const, value: 'psid-1', level: 'channel' as const };
const phone = { kind: 'phone' as const, value: '+33612345678', level: 'channel' as const };

describe('planMerge', () => {
  it('writes one citizen.merged under the survivor, claiming the next revision of both records', () => {
    const survivor = citizen('cit_a', [email], { revision: 2 });
    const merged = citizen('cit_b', [messenger]);
    const plan = planMerge({ survivor, merged, mergedConversations: [conv('conv_b1')], by: AGENT, reason: ' même personne ', suggested: ['same_email'], at: AT });
    expect(plan.events).toEqual([
      {
        at: AT,
        actor: { kind: 'agent', id: AGENT },
        citizenId: 'cit_a',
        type: 'citizen.merged',
        payload: { survivorId: 'cit_a', mergedId: 'cit_b', identities: [messenger], conversations: ['conv_b1'], by: AGENT, reason: 'même personne', suggested: ['same_email'] },
      },
      // One move per conversation, in its queue, named for the survivor.
      {
        at: AT,
        actor: { kind: 'agent', id: AGENT },
        citizenId: 'cit_a',
        conversationId: 'conv_b1',
        queueId: 'que_a',
        type: 'conversation.moved',
        payload: { fromCitizenId: 'cit_b', toCitizenId: 'cit_a', citizenName: 'cit_a', cause: 'merge' },
      },
    ]);
    expect(plan.claims.map((c) => c.key)).toEqual(['citizen:cit_a:r3', 'citizen:cit_b:r1']);
  });

  it('refuses a record with itself, an already merged record, and a merge without a reason', () => {
    const a = citizen('cit_a', [email]);
    const reasonOf = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err instanceof DomainError ? err.reason : String(err);
      }
      return 'no error';
    };
    expect(reasonOf(() => planMerge({ survivor: a, merged: a, mergedConversations: [], by: AGENT, reason: 'x', at: AT }))).toBe('same_citizen');
    const gone = citizen('cit_b', [], { mergedInto: 'cit_c' as CitizenId });
    expect(reasonOf(() => planMerge({ survivor: a, merged: gone, mergedConversations: [], by: AGENT, reason: 'x', at: AT }))).toBe('already_merged');
    expect(reasonOf(() => planMerge({ survivor: gone, merged: a, mergedConversations: [], by: AGENT, reason: 'x', at: AT }))).toBe('already_merged');
    expect(reasonOf(() => planMerge({ survivor: a, merged: citizen('cit_d', []), mergedConversations: [], by: AGENT, reason: '  ', at: AT }))).toBe('reason_required');
  });
});

describe('planUnmerge', () => {
  const merge = {
    seq: 40,
    at: AT,
    actor: { kind: 'agent', id: AGENT },
    citizenId: 'cit_a',
    type: 'citizen.merged',
    payload: { survivorId: 'cit_a', mergedId: 'cit_b', identities: [messenger], conversations: ['conv_b1', 'conv_b2'], by: AGENT, reason: 'même personne' },
  } as unknown as Extract<JournalEvent, { type: 'citizen.merged' }>;

  it('gives back what the merged record brought, and each later conversation that came in on its identities', () => {
    const survivor = citizen('cit_a', [email, messenger, phone], { revision: 1 });
    const merged = citizen('cit_b', [], { mergedInto: 'cit_a' as CitizenId, revision: 1 });
    const plan = planUnmerge({
      merge,
      survivor,
      merged,
      survivorConversations: [conv('conv_a1'), conv('conv_b1'), conv('conv_b2'), conv('conv_later_messenger'), conv('conv_later_email'), conv('conv_later_phone')],
      laterConversations: [
        { id: conv('conv_later_messenger').id, via: messenger },
        { id: conv('conv_later_email').id, via: email },
        // The phone was added to the survivor after the merge: what comes in on it stays.
        { id: conv('conv_later_phone').id, via: phone },
      ],
      by: 'agt_sup' as AgentId,
      reason: 'erreur',
      at: AT,
    });
    expect(plan.events[0]).toMatchObject({
      citizenId: 'cit_a',
      type: 'citizen.unmerged',
      payload: { survivorId: 'cit_a', mergedId: 'cit_b', mergeSeq: 40, identities: [messenger], conversations: ['conv_b1', 'conv_b2', 'conv_later_messenger'] },
    });
    expect(plan.events.slice(1).map((e) => [e.type, e.conversationId, e.citizenId])).toEqual([
      ['conversation.moved', 'conv_b1', 'cit_b'],
      ['conversation.moved', 'conv_b2', 'cit_b'],
      ['conversation.moved', 'conv_later_messenger', 'cit_b'],
    ]);
    expect(plan.claims.map((c) => c.key)).toEqual(['citizen:cit_a:r2', 'citizen:cit_b:r2']);
  });

  it('leaves out what the survivor no longer holds (an identity removed, a conversation moved since)', () => {
    const survivor = citizen('cit_a', [email], { revision: 1 });
    const merged = citizen('cit_b', [], { mergedInto: 'cit_a' as CitizenId, revision: 1 });
    const plan = planUnmerge({ merge, survivor, merged, survivorConversations: [conv('conv_b1')], laterConversations: [], by: AGENT, reason: 'erreur', at: AT });
    expect(plan.events[0]).toMatchObject({ payload: { identities: [], conversations: ['conv_b1'] } });
  });

  it('refuses a merge already undone, or a survivor merged since into a third record', () => {
    const survivor = citizen('cit_a', [email, messenger]);
    expect(() => planUnmerge({ merge, survivor, merged: citizen('cit_b', []), survivorConversations: [], laterConversations: [], by: AGENT, reason: 'x', at: AT })).toThrow(/no longer merged/);
    const mergedSince = citizen('cit_a', [email, messenger], { mergedInto: 'cit_z' as CitizenId });
    const merged = citizen('cit_b', [], { mergedInto: 'cit_a' as CitizenId });
    expect(() => planUnmerge({ merge, survivor: mergedSince, merged, survivorConversations: [], laterConversations: [], by: AGENT, reason: 'x', at: AT })).toThrow(/undo that first/);
  });
});
