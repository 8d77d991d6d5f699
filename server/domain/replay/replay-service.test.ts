import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  reduceConversation,
  type Agent,
  type AgentId,
  type AnnotationId,
  type CitizenId,
  type Conversation,
  type ConversationId,
  type CourseId,
  type JournalEvent,
  type QueueId,
  type ReplayRef,
} from '../../../shared/index.js';
import { sanitizeEmailHtml } from '../../content/sanitize-html.js';
import { LocalEventBus } from '../../events/local-event-bus.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { AgentCommands } from '../agent-commands.js';
import { DomainError } from '../errors.js';
import { IngestService } from '../ingest.js';
import type { Clock, Store } from '../ports.js';
import { CourseService } from './course-service.js';
import { ReplayService } from './replay-service.js';

const QUEUE = 'que_accueil' as QueueId;
const staff = (id: string, displayName: string, role: Agent['role']): Agent => ({ id: id as AgentId, email: `${id}@mairie.test`, displayName, role, queueIds: [QUEUE] });
const AGENT = staff('agt_camille', 'Camille Martin', 'agent');
const TRAINER = staff('agt_julien', 'Julien Moreau', 'trainer');
const OTHER_TRAINER = staff('agt_paul', 'Paul Renaud', 'trainer');
const SUPERVISOR = staff('agt_nadia', 'Nadia Benali', 'supervisor');
const ADMIN = staff('agt_sophie', 'Sophie Laurent', 'admin');
const TRAINEE = staff('agt_maeva', 'Maëva Tessier', 'trainee');
const OTHER_TRAINEE = staff('agt_leo', 'Léo Girard', 'trainee');

/** Real values of the scenario's citizen: none may appear in a masked replay. */
const REAL = ['Hélène', 'Helene', 'Dos Santos', 'helene.dossantos@orange.fr', '+33612345678', '06 12 34 56 78', '12 rue Pasteur', 'FR76'];

let dir: string;
let store: Store;
let now: Date;
let replays: ReplayService;
let courses: CourseService;
let first: ConversationId;
let second: ConversationId;
let citizenId: CitizenId;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-replay-'));
  store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  now = new Date('2025-10-13T08:00:00.000Z');
  const clock: Clock = { now: () => now };
  const bus = new LocalEventBus();
  const ingest = new IngestService({ store, bus, clock, queueRules: { queues: [{ id: QUEUE, keywords: [], isDefault: true }] }, sanitizeHtml: sanitizeEmailHtml });
  const commands = new AgentCommands({ store, bus, clock });
  for (const a of [AGENT, TRAINER, OTHER_TRAINER, SUPERVISOR, ADMIN, TRAINEE, OTHER_TRAINEE]) await store.saveAgent({ ...a, passwordHash: 'x' });
  const at = (iso: string) => {
    now = new Date(iso);
  };

  // An earlier request, resolved: context for the second one.
  at('2025-10-13T08:00:00.000Z');
  const old = await ingest.ingest({ channel: 'email', externalId: '<old@orange.fr>', from: { kind: 'email', value: 'helene.dossantos@orange.fr', displayName: 'Hélène Dos Santos' }, subject: 'Poubelles', text: 'Bonjour, le bac jaune n’est pas passé. Hélène Dos Santos' });
  first = old.message.conversationId;
  citizenId = old.message.citizenId;
  at('2025-10-13T09:00:00.000Z');
  await commands.setStatus(AGENT, { conversationId: first, status: 'resolved' });

  // The replayed one: e-mail, a WhatsApp follow-up (another channel), a wait, a reply, a note.
  at('2025-10-14T08:00:00.000Z');
  const opening = await ingest.ingest({
    channel: 'email', externalId: '<new@orange.fr>', from: { kind: 'email', value: 'helene.dossantos@orange.fr', displayName: 'Hélène Dos Santos' },
    alsoKnownAs: [{ kind: 'whatsapp', value: '+33612345678' }],
    subject: 'Acte de naissance — Hélène Dos Santos', text: 'Bonjour, je voudrais un acte de naissance. Adresse : 12 rue Pasteur. Tél. 06 12 34 56 78.',
    html: '<p>Bonjour, je voudrais un <b>acte de naissance</b>. Hélène Dos Santos, 06 12 34 56 78</p>',
    attachments: [{ name: 'livret_dos_santos.pdf', contentType: 'application/pdf', size: 1000 }],
  });
  second = opening.message.conversationId;
  at('2025-10-14T08:30:00.000Z');
  await ingest.ingest({ channel: 'whatsapp', externalId: 'wamid.1', from: { kind: 'whatsapp', value: '+33612345678' }, text: 'Mon IBAN pour le remboursement : FR76 3000 6000 0112 3456 7890 189' });
  at('2025-10-14T11:42:00.000Z');
  await commands.assign(AGENT, { conversationId: second, assigneeId: AGENT.id });
  at('2025-10-14T11:45:00.000Z');
  await commands.sendMessage(AGENT, { conversationId: second, channel: 'whatsapp', text: 'Bonjour Madame Dos Santos, c’est noté.', clientMessageId: 'reply-00001' });
  at('2025-10-14T11:50:00.000Z');
  await commands.addNote(AGENT, { conversationId: second, text: 'Appeler Hélène au 06 12 34 56 78 si besoin.', clientMessageId: 'note-000001' });

  replays = new ReplayService({ store, bus, clock, maskSecret: 'secret-for-tests' });
  courses = new CourseService({ store, clock, maskSecret: 'secret-for-tests' });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const conversationRef = (): ReplayRef => ({ kind: 'conversation', id: second });
const envelopeOf = (e: JournalEvent) => ({ seq: e.seq, at: e.at, type: e.type, citizenId: e.citizenId, conversationId: e.conversationId });

async function expectError(promise: Promise<unknown>, code: DomainError['code']): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(DomainError);
  await expect(promise).rejects.toMatchObject({ code });
}

describe('ReplayService.open', () => {
  it('returns the conversation’s journal slice in seq order with original times, masked', async () => {
    const replay = await replays.open(TRAINER, conversationRef());
    const slice = await store.readJournalSlice({ conversationId: second, afterSeq: 0, limit: 1000 });
    expect(replay.events.map(envelopeOf)).toEqual(slice.map(envelopeOf));
    expect(replay.events.map((e) => e.type)).toEqual(['conversation.opened', 'message.received', 'message.received', 'conversation.assigned', 'message.sent', 'note.added']);
    expect(replay.masked).toBe(true);
    expect(replay.citizenLabel).toBe('Citoyen A');
    expect(replay.title).toBe('Acte de naissance — Citoyen A');
    const json = JSON.stringify(replay);
    for (const value of REAL) expect(json, value).not.toContain(value);
    expect(json).toContain('Camille Martin');
    // The earlier conversation is the context the agent could scroll back to.
    expect(replay.context.map((e) => e.type)).toEqual(['citizen.created', 'conversation.opened', 'message.received', 'conversation.status', 'identity.linked']);
    expect(replay.context.every((e) => e.seq < replay.events[0]!.seq)).toBe(true);
    expect(Object.values(replay.hidden)).toEqual([{ attachments: 1, recording: false }]);
    // Folding the masked slice with the shared reducer gives the conversation as it ended.
    const folded = replay.events.reduce<Conversation | undefined>(reduceConversation, undefined);
    expect(folded).toMatchObject({ assigneeId: AGENT.id, channels: ['email', 'whatsapp'], messageCount: 4, citizenName: 'Citoyen A' });
  });

  it('gives the same pseudonyms on every load, and a citizen replay its whole history', async () => {
    expect(JSON.stringify(await replays.open(TRAINER, conversationRef()))).toBe(JSON.stringify(await replays.open(SUPERVISOR, conversationRef())));
    const history = await replays.open(TRAINER, { kind: 'citizen', id: citizenId });
    const slice = await store.readJournalSlice({ citizenId, afterSeq: 0, limit: 1000 });
    expect(history.events.map(envelopeOf)).toEqual(slice.map(envelopeOf));
    expect(history.context).toEqual([]);
    expect(JSON.stringify(history)).not.toContain('Dos Santos');
  });

  it('lets a trainee open only the replays of their courses, and refuses other roles', async () => {
    await expectError(replays.open(TRAINEE, conversationRef()), 'forbidden');
    await courses.create(TRAINER, { title: 'Accueil', items: [{ replay: conversationRef() }], traineeIds: [TRAINEE.id] });
    expect((await replays.open(TRAINEE, conversationRef())).events.length).toBe(6);
    await expectError(replays.open(OTHER_TRAINEE, conversationRef()), 'forbidden');
    await expectError(replays.open(TRAINEE, { kind: 'conversation', id: first }), 'forbidden');
    await expectError(replays.open(TRAINEE, { kind: 'citizen', id: citizenId }), 'forbidden');
    await expectError(replays.open(AGENT, conversationRef()), 'forbidden');
    await expectError(replays.open(TRAINER, { kind: 'conversation', id: 'conv_nope' }), 'not_found');
  });
});

describe('ReplayService.unmask', () => {
  it('refuses a trainer and journals nothing', async () => {
    const head = await store.headSeq();
    await expectError(replays.unmask(TRAINER, conversationRef(), {}), 'forbidden');
    expect(await store.headSeq()).toBe(head);
  });

  it('shows a supervisor the real data, journals who, when and which conversation, and leaves the replay as it was', async () => {
    const before = await replays.open(TRAINER, conversationRef());
    now = new Date('2025-11-01T10:00:00.000Z');
    const real = await replays.unmask(SUPERVISOR, conversationRef(), { reason: 'Contrôle qualité' });
    expect(real.masked).toBe(false);
    expect(real.citizenLabel).toBe('Hélène Dos Santos');
    expect(JSON.stringify(real.events)).toContain('06 12 34 56 78');
    expect(JSON.stringify(real.context)).toContain('helene.dossantos@orange.fr');
    const [audit] = await store.readJournal({ afterSeq: (await store.headSeq()) - 1, limit: 1 });
    expect(audit).toMatchObject({
      type: 'replay.unmasked',
      at: '2025-11-01T10:00:00.000Z',
      actor: { kind: 'agent', id: SUPERVISOR.id, name: SUPERVISOR.displayName },
      citizenId,
      conversationId: second,
      payload: { scope: 'conversation', reason: 'Contrôle qualité' },
    });
    // The audit record is not part of the case: the replay still ends with the note.
    expect(await replays.open(TRAINER, conversationRef())).toEqual(before);
    // ...and the shared reducer ignores it.
    const conversation = await store.getConversation(second);
    expect(conversation).toMatchObject({ lastActivityAt: '2025-10-14T11:50:00.000Z', status: 'open' });
  });
});

describe('ReplayService.list', () => {
  it('lists conversations masked, and finds by topic but never by a masked name', async () => {
    const page = await replays.list(TRAINER, { limit: 10 });
    expect(page.items.map((s) => s.conversationId)).toEqual([second, first]);
    expect(page.items[0]).toMatchObject({ citizenLabel: 'Citoyen A', subject: 'Acte de naissance — Citoyen A', channels: ['email', 'whatsapp'] });
    for (const value of REAL) expect(JSON.stringify(page), value).not.toContain(value);
    expect(page.items[0]!.preview).toBe('Bonjour Madame Citoyen A, c’est noté.');
    expect((await replays.list(TRAINER, { q: 'acte naissance' })).items.map((s) => s.conversationId)).toEqual([second]);
    expect((await replays.list(TRAINER, { q: 'Dos Santos' })).items).toEqual([]);
    expect((await replays.list(TRAINER, { q: 'helene' })).items).toEqual([]);
    await expectError(replays.list(TRAINEE, {}), 'forbidden');
  });
});

describe('annotations', () => {
  it('are pinned on an event of the replay by trainers, shown masked, and changed only by their author or an admin', async () => {
    const replay = await replays.open(TRAINER, conversationRef());
    const sent = replay.events.find((e) => e.type === 'message.sent')!;
    const note = await replays.addAnnotation(TRAINER, conversationRef(), { seq: sent.seq, at: sent.at, text: 'Bonne réponse, mais Hélène attendait depuis 3 h.' });
    expect(note).toMatchObject({ seq: sent.seq, at: sent.at, authorId: TRAINER.id, authorName: 'Julien Moreau' });
    await expectError(replays.addAnnotation(TRAINER, conversationRef(), { seq: replay.context[0]!.seq, at: sent.at, text: 'x' }), 'bad_request');
    await expectError(replays.addAnnotation(TRAINER, conversationRef(), { seq: sent.seq, at: sent.at, text: '   ' }), 'bad_request');
    await expectError(replays.addAnnotation(TRAINEE, conversationRef(), { seq: sent.seq, at: sent.at, text: 'x' }), 'forbidden');

    const shown = await replays.open(TRAINER, conversationRef());
    expect(shown.annotations.map((a) => a.text)).toEqual(['Bonne réponse, mais Citoyen A attendait depuis 3 h.']);

    await expectError(replays.updateAnnotation(OTHER_TRAINER, note.id, { text: 'autre' }), 'forbidden');
    expect(await replays.updateAnnotation(ADMIN, note.id, { text: 'Relu.' })).toMatchObject({ text: 'Relu.', authorId: TRAINER.id });
    await expectError(replays.deleteAnnotation(OTHER_TRAINER, note.id), 'forbidden');
    await replays.deleteAnnotation(TRAINER, note.id);
    await expectError(replays.deleteAnnotation(TRAINER, 'ann_gone' as AnnotationId), 'not_found');
    expect((await replays.open(TRAINER, conversationRef())).annotations).toEqual([]);
  });
});

describe('CourseService', () => {
  it('builds courses of existing replays with masked default labels, assigned to trainee accounts only', async () => {
    const course = await courses.create(TRAINER, {
      title: 'Parcours accueil',
      items: [{ replay: conversationRef() }, { replay: { kind: 'citizen', id: citizenId }, label: 'Toute l’histoire' }],
      traineeIds: [TRAINEE.id],
    });
    expect(course.items.map((i) => i.label)).toEqual(['Acte de naissance — Citoyen A', 'Toute l’histoire']);
    await expectError(courses.create(TRAINER, { title: 'x', traineeIds: [AGENT.id] }), 'bad_request');
    await expectError(courses.create(TRAINER, { title: 'x', items: [{ replay: { kind: 'conversation', id: 'conv_nope' } }] }), 'bad_request');
    await expectError(courses.create(TRAINER, { title: ' ' }), 'bad_request');
    await expectError(courses.create(SUPERVISOR, { title: 'x' }), 'forbidden');
    await expectError(courses.create(TRAINEE, { title: 'x' }), 'forbidden');

    const other = await courses.create(ADMIN, { title: 'Autre', traineeIds: [OTHER_TRAINEE.id] });
    expect((await courses.list(TRAINER)).map((c) => c.id)).toEqual([other.id, course.id]);
    expect((await courses.list(TRAINEE)).map((c) => c.id)).toEqual([course.id]);
    expect(await courses.get(TRAINEE, course.id)).toEqual(course);
    await expectError(courses.get(TRAINEE, other.id), 'forbidden');
    await expectError(courses.get(TRAINEE, 'crs_nope' as CourseId), 'forbidden');
    await expectError(courses.list(AGENT), 'forbidden');

    // Unassigning takes the replays away from the trainee at once.
    const updated = await courses.update(TRAINER, course.id, { title: 'Parcours accueil', items: course.items, traineeIds: [] });
    expect(updated.createdAt).toBe(course.createdAt);
    expect(await courses.list(TRAINEE)).toEqual([]);
    await expectError(replays.open(TRAINEE, conversationRef()), 'forbidden');
    await courses.remove(TRAINER, course.id);
    await expectError(courses.remove(TRAINER, course.id), 'not_found');
  });
});
