import { beforeEach, describe, expect, it } from 'vitest';
import { AnswerId, type Answer } from '../../../shared/answers.js';
import { ClaimConflictError, type Store } from '../../domain/ports.js';
import { at, citizenCreated, conversationOpened, ids, messageEvent, messageOfRef, newConversation } from '../../testing/journal-events.js';

// AnswerStore: the answer library, staff data a rebuild keeps, versions append-only.

let n = 0;
const answerId = () => AnswerId.parse(`ans_contract-${(n += 1)}-${Math.random().toString(36).slice(2, 8)}`);

export function answersContract(current: () => Store): void {
  describe('answer library', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    const answer = (over: Partial<Answer> = {}): Answer => ({
      id: answerId(),
      version: 1,
      at: at(1),
      by: ids.agent(),
      title: 'Acte de naissance',
      theme: 'État civil',
      language: 'fr',
      variants: { email: 'Bonjour {{citoyen.nom}},\n\nVotre acte de naissance est gratuit.', short: 'L’acte de naissance est gratuit.' },
      links: [{ label: 'Service-public.fr', url: 'https://www.service-public.fr/particuliers/vosdroits/F1427' }],
      archived: false,
      ...over,
    });

    it('keeps every version: the current one by default, any one by number, all newest first', async () => {
      const v1 = answer();
      await store.saveAnswerVersion(v1);
      const v2 = { ...v1, version: 2, at: at(2), variants: { ...v1.variants, phone: 'L’acte est gratuit, délivré sous 10 jours.' } };
      await store.saveAnswerVersion(v2);
      expect(await store.getAnswer(v1.id)).toEqual(v2);
      expect(await store.getAnswer(v1.id, 1)).toEqual(v1);
      expect(await store.getAnswer(v1.id, 3)).toBeNull();
      expect(await store.getAnswer(answerId())).toBeNull();
      expect(await store.listAnswerVersions(v1.id)).toEqual([v2, v1]);
      expect(await store.listAnswers()).toEqual([v2]);
    });

    it('refuses a second save of one version (two supervisors editing at once) and keeps the first', async () => {
      const v1 = answer();
      await store.saveAnswerVersion(v1);
      const mine = { ...v1, version: 2, title: 'Acte de naissance (copie intégrale)' };
      const theirs = { ...v1, version: 2, title: 'Acte de naissance (extrait)' };
      const outcomes = await Promise.allSettled([store.saveAnswerVersion(mine), store.saveAnswerVersion(theirs)]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(ClaimConflictError);
      const kept = await store.getAnswer(v1.id);
      expect([mine.title, theirs.title]).toContain(kept?.title);
      expect(await store.listAnswerVersions(v1.id)).toHaveLength(2);
      expect((await store.listAnswers())[0]?.title).toBe(kept?.title);
      await expect(store.saveAnswerVersion({ ...v1, version: 1 })).rejects.toBeInstanceOf(ClaimConflictError);
      await expect(store.saveAnswerVersion({ ...v1, version: 4 })).rejects.toThrow();
      await expect(store.saveAnswerVersion(answer({ version: 2 }))).rejects.toThrow();
    });

    it('lists current versions by theme, title and id; narrows by theme, language, words; hides archived ones unless asked', async () => {
      const passport = answer({ title: 'Passeport : pièces à fournir', theme: 'État civil', variants: { short: 'Le timbre fiscal coûte 86 €.' } });
      const bins = answer({ title: 'Collecte des encombrants', theme: 'Déchets', variants: { email: 'La collecte a lieu le premier lundi du mois.' } });
      const birth = answer({ title: 'Acte de naissance', theme: 'État civil' });
      const birthEn = answer({ title: 'Birth certificate', theme: 'État civil', language: 'en', group: birth.id, variants: { short: 'A birth certificate is free.' } });
      const permit = answer({ title: 'Permis de construire', theme: 'Urbanisme', archived: true, variants: { email: 'Le délai d’instruction est de deux mois.' } });
      for (const a of [passport, bins, birth, birthEn, permit]) await store.saveAnswerVersion(a);

      expect(await store.listAnswers()).toEqual([bins, birth, birthEn, passport]);
      expect(await store.listAnswers({ archived: true })).toEqual([bins, birth, birthEn, passport, permit]);
      expect(await store.listAnswers({ theme: 'État civil', language: 'en' })).toEqual([birthEn]);
      // Folded words, each the start of a word of the title, theme or a variant.
      expect(await store.listAnswers({ words: ['etat', 'timb'] })).toEqual([passport]);
      expect(await store.listAnswers({ words: ['naissance'] })).toEqual([birth]);
      expect(await store.listAnswers({ words: ['lundi'] })).toEqual([bins]);
      expect(await store.listAnswers({ words: ['undi'] })).toEqual([]);
      expect(await store.listAnswers({ words: ['delai'], archived: true })).toEqual([permit]);

      // A new version is what the listing finds, by its new words.
      const binsV2 = { ...bins, version: 2, variants: { email: 'La collecte a lieu chaque mardi.' } };
      await store.saveAnswerVersion(binsV2);
      expect(await store.listAnswers({ words: ['lundi'] })).toEqual([]);
      expect(await store.listAnswers({ words: ['mardi'] })).toEqual([binsV2]);
    });

    it('lists the messages written from an answer in a time range, by time, with channel and agent', async () => {
      const citizen = ids.citizen();
      const ref = newConversation(citizen, ids.queue());
      const a = answerId();
      const b = answerId();
      const reply = (minute: number, channel: 'email' | 'whatsapp', answer?: { answerId: AnswerId; version: number }) => ({
        ...messageOfRef('message.sent', ref, { at: at(minute), channel }),
        ...(answer ? { answer } : {}),
      });
      const early = reply(10, 'whatsapp', { answerId: a, version: 1 });
      const plain = reply(11, 'email');
      const later = reply(12, 'email', { answerId: b, version: 3 });
      const outside = reply(30, 'email', { answerId: a, version: 2 });
      await store.append([citizenCreated(citizen), conversationOpened(ref, { at: at(1) })]);
      for (const m of [early, plain, later, outside]) await store.append([messageEvent('message.sent', m, ref.queueId)]);
      expect(await store.listAnswerUses({ from: at(10), to: at(30) })).toEqual([
        { answerId: a, version: 1, channel: 'whatsapp', agentId: 'agt_test', at: at(10) },
        { answerId: b, version: 3, channel: 'email', agentId: 'agt_test', at: at(12) },
      ]);
      expect(await store.listAnswerUses({ from: at(31), to: at(40) })).toEqual([]);
    });

    it('keeps the library through a projection rebuild', async () => {
      const a = answer();
      await store.saveAnswerVersion(a);
      await store.rebuildProjections();
      expect(await store.getAnswer(a.id)).toEqual(a);
    });
  });
}
