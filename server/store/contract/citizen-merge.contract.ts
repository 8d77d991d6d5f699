import { beforeEach, describe, expect, it } from 'vitest';
import type { Citizen, CitizenId, Identity, JournalEvent } from '../../../shared/index.js';
import { revisionClaim } from '../../domain/citizens/merge-plan.js';
import { ClaimConflictError, type Store } from '../../domain/ports.js';
import {
  at,
  citizenCreated,
  citizenMerged,
  citizenUnmerged,
  conversationOpened,
  conversationStatus,
  identityLinked,
  ids,
  messageEvent,
  messageOfRef,
  newConversation,
  type ConversationRef,
} from '../../testing/journal-events.js';

// citizen.merged / citizen.unmerged and the conversation.moved events written with them: the
// projections follow, the journal is never rewritten, an identity belongs to one record at every
// seq, and an unmerge gives back the very records a merge took.

const email: Identity = { kind: 'email', value: 'jean.dupont@example.fr', level: 'channel' };
const messenger: Identity = { kind: 'messenger', value: 'psid-jean', level: 'channel' };
const whatsapp: Identity = { kind: 'whatsapp', value: '+33612345678', level: 'channel' };

interface Pair {
  survivor: CitizenId;
  merged: CitizenId;
  survivorConversations: ConversationRef[];
  mergedConversations: ConversationRef[];
}

async function seedPair(store: Store): Promise<Pair> {
  const queue = ids.queue();
  const survivor = ids.citizen();
  const merged = ids.citizen();
  const a1 = newConversation(survivor, queue);
  const b1 = newConversation(merged, queue);
  const b2 = newConversation(merged, ids.queue());
  const said = (ref: ConversationRef, minutes: number, text: string) => messageEvent('message.received', messageOfRef('message.received', ref, { at: at(minutes), text, channel: ref === a1 ? 'email' : 'messenger' }), ref.queueId);
  await store.append([citizenCreated(survivor, { displayName: 'Jean Dupont', identities: [email] }), conversationOpened(a1, { at: at(1), citizenName: 'Jean Dupont' }), said(a1, 1, 'acte de naissance')]);
  await store.append([
    citizenCreated(merged, { displayName: 'Jean D.', identities: [messenger], at: at(2) }),
    conversationOpened(b1, { at: at(2), channel: 'messenger', citizenName: 'Jean D.' }),
    said(b1, 2, 'carte grise'),
    said(b1, 3, 'toujours rien'),
  ]);
  await store.append([conversationOpened(b2, { at: at(4), channel: 'messenger', citizenName: 'Jean D.' }), said(b2, 4, 'poubelles'), conversationStatus(b2, 'resolved', 'open', at(5))]);
  return { survivor, merged, survivorConversations: [a1], mergedConversations: [b1, b2] };
}

const withoutRevision = (c: Citizen | null) => {
  if (!c) return c;
  const { revision: _r, ...rest } = c;
  return rest;
};

/** What a reader sees of both records through the port. */
async function snapshot(store: Store, pair: Pair) {
  const all = [...pair.survivorConversations, ...pair.mergedConversations];
  const ofRecord = async (id: CitizenId) => ({
    citizen: withoutRevision(await store.getCitizen(id)),
    conversations: await store.listCitizenConversations(id),
    timeline: await store.timeline(id, { limit: 100 }),
  });
  return {
    survivor: await ofRecord(pair.survivor),
    merged: await ofRecord(pair.merged),
    conversations: await Promise.all(all.map((c) => store.getConversation(c.conversationId))),
    byIdentity: await Promise.all([email, messenger, whatsapp].map(async (i) => (await store.findCitizenByIdentity(i.kind, i.value))?.id ?? null)),
    reportRows: (await store.listReportRows({ from: at(-60), to: at(600) })).map((r) => ({ conversationId: r.conversationId, citizenId: r.citizenId })).sort((a, b) => a.conversationId.localeCompare(b.conversationId)),
    count: await store.countCitizens(),
  };
}

async function merge(store: Store, pair: Pair): Promise<JournalEvent> {
  const [survivor, merged] = [await store.getCitizen(pair.survivor), await store.getCitizen(pair.merged)];
  const events = citizenMerged({ survivorId: pair.survivor, mergedId: pair.merged, identities: merged!.identities, conversations: pair.mergedConversations, survivorName: 'Jean Dupont' });
  const committed = await store.append(events, [revisionClaim(survivor!), revisionClaim(merged!)]);
  return committed[0]!;
}

async function unmerge(store: Store, pair: Pair, mergeSeq: number, identities: Identity[], conversations: ConversationRef[]): Promise<void> {
  const [survivor, merged] = [await store.getCitizen(pair.survivor), await store.getCitizen(pair.merged)];
  const events = citizenUnmerged({ survivorId: pair.survivor, mergedId: pair.merged, mergeSeq, identities, conversations, mergedName: 'Jean D.' });
  await store.append(events, [revisionClaim(survivor!), revisionClaim(merged!)]);
}

export function citizenMergeContract(current: () => Store): void {
  describe('citizen merge and unmerge', () => {
    let store: Store;
    let pair: Pair;
    beforeEach(async () => {
      store = current();
      pair = await seedPair(store);
    });

    it('moves identities, conversations, messages and report rows under the survivor; an unmerge gives back the very records', async () => {
      const before = await snapshot(store, pair);
      const mergeEvent = await merge(store, pair);

      const merged = await snapshot(store, pair);
      expect(merged.survivor.citizen).toMatchObject({ identities: [email, messenger], mergedInto: null });
      expect(merged.merged.citizen).toMatchObject({ identities: [], mergedInto: pair.survivor });
      expect(merged.survivor.conversations.map((c) => c.id).sort()).toEqual([...pair.survivorConversations, ...pair.mergedConversations].map((c) => c.conversationId).sort());
      expect(merged.merged.conversations).toEqual([]);
      expect(merged.survivor.timeline.items.map((m) => m.text)).toEqual(['acte de naissance', 'carte grise', 'toujours rien', 'poubelles']);
      expect(merged.survivor.timeline.items.every((m) => m.citizenId === pair.survivor)).toBe(true);
      expect(merged.merged.timeline.items).toEqual([]);
      expect(merged.conversations.map((c) => [c?.citizenId, c?.citizenName])).toEqual([
        [pair.survivor, 'Jean Dupont'],
        [pair.survivor, 'Jean Dupont'],
        [pair.survivor, 'Jean Dupont'],
      ]);
      expect(merged.byIdentity).toEqual([pair.survivor, pair.survivor, null]);
      expect(merged.reportRows.every((r) => r.citizenId === pair.survivor)).toBe(true);
      expect(merged.count).toBe(before.count);
      // The journal is never rewritten: the merged record's events keep its id.
      const journal = await store.readJournal({ afterSeq: 0, limit: 100 });
      expect(journal.filter((e) => e.type === 'message.received').map((e) => e.citizenId)).toEqual([pair.survivor, pair.merged, pair.merged, pair.merged]);

      await unmerge(store, pair, mergeEvent.seq, [messenger], pair.mergedConversations);
      expect(await snapshot(store, pair)).toEqual(before);
      expect((await store.getCitizen(pair.merged))?.revision).toBe(2);
    });

    it('files what a sender sent during the merge once, under the record standing for it', async () => {
      const [b1] = pair.mergedConversations;
      await merge(store, pair);
      // A filing that read the merged record just before the merge commits just after it.
      const late = messageOfRef('message.received', b1!, { at: at(31), text: 'je relance', channel: 'messenger' });
      await store.append([identityLinked(pair.merged, whatsapp, at(31)), messageEvent('message.received', late, b1!.queueId)]);

      const survivorTimeline = await store.timeline(pair.survivor, { limit: 100 });
      expect(survivorTimeline.items.filter((m) => m.id === late.id)).toHaveLength(1);
      expect((await store.getMessage(late.id))?.citizenId).toBe(pair.survivor);
      expect((await store.timeline(pair.merged, { limit: 100 })).items).toEqual([]);
      expect((await store.findCitizenByIdentity('whatsapp', whatsapp.value))?.id).toBe(pair.survivor);
      expect((await store.getCitizen(pair.survivor))?.identities).toEqual([email, messenger, whatsapp]);
      expect((await store.getCitizen(pair.merged))?.identities).toEqual([]);
    });

    it('keeps each identity on one record at every seq, and rebuilds to the live state', async () => {
      const mergeEvent = await merge(store, pair);
      const late = messageOfRef('message.received', pair.mergedConversations[0]!, { at: at(31), text: 'je relance', channel: 'messenger' });
      await store.append([messageEvent('message.received', late, pair.mergedConversations[0]!.queueId)]);
      // Unmerge only the first of the merged record's conversations (the second stayed with the survivor, say).
      await unmerge(store, pair, mergeEvent.seq, [messenger], [pair.mergedConversations[0]!]);
      const live = await snapshot(store, pair);
      expect(live.byIdentity).toEqual([pair.survivor, pair.merged, null]);
      expect(live.merged.timeline.items.map((m) => m.text)).toEqual(['carte grise', 'toujours rien', 'je relance']);
      expect(live.survivor.timeline.items.map((m) => m.text)).toEqual(['acte de naissance', 'poubelles']);

      await store.rebuildProjections();
      expect(await snapshot(store, pair)).toEqual(live);
      expect((await store.getCitizen(pair.survivor))?.revision).toBe(2);
    });

    it('lets one of two merges touching the same record commit', async () => {
      const third = ids.citizen();
      await store.append([citizenCreated(third, { displayName: 'Jean Dupont', identities: [whatsapp], at: at(6) })]);
      const [survivor, merged, other] = await Promise.all([pair.survivor, pair.merged, third].map((id) => store.getCitizen(id)));
      // Two agents merge the same record into two different ones at once.
      const intoSurvivor = store.append(citizenMerged({ survivorId: pair.survivor, mergedId: pair.merged, conversations: pair.mergedConversations }), [revisionClaim(survivor!), revisionClaim(merged!)]);
      const intoThird = store.append(citizenMerged({ survivorId: third, mergedId: pair.merged, conversations: pair.mergedConversations }), [revisionClaim(other!), revisionClaim(merged!)]);
      const results = await Promise.allSettled([intoSurvivor, intoThird]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ClaimConflictError);
      const standing = (await store.getCitizen(pair.merged))?.mergedInto;
      expect([pair.survivor, third]).toContain(standing);
      expect((await store.findCitizenByIdentity('messenger', messenger.value))?.id).toBe(standing);
    });
  });
}
