import { newId, type AnnotationId, type Conversation, type CourseId, type JournalEvent } from '../../shared/index.js';
import type { Store } from '../domain/ports.js';
import { DEMO_AGENT_LIST, DEMO_AGENTS, DEMO_QUEUES } from './demo-directory.js';

// The demo's training material: a course of multi-channel conversations, assigned to the demo
// trainee, with the trainer's first annotations. Chosen from the seeded store by stable traits
// (channels, size, names) so the same seed always gives the same course.

const CHANNEL_NAMES: Record<string, string> = {
  email: 'e-mail',
  phone: 'téléphone',
  webchat: 'chat web',
  messenger: 'Messenger',
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  telegram: 'Telegram',
};

const STAFF_WORDS = new Set(DEMO_AGENT_LIST.flatMap((a) => a.displayName.split(/[\s-]+/)));

async function allConversations(store: Store): Promise<Conversation[]> {
  const out: Conversation[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.listConversations({ limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/**
 * Resolved, 4 to 14 messages, at least two channels; a citizen whose name shares no word with a
 * member of staff, so "no real name on screen" in masked mode is checkable word by word.
 */
export function courseCandidates(conversations: readonly Conversation[]): Conversation[] {
  const score = (c: Conversation) => c.channels.length * 10 + (c.channels.includes('phone') ? 5 : 0) + (c.channels.includes('email') ? 3 : 0);
  return conversations
    .filter((c) => c.status === 'resolved' && c.channels.length >= 2 && c.messageCount >= 4 && c.messageCount <= 14)
    .filter((c) => !c.citizenName.split(/[\s-]+/).some((w) => STAFF_WORDS.has(w)))
    .sort((a, b) => score(b) - score(a) || a.citizenName.localeCompare(b.citizenName) || (a.subject ?? '').localeCompare(b.subject ?? ''));
}

function labelOf(c: Conversation): string {
  const queue = DEMO_QUEUES.find((q) => q.id === c.queueId)?.name ?? 'Accueil';
  return `${queue} — ${c.channels.map((ch) => CHANNEL_NAMES[ch] ?? ch).join(', ')}`;
}

function firstOf(events: readonly JournalEvent[], test: (e: JournalEvent, i: number) => boolean): JournalEvent | undefined {
  return events.find(test);
}

export interface DemoCourseResult {
  courseId: CourseId;
  conversationIds: string[];
}

export async function seedDemoCourse(store: Store, now: Date): Promise<DemoCourseResult | null> {
  const picked: Conversation[] = [];
  for (const c of courseCandidates(await allConversations(store))) {
    if (picked.some((p) => p.citizenId === c.citizenId)) continue;
    picked.push(c);
    if (picked.length === 3) break;
  }
  const first = picked[0];
  if (!first) return null;
  const at = now.toISOString();
  const trainer = DEMO_AGENTS.julien;
  const courseId = newId<CourseId>('crs', now.getTime());
  await store.saveCourse({
    id: courseId,
    title: 'Premiers pas : suivre une demande sur plusieurs canaux',
    description:
      'Trois demandes réelles, rejouées du premier contact à la clôture. Observez comment l’agent retrouve l’historique quand le citoyen change de canal, et combien de temps le citoyen a attendu chaque réponse.',
    items: [
      ...picked.map((c) => ({ replay: { kind: 'conversation' as const, id: c.id }, label: labelOf(c) })),
      { replay: { kind: 'citizen' as const, id: first.citizenId }, label: 'Toutes les demandes du premier citoyen' },
    ],
    traineeIds: [DEMO_AGENTS.maeva.id],
    createdBy: trainer.id,
    createdAt: at,
    updatedAt: at,
  });

  const events = await store.readJournalSlice({ conversationId: first.id, afterSeq: 0, limit: 1000 });
  const reply = firstOf(events, (e) => e.type === 'message.sent');
  let lastChannel: string | null = null;
  const switched = firstOf(events, (e) => {
    const channel = e.type === 'message.received' || e.type === 'message.sent' ? e.payload.message.channel : null;
    if (channel === null) return false;
    const changed = lastChannel !== null && channel !== lastChannel;
    lastChannel = channel;
    return changed;
  });
  const notes: [JournalEvent | undefined, string][] = [
    [switched, 'Le citoyen change de canal ici : l’agent a-t-il relu l’échange précédent avant de répondre ?'],
    [reply, 'Première réponse : regardez le temps d’attente affiché, puis la clarté de la réponse.'],
  ];
  for (const [event, text] of notes) {
    if (!event) continue;
    await store.saveAnnotation({
      id: newId<AnnotationId>('ann', now.getTime()),
      replay: { kind: 'conversation', id: first.id },
      seq: event.seq,
      at: event.at,
      text,
      authorId: trainer.id,
      authorName: trainer.displayName,
      createdAt: at,
      updatedAt: at,
    });
  }
  return { courseId, conversationIds: picked.map((c) => c.id) };
}
