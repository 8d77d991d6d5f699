import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerContent } from '../../../shared/answers.js';
import type { AgentId, QueueId } from '../../../shared/index.js';
import { openIngestWorld, type IngestWorld } from '../../test/ingest-world.js';
import { DomainError } from '../errors.js';
import type { Clock } from '../ports.js';
import { AnswerLibrary } from './answer-library.js';

const QUEUE = 'que_accueil' as QueueId;
const AGENT = { id: 'agt_lea' as AgentId, email: 'lea@mairie.test', displayName: 'Léa Dubois', role: 'agent' as const, queueIds: [QUEUE] };
const SUPERVISOR = { id: 'agt_sup' as AgentId, role: 'supervisor' as const };
const TRAINEE = { id: 'agt_new' as AgentId, role: 'trainee' as const };

let world: IngestWorld;
let library: AnswerLibrary;
let now = Date.parse('2027-03-01T09:00:00Z');
const clock: Clock = { now: () => new Date(now) };

beforeEach(async () => {
  world = await openIngestWorld('answers', [{ id: QUEUE, keywords: [], isDefault: true }], AGENT);
  library = new AnswerLibrary({ store: world.store, clock });
});
afterEach(async () => {
  await world.close();
});

const passport: AnswerContent = {
  title: 'Passeport : pièces à fournir',
  theme: 'État civil',
  language: 'fr',
  variants: {
    email: 'Bonjour {{citoyen.nom}},\n\nLe timbre fiscal coûte 86 €. Prenez rendez-vous avant le {{date.limite}}.\n\n{{agent.prenom}}, mairie',
    short: 'Timbre fiscal : 86 €. Rendez-vous avant le {{date.limite}}.',
  },
  links: [{ label: 'Service-public.fr', url: 'https://www.service-public.fr/particuliers/vosdroits/N360' }],
  archived: false,
};

const refusal = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

describe('answer library', () => {
  it('gives an answer a readable id and keeps every version: an edit adds one, the old stays readable', async () => {
    const v1 = await library.create(SUPERVISOR, passport);
    expect(v1).toMatchObject({ id: 'ans_passeport-pieces-a-fournir', version: 1, by: SUPERVISOR.id });
    now += 60_000;
    const v2 = await library.update(SUPERVISOR, v1.id, { ...passport, variants: { ...passport.variants, short: 'Timbre fiscal : 86 €.' }, baseVersion: 1 });
    expect(v2.version).toBe(2);
    expect((await library.get(AGENT, v1.id)).variants.short).toBe('Timbre fiscal : 86 €.');
    expect((await library.get(AGENT, v1.id, 1)).variants.short).toBe(passport.variants.short);
    expect((await library.versions(AGENT, v1.id)).map((a) => a.version)).toEqual([2, 1]);
    // Same title again: a new answer, not a new version of the first.
    expect((await library.create(SUPERVISOR, passport)).id).toBe('ans_passeport-pieces-a-fournir-2');
  });

  it('refuses an edit made from an older version, and the same edit saved twice at once', async () => {
    const v1 = await library.create(SUPERVISOR, passport);
    await library.update(SUPERVISOR, v1.id, { ...passport, title: 'Passeport', baseVersion: 1 });
    const stale = await refusal(library.update(SUPERVISOR, v1.id, { ...passport, title: 'Passeport biométrique', baseVersion: 1 }));
    expect(stale).toMatchObject({ code: 'conflict', reason: 'answer_changed' });
    const both = await Promise.allSettled([
      library.update(SUPERVISOR, v1.id, { ...passport, title: 'A', baseVersion: 2 }),
      library.update(SUPERVISOR, v1.id, { ...passport, title: 'B', baseVersion: 2 }),
    ]);
    expect(both.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await library.versions(AGENT, v1.id)).map((a) => a.version)).toEqual([3, 2, 1]);
  });

  it('lets supervisors write and everyone on staff read; bad input gets reasons', async () => {
    expect((await refusal(library.create(AGENT, passport))).code).toBe('forbidden');
    const created = await library.create(SUPERVISOR, passport);
    expect((await library.list(TRAINEE, {})).items.map((a) => a.id)).toEqual([created.id]);
    const bad = await refusal(library.create(SUPERVISOR, { ...passport, variants: {}, links: [{ label: 'x', url: 'javascript:alert(1)' }] }));
    expect(bad.code).toBe('bad_request');
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['links.0.url', 'variants']);
    expect((await refusal(library.get(AGENT, 'ans_nothing-here' as never))).code).toBe('not_found');
    expect((await refusal(library.create(SUPERVISOR, { ...passport, group: 'ans_nothing-here' }))).issues).toEqual([{ path: 'group', message: 'unknown answer' }]);
  });

  it('searches by words without accents, by theme and language, and puts French and English side by side by group', async () => {
    const fr = await library.create(SUPERVISOR, passport);
    const en = await library.create(SUPERVISOR, { ...passport, title: 'Passport: documents to bring', language: 'en', group: fr.id, variants: { short: 'The tax stamp costs €86.' } });
    await library.create(SUPERVISOR, { ...passport, title: 'Encombrants', theme: 'Déchets', variants: { short: 'Collecte le premier lundi du mois.' } });
    // Found by its French words, the English version comes along to sit beside it.
    expect((await library.list(AGENT, { q: 'PIÈCES fourn' })).items.map((a) => a.id)).toEqual([fr.id, en.id]);
    expect((await library.list(AGENT, { q: 'PIÈCES fourn', language: 'fr' })).items.map((a) => a.id)).toEqual([fr.id]);
    expect((await library.list(AGENT, { q: 'etat civil' })).items.map((a) => a.id)).toEqual([fr.id, en.id]);
    const listing = await library.list(AGENT, { theme: 'État civil', language: 'en' });
    expect(listing.items).toEqual([en]);
    expect(listing.items[0]?.group).toBe(fr.id);
    expect(listing.themes).toEqual(['Déchets', 'État civil']);
    expect((await refusal(library.list(AGENT, { archived: 'maybe' }))).code).toBe('bad_request');
  });

  it('counts uses per answer, channel and agent from the sent replies, and refuses a reply naming an unknown version', async () => {
    const answer = await library.create(SUPERVISOR, passport);
    const { message } = await world.ingest.ingest({ channel: 'whatsapp', externalId: 'wa-1', from: { kind: 'whatsapp', value: '+33612345678' }, text: 'Bonjour, pour un passeport ?' });
    const send = (text: string, version = 1, n = 0) =>
      world.commands.sendMessage(AGENT, { conversationId: message.conversationId, channel: 'whatsapp', text, clientMessageId: `c-answer-${version}-${n}`, answer: { answerId: answer.id, version } });
    const sent = await send('Timbre fiscal : 86 €. Rendez-vous avant le 15 mars.');
    expect(sent.answer).toEqual({ answerId: answer.id, version: 1 });
    await send('Timbre fiscal : 86 €.', 1, 2);
    expect((await refusal(send('Timbre fiscal : 86 €.', 7))).reason).toBe('unknown_answer');
    now = Date.now() + 60_000;
    const { usage } = await library.list(AGENT, {});
    expect(usage).toEqual([{ answerId: answer.id, total: 2, byChannel: { whatsapp: 2 }, byAgent: [{ agentId: AGENT.id, count: 2 }], lastUsedAt: expect.any(String) }]);
  });

  it('never sends unfilled braces to a citizen: the refusal names what is left', async () => {
    const { message } = await world.ingest.ingest({ channel: 'email', externalId: 'm-1', from: { kind: 'email', value: 'ines@example.org' }, text: 'Bonjour' });
    const send = (text: string, id: string) => world.commands.sendMessage(AGENT, { conversationId: message.conversationId, channel: 'email', text, clientMessageId: id });
    const refused = await refusal(send('Rendez-vous avant le {{date.limite}} et {{ citoyen.nom }}.', 'c-brace-01'));
    expect(refused).toMatchObject({ code: 'bad_request', reason: 'unfilled_placeholder', message: 'fill {{date.limite}}, {{citoyen.nom}} before sending' });
    expect((await refusal(send('Bonjour {{citoyen', 'c-brace-02'))).message).toBe('fill {{ before sending');
    // Nothing was filed for the refused replies.
    expect((await world.store.getConversation(message.conversationId))?.messageCount).toBe(1);
    await expect(send('Rendez-vous avant le 15 mars.', 'c-brace-03')).resolves.toMatchObject({ direction: 'outbound' });
  });
});
