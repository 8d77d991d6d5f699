import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent, AgentId, ConversationId, QueueId, ReplayData } from '../../../shared/index.js';
import { sanitizeEmailHtml } from '../../content/sanitize-html.js';
import { LocalEventBus } from '../../events/local-event-bus.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { IngestService } from '../ingest.js';
import type { Store } from '../ports.js';
import { ReplayService } from './replay-service.js';

// A name one text introduces ("mon fils Malo Kerhervé") is masked in every other text of the
// replay, subject included, with the same pseudonym — wherever it was introduced.

const QUEUE = 'que_accueil' as QueueId;
const TRAINER: Agent = { id: 'agt_julien' as AgentId, email: 'julien@mairie.test', displayName: 'Julien Moreau', role: 'trainer', queueIds: [] };

let dir: string;
let store: Store;
let ingest: IngestService;
let replays: ReplayService;
let n = 0;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-subject-'));
  store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  const bus = new LocalEventBus();
  const clock = { now: () => new Date('2025-10-14T08:00:00.000Z') };
  ingest = new IngestService({ store, bus, clock, queueRules: { queues: [{ id: QUEUE, keywords: [], isDefault: true }] }, sanitizeHtml: sanitizeEmailHtml });
  await store.saveAgent({ ...TRAINER, passwordHash: 'x' });
  replays = new ReplayService({ store, bus, clock, maskSecret: 'secret-for-tests' });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function conversation(subject: string, text: string): Promise<ConversationId> {
  n += 1;
  const result = await ingest.ingest({
    channel: 'email',
    externalId: `<m${n}@example.fr>`,
    from: { kind: 'email', value: `yann.kerherve${n}@example.fr`, displayName: 'Yann Kerhervé' },
    subject,
    text,
    html: `<p>${text}</p>`,
  });
  return result.message.conversationId;
}

/** The masked texts a trainer sees: title, every subject and body. */
function texts(replay: ReplayData): { title: string; subjects: string[]; bodies: string[] } {
  const subjects: string[] = [];
  const bodies: string[] = [];
  for (const e of replay.events) {
    if (e.type === 'conversation.opened' && e.payload.subject) subjects.push(e.payload.subject);
    if (e.type === 'message.received') {
      subjects.push(e.payload.message.subject ?? '');
      bodies.push(e.payload.message.text, e.payload.message.html ?? '');
    }
  }
  return { title: replay.title ?? '', subjects, bodies };
}

const pseudonymOf = (text: string) => /Personne [A-Z]+/.exec(text)?.[0];

describe('masked replay: subjects share the body’s context and pseudonyms', () => {
  const CASES = {
    'introduced in the body only': { subject: 'Certificat pour Malo Kerhervé', text: 'Bonjour, mon fils Malo Kerhervé a besoin d’un certificat. Merci.' },
    'introduced in the subject only': { subject: 'Certificat pour mon fils Malo Kerhervé', text: 'Bonjour, Malo a besoin d’un certificat de scolarité. Merci.' },
    'introduced in both': { subject: 'Fils : Malo Kerhervé', text: 'Bonjour, mon fils Malo Kerhervé a besoin d’un certificat. Malo est en CE2.' },
  };

  for (const [label, { subject, text }] of Object.entries(CASES)) {
    it(`masks a name ${label} everywhere, as the same person`, async () => {
      const id = await conversation(subject, text);
      const replay = await replays.open(TRAINER, { kind: 'conversation', id });
      const json = JSON.stringify(replay);
      expect(json).not.toContain('Malo');
      expect(json).not.toContain('Kerhervé');
      const { title, subjects, bodies } = texts(replay);
      const person = pseudonymOf(title);
      expect(person, title).toBeDefined();
      for (const t of [...subjects, ...bodies]) if (/Personne/.test(t)) expect(pseudonymOf(t), t).toBe(person);
      expect(bodies.some((b) => b.includes(person!))).toBe(true);
      // The picker shows the subject exactly as the player does.
      const listed = await replays.list(TRAINER, {});
      expect(listed.items.find((i) => i.conversationId === id)?.subject).toBe(title);
    });
  }

  it('keeps the citizen’s own name as the citizen, and a name the texts never introduce as it was masked before', async () => {
    const id = await conversation('Demande de Yann Kerhervé', 'Bonjour, je suis Yann Kerhervé. Cordialement,\nYann Kerhervé');
    const { title, bodies } = texts(await replays.open(TRAINER, { kind: 'conversation', id }));
    expect(title).toBe('Demande de Citoyen A');
    expect(bodies[0]).toBe('Bonjour, je suis Citoyen A. Cordialement,\nCitoyen A');
  });
});
