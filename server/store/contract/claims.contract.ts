import { beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/index.js';
import { ClaimConflictError, type Store } from '../../domain/ports.js';
import {
  at,
  citizenCreated,
  conversationOpened,
  ids,
  messageEvent,
  messageOfRef,
  newConversation,
} from '../../testing/journal-events.js';
import { messageIds } from './reading.js';
import type { StoreContractOptions } from './store-contract.js';

// Claims, the append's uniqueness gate: an owned key refuses the whole append, one of many racing
// appends wins, and a provider retry racing its first delivery files one message.

export function claimsContract(current: () => Store, opts: StoreContractOptions): void {
  describe('claims', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('reports the owner of a claimed key, null otherwise', async () => {
      const citizenId = ids.citizen();
      await store.append([citizenCreated(citizenId)], [{ key: 'identity:email:a@b.fr', owner: citizenId }]);
      expect(await store.claimOwner('identity:email:a@b.fr')).toBe(citizenId);
      expect(await store.claimOwner('identity:email:other@b.fr')).toBeNull();
    });

    it('refuses an append whose claim is owned, committing none of its events or claims', async () => {
      const first = ids.citizen();
      await store.append(
        [citizenCreated(first, { identities: [{ kind: 'email', value: 'a@b.fr', level: 'unverified' }] })],
        [{ key: 'identity:email:a@b.fr', owner: first }],
      );
      const headBefore = await store.headSeq();

      const second = ids.citizen();
      const ref = newConversation(second, ids.queue());
      const message = messageOfRef('message.received', ref, { at: at(5), text: 'jamais écrit', externalId: 'ext-lost' });
      const attempt = store.append(
        [citizenCreated(second), conversationOpened(ref, { at: at(5) }), messageEvent('message.received', message, ref.queueId)],
        [
          { key: 'identity:phone:+33612345678', owner: second },
          { key: 'identity:email:a@b.fr', owner: second },
        ],
      );
      await expect(attempt).rejects.toBeInstanceOf(ClaimConflictError);
      await expect(attempt).rejects.toMatchObject({ key: 'identity:email:a@b.fr' });

      expect(await store.headSeq()).toBe(headBefore);
      expect(await store.readJournal({ afterSeq: 0, limit: 100 })).toHaveLength(headBefore);
      expect(await store.claimOwner('identity:email:a@b.fr')).toBe(first);
      expect(await store.claimOwner('identity:phone:+33612345678')).toBeNull();
      expect(await store.getCitizen(second)).toBeNull();
      expect(await store.getConversation(ref.conversationId)).toBeNull();
      expect(await store.getMessage(message.id)).toBeNull();
      expect(await store.findMessageByExternalId('email', 'ext-lost')).toBeNull();
      expect((await store.timeline(second, { limit: 10 })).items).toEqual([]);
      expect(await store.countCitizens()).toBe(1);

      // No seq was consumed: the next append continues the sequence.
      const next = await store.append([citizenCreated(second)]);
      expect(next[0]!.seq).toBe(headBefore + 1);
    });

    it('lets exactly one of many concurrent appends claim an identity', async () => {
      const n = opts.concurrentAppends ?? 20;
      const contenders = Array.from({ length: n }, () => ids.citizen());
      const results = await Promise.allSettled(
        contenders.map((id) =>
          store.append(
            [citizenCreated(id, { identities: [{ kind: 'email', value: 'x@y.fr', level: 'unverified' }] })],
            [{ key: 'identity:email:x@y.fr', owner: id }],
          ),
        ),
      );
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [contenders[i]!] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(n - 1);
      for (const reason of lost) expect(reason).toBeInstanceOf(ClaimConflictError);

      const winner = won[0]!;
      expect(await store.claimOwner('identity:email:x@y.fr')).toBe(winner);
      expect((await store.findCitizenByIdentity('email', 'x@y.fr'))?.id).toBe(winner);
      expect(await store.countCitizens()).toBe(1);
      expect(await store.headSeq()).toBe(1);
    });
  });

  describe('idempotent ingest', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('finds a received message by (channel, externalId)', async () => {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, ids.queue());
      const message = messageOfRef('message.received', ref, { at: at(2), channel: 'whatsapp', externalId: 'wamid.42' });
      await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1), channel: 'whatsapp' })]);
      await store.append([messageEvent('message.received', message, ref.queueId)]);
      expect(await store.findMessageByExternalId('whatsapp', 'wamid.42')).toEqual(message);
      expect(await store.findMessageByExternalId('telegram', 'wamid.42')).toBeNull();
      expect(await store.findMessageByExternalId('whatsapp', 'wamid.43')).toBeNull();
    });

    it('absorbs a provider retry racing the first delivery through the external claim', async () => {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, ids.queue());
      await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1) })]);

      // What domain/ingest does: look up, else append under the claim, else look up again.
      const ingest = async (): Promise<Message> => {
        const known = await store.findMessageByExternalId('email', '<abc@mail.example>');
        if (known) return known;
        const message = messageOfRef('message.received', ref, { at: at(2), externalId: '<abc@mail.example>' });
        try {
          await store.append([messageEvent('message.received', message, ref.queueId)], [
            { key: 'external:email:<abc@mail.example>', owner: message.id },
          ]);
          return message;
        } catch (error) {
          if (!(error instanceof ClaimConflictError)) throw error;
          const winner = await store.findMessageByExternalId('email', '<abc@mail.example>');
          if (!winner) throw new Error('claim owned but message not projected');
          return winner;
        }
      };

      const [a, b] = await Promise.all([ingest(), ingest()]);
      expect(a.id).toBe(b.id);
      expect(await store.claimOwner('external:email:<abc@mail.example>')).toBe(a.id);
      expect(messageIds((await store.timeline(citizenId, { limit: 10 })).items)).toEqual([a.id]);
      expect((await store.getConversation(ref.conversationId))?.messageCount).toBe(1);
      expect(await store.headSeq()).toBe(3);
    });
  });
}
