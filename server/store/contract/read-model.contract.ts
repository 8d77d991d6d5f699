import { beforeEach, describe, expect, it } from 'vitest';
import type { Citizen, Identity, Message } from '../../../shared/index.js';
import type { Store } from '../../domain/ports.js';
import {
  at,
  citizenCreated,
  conversationOpened,
  conversationStatus,
  identityLinked,
  ids,
  messageEvent,
  messageOfRef,
  messageStatus,
  newConversation,
} from '../../testing/journal-events.js';
import { foldConversation, inboxOrder, seedWorld } from './inbox-oracle.js';
import { messageIds } from './reading.js';
import type { StoreContractOptions } from './store-contract.js';

// ReadModelStore: what each journal event projects (citizens, conversations, messages, calls),
// the lookups ingest relies on, and message search.

export function readModelContract(current: () => Store, opts: StoreContractOptions): void {
  describe('projections', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('projects citizens from citizen.created and identity.linked', async () => {
      const citizenId = ids.citizen();
      const email: Identity = { kind: 'email', value: 'camille@example.fr', level: 'channel' };
      const phone: Identity = { kind: 'phone', value: '+33612345678', level: 'unverified' };
      await store.append([citizenCreated(citizenId, { at: at(0), displayName: 'Camille', identities: [email] })]);
      await store.append([identityLinked(citizenId, phone, at(3))]);
      await store.append([identityLinked(citizenId, phone, at(4))]);

      const expected: Citizen = { id: citizenId, displayName: 'Camille', identities: [email, phone], createdAt: at(0), mergedInto: null };
      expect(await store.getCitizen(citizenId)).toEqual(expected);
      expect(await store.findCitizenByIdentity('email', 'camille@example.fr')).toEqual(expected);
      expect(await store.findCitizenByIdentity('phone', '+33612345678')).toEqual(expected);
      expect(await store.findCitizenByIdentity('phone', '+33600000000')).toBeNull();
      expect(await store.getCitizen(ids.citizen())).toBeNull();
      expect(await store.countCitizens()).toBe(1);
    });

    it('projects conversations with the shared reducer', async () => {
      const world = await seedWorld(store);
      for (const ref of world.conversations) {
        expect(await store.getConversation(ref.conversationId)).toEqual(foldConversation(world.events, ref.conversationId));
      }
      expect(await store.getConversation(ids.conversation())).toBeNull();
    });

    it('projects messages and their delivery status', async () => {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, ids.queue());
      const reply = messageOfRef('message.sent', ref, { at: at(2), channel: 'email', text: 'Votre dossier est prêt' });
      await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1) })]);
      await store.append([messageEvent('message.sent', reply, ref.queueId)]);
      expect(await store.getMessage(reply.id)).toEqual(reply);

      await store.append([messageStatus(ref, reply.id, 'sent', at(3))]);
      await store.append([messageStatus(ref, reply.id, 'delivered', at(4))]);
      const delivered = { ...reply, status: 'delivered' };
      expect(await store.getMessage(reply.id)).toEqual(delivered);
      expect((await store.timeline(citizenId, { limit: 10 })).items).toEqual([delivered]);

      // A status for a message the store does not know changes nothing and does not fail.
      await store.append([messageStatus(ref, ids.message(), 'failed', at(5))]);
      expect(await store.getMessage(reply.id)).toEqual(delivered);
      expect(await store.getMessage(ids.message())).toBeNull();
    });

    it('projects a call through its updates and its summary, onto the message and the conversation', async () => {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, ids.queue());
      const ringing = {
        ...messageOfRef('message.received', ref, { at: at(2), channel: 'phone', externalId: 'CA-contract-1', text: 'Appel entrant — en cours' }),
        kind: 'call' as const,
        call: { from: '+33612345678', to: '+33140000000', startedAt: at(2), outcome: 'ringing' as const },
      };
      await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1), channel: 'phone' })]);
      await store.append([messageEvent('message.received', ringing, ref.queueId)]);
      const missed = { ...ringing.call, outcome: 'missed' as const, endedAt: at(3) };
      await store.append([
        {
          at: at(3), actor: { kind: 'system' }, citizenId, conversationId: ref.conversationId, queueId: ref.queueId,
          type: 'call.updated',
          payload: { messageId: ringing.id, direction: 'inbound', call: missed, previousOutcome: 'ringing', text: 'Appel entrant — manqué, à rappeler' },
        },
        {
          at: at(4), actor: { kind: 'agent', id: 'agt_x' }, citizenId, conversationId: ref.conversationId, queueId: ref.queueId,
          type: 'call.summarized',
          payload: { messageId: ringing.id, summary: 'Demande un rappel pour son permis' },
        },
      ]);
      const expected = { ...ringing, text: 'Appel entrant — manqué, à rappeler', call: { ...missed, summary: 'Demande un rappel pour son permis' } };
      expect(await store.getMessage(ringing.id)).toEqual(expected);
      expect(await store.findMessageByExternalId('phone', 'CA-contract-1')).toEqual(expected);
      expect((await store.timeline(citizenId, { limit: 10 })).items).toEqual([expected]);
      expect(await store.getConversation(ref.conversationId)).toMatchObject({ tags: ['callback'], waitingSince: at(3), unreadCount: 1 });
      expect((await store.searchMessages('permis', 10)).map((m) => m.id)).toEqual([ringing.id]);
    });

    it('keeps one copy of a message whose id is appended twice', async () => {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, ids.queue());
      const message = messageOfRef('message.received', ref, { at: at(2), text: 'premier' });
      await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1) })]);
      await store.append([messageEvent('message.received', message, ref.queueId)]);
      await store.append([messageEvent('message.received', { ...message, text: 'doublon' }, ref.queueId)]);
      expect((await store.timeline(citizenId, { limit: 10 })).items).toEqual([message]);
      expect(await store.getMessage(message.id)).toEqual(message);
    });

    it('finds the most recent conversation of a citizen that is not resolved', async () => {
      const citizenId = ids.citizen();
      const queueId = ids.queue();
      const old = newConversation(citizenId, queueId);
      const older = newConversation(citizenId, queueId);
      const latest = newConversation(citizenId, queueId);
      await store.append([citizenCreated(citizenId)]);
      expect(await store.findActiveConversation(citizenId)).toBeNull();

      await store.append([conversationOpened(old, { at: at(1) }), conversationStatus(old, 'resolved', 'open', at(2))]);
      expect(await store.findActiveConversation(citizenId)).toBeNull();

      await store.append([conversationOpened(older, { at: at(3) })]);
      await store.append([conversationOpened(latest, { at: at(4) }), conversationStatus(latest, 'pending', 'open', at(5))]);
      expect((await store.findActiveConversation(citizenId))?.id).toBe(latest.conversationId);

      await store.append([conversationStatus(latest, 'resolved', 'pending', at(6))]);
      expect((await store.findActiveConversation(citizenId))?.id).toBe(older.conversationId);

      await store.append([conversationStatus(older, 'resolved', 'open', at(7))]);
      expect(await store.findActiveConversation(citizenId)).toBeNull();
      expect(await store.findActiveConversation(ids.citizen())).toBeNull();
    });

    it('lists a citizen’s conversations, most recent activity first', async () => {
      const world = await seedWorld(store);
      for (const citizenId of world.citizens) {
        const expected = world.conversations
          .filter((c) => c.citizenId === citizenId)
          .map((c) => foldConversation(world.events, c.conversationId)!)
          .sort(inboxOrder);
        expect(expected.length).toBeGreaterThan(0);
        expect(await store.listCitizenConversations(citizenId)).toEqual(expected);
      }
      expect(await store.listCitizenConversations(ids.citizen())).toEqual([]);
    });
  });

  describe('searchMessages', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    async function seedSearch(): Promise<Record<'passport' | 'status' | 'hello' | 'note', Message>> {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, ids.queue());
      await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(0) })]);
      const passport = messageOfRef('message.received', ref, { at: at(1), text: 'Demande de renouvellement de passeport' });
      const status = messageOfRef('message.received', ref, { at: at(2), text: "Quel est l'état de mon dossier ?" });
      const hello = messageOfRef('message.sent', ref, { at: at(3), text: 'Bonjour, votre demande est enregistrée.' });
      const note = messageOfRef('note.added', ref, { at: at(4), text: 'Pièce justificative manquante' });
      await store.append([
        messageEvent('message.received', passport, ref.queueId),
        messageEvent('message.received', status, ref.queueId),
        messageEvent('message.sent', hello, ref.queueId),
        messageEvent('note.added', note, ref.queueId),
      ]);
      return { passport, status, hello, note };
    }

    it('finds messages by the words of their text, case-insensitively', async () => {
      const m = await seedSearch();
      expect(messageIds(await store.searchMessages('demande', 10)).sort()).toEqual([m.passport.id, m.hello.id].sort());
      expect(messageIds(await store.searchMessages('DEMANDE', 10)).sort()).toEqual([m.passport.id, m.hello.id].sort());
      expect(await store.searchMessages('passeport renouvellement', 10)).toEqual([m.passport]);
      expect(messageIds(await store.searchMessages('justificative', 10))).toEqual([m.note.id]);
      expect(await store.searchMessages('inexistant', 10)).toEqual([]);
      expect(await store.searchMessages('demande', 1)).toHaveLength(1);
    });

    it('treats operators and punctuation as plain text', async () => {
      await seedSearch();
      for (const text of ['', '   ', '"', '*', 'demande OR', 'NEAR(', '-dossier', "l'état:*"]) {
        await expect(store.searchMessages(text, 10)).resolves.toBeInstanceOf(Array);
      }
    });

    it.skipIf(opts.accentInsensitiveSearch === false)('ignores French accents', async () => {
      const m = await seedSearch();
      expect(await store.searchMessages('etat', 10)).toEqual([m.status]);
      expect(await store.searchMessages('ÉTAT', 10)).toEqual([m.status]);
      expect(messageIds(await store.searchMessages('piece', 10))).toEqual([m.note.id]);
    });
  });
}
