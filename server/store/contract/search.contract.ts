import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentId, CitizenId, Identity, Message, QueueId } from '../../../shared/index.js';
import type { CitizenSearch, Store } from '../../domain/ports.js';
import { citizenSearchOf, parseSearch } from '../../domain/search/search-query.js';
import {
  at,
  citizenCreated,
  conversationAssigned,
  conversationOpened,
  identityLinked,
  ids,
  messageEvent,
  messageOfRef,
  newConversation,
  type ConversationRef,
} from '../../testing/journal-events.js';
import { messageIds } from './reading.js';

// The search box's reads (ReadModelStore.searchCitizens, searchMessagePage): citizens by the
// words of their name and by identity, messages newest first and paged, both within what a
// viewer may see. The query is parsed by the domain (server/domain/search), as the route does.

export function searchContract(current: () => Store): void {
  describe('search box', () => {
    let store: Store;
    const queueA = 'que_search_a' as QueueId;
    const queueB = 'que_search_b' as QueueId;
    const agentA = { queueIds: [queueA], assigneeId: 'agt_search_a' as AgentId };
    const agentB = { queueIds: [queueB], assigneeId: 'agt_search_b' as AgentId };
    beforeEach(() => {
      store = current();
    });

    async function citizenIn(queueId: QueueId, displayName: string, identities: Identity[] = []) {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, queueId);
      await store.append([citizenCreated(citizenId, { displayName, identities }), conversationOpened(ref, { at: at(0), citizenName: displayName })]);
      return ref;
    }
    const find = async (q: string, visibleTo?: CitizenSearch['visibleTo']) =>
      (await store.searchCitizens(citizenSearchOf(parseSearch(q), 10, visibleTo))).map((f) => [f.citizen.displayName, f.matchedBy]);

    it('finds citizens by every word of their name, by prefix, whatever the accents and case', async () => {
      await citizenIn(queueA, 'Hélène Lefèvre');
      await citizenIn(queueA, 'Hector Lambert');
      await citizenIn(queueA, 'Zoé Durand');
      expect(await find('helene')).toEqual([['Hélène Lefèvre', 'name']]);
      expect(await find('HÉL lef')).toEqual([['Hélène Lefèvre', 'name']]);
      expect(await find('he')).toEqual([
        ['Hector Lambert', 'name'],
        ['Hélène Lefèvre', 'name'],
      ]);
      expect(await find('lefevre durand')).toEqual([]);
      expect(await find('zoe')).toEqual([['Zoé Durand', 'name']]);
    });

    it('finds a citizen by phone in any spelling, by email, and by social handle', async () => {
      await citizenIn(queueA, 'Karim Haddad', [
        { kind: 'phone', value: '+33612345678', level: 'unverified' },
        { kind: 'email', value: 'karim.haddad@example.fr', level: 'channel' },
      ]);
      const telegram = await citizenIn(queueA, 'Inès Moreau');
      await store.append([identityLinked(telegram.citizenId, { kind: 'telegram', value: 'ines_moreau', level: 'unverified' }, at(1))]);
      for (const typed of ['06 12 34 56 78', '+33612345678', '0612345678', '+33 6 12 34 56 78']) {
        expect(await find(typed), typed).toEqual([['Karim Haddad', 'phone']]);
      }
      expect(await find('Karim.Haddad@EXAMPLE.fr')).toEqual([['Karim Haddad', 'email']]);
      expect(await find('karim.haddad@')).toEqual([['Karim Haddad', 'email']]);
      expect(await find('@ines_mo')).toEqual([['Inès Moreau', 'telegram']]);
      expect(await find('06 99 99 99 99')).toEqual([]);
      const [hit] = await store.searchCitizens(citizenSearchOf(parseSearch('06 12 34 56 78'), 10, undefined));
      expect(hit?.identityValue).toBe('+33612345678');
    });

    it('gives each citizen once, a name match first', async () => {
      await citizenIn(queueA, 'Mathilde Roux', [{ kind: 'telegram', value: 'mathilde', level: 'unverified' }]);
      expect(await find('mathilde')).toEqual([['Mathilde Roux', 'name']]);
    });

    it('finds only citizens with a conversation the viewer may see', async () => {
      await citizenIn(queueA, 'Paul Girard', [{ kind: 'phone', value: '+33611111111', level: 'unverified' }]);
      const assigned = await citizenIn(queueB, 'Paula Garnier');
      expect(await find('paul', agentA)).toEqual([['Paul Girard', 'name']]);
      expect(await find('paul', agentB)).toEqual([['Paula Garnier', 'name']]);
      expect(await find('06 11 11 11 11', agentB)).toEqual([]);
      expect(await find('06 11 11 11 11', { queueIds: [], assigneeId: 'agt_nobody' as AgentId })).toEqual([]);
      // Assigned to an agent outside its queue: that agent sees the citizen.
      await store.append([conversationAssigned(assigned, agentA.assigneeId, null, at(2))]);
      expect(await find('paula', agentA)).toEqual([['Paula Garnier', 'name']]);
      expect(await find('paul')).toHaveLength(2);
    });

    async function messagesIn(ref: ConversationRef, texts: string[], from = 1): Promise<Message[]> {
      const made = texts.map((text, i) => messageOfRef('message.received', ref, { at: at(from + i), text }));
      await store.append(made.map((m) => messageEvent('message.received', m, ref.queueId)));
      return made;
    }
    const words = (q: string) => parseSearch(q).words;

    it('finds messages holding every word, newest first, accents and case aside', async () => {
      const ref = await citizenIn(queueA, 'Camille Martin');
      const [old, , recent] = await messagesIn(ref, ["Demande d'état civil", 'Rien à voir', "Où en est l'ÉTAT de ma demande ?"]);
      const page = await store.searchMessagePage({ words: words('etat demande'), limit: 10 });
      expect(messageIds(page.items)).toEqual([recent!.id, old!.id]);
      expect(page.nextCursor).toBeNull();
      expect(page.items[0]).toEqual(recent);
      expect((await store.searchMessagePage({ words: words('etat inexistant'), limit: 10 })).items).toEqual([]);
      expect((await store.searchMessagePage({ words: [], limit: 10 })).items).toEqual([]);
    });

    it('pages through matches with the cursor, each once', async () => {
      const ref = await citizenIn(queueA, 'Camille Martin');
      const made = await messagesIn(ref, Array.from({ length: 7 }, (_, i) => `Relance numéro ${i} du dossier`));
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.searchMessagePage({ words: words('dossier'), limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...messageIds(page.items));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(messageIds(made).reverse());
    });

    it('finds only messages of conversations the viewer may see, and pages past the others', async () => {
      const mine = await citizenIn(queueA, 'Camille Martin');
      const theirs = await citizenIn(queueB, 'Jean Petit');
      const kept = await messagesIn(mine, ['dossier A1', 'dossier A2'], 1);
      // Many newer matches the viewer may not open, so the visible ones lie past a first batch.
      await messagesIn(theirs, Array.from({ length: 60 }, (_, i) => `dossier B${i}`), 10);
      const page = await store.searchMessagePage({ words: words('dossier'), limit: 5, visibleTo: agentA });
      expect(messageIds(page.items)).toEqual(messageIds(kept).reverse());
      expect(page.nextCursor).toBeNull();
      const none = await store.searchMessagePage({ words: words('dossier'), limit: 5, visibleTo: { queueIds: [], assigneeId: 'agt_x' as AgentId } });
      expect(none.items).toEqual([]);
      expect((await store.searchMessagePage({ words: words('dossier'), limit: 100 })).items).toHaveLength(62);
    });

    it('refuses a cursor of another kind', async () => {
      await expect(store.searchMessagePage({ words: ['x'], limit: 5, cursor: 'not-a-cursor!' })).rejects.toThrow();
    });

    it('leaves a citizen without conversations to those who see every queue', async () => {
      const citizenId: CitizenId = ids.citizen();
      await store.append([citizenCreated(citizenId, { displayName: 'Solène Blanc' })]);
      expect(await find('solene')).toEqual([['Solène Blanc', 'name']]);
      expect(await find('solene', agentA)).toEqual([]);
    });
  });
}
