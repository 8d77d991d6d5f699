import type { Citizen, CitizenId, ConversationId, JournalEvent, JournalEventType, ReplayRef } from '../../../shared/index.js';
import { DomainError } from '../errors.js';
import type { JournalSliceQuery, Store } from '../ports.js';

// The replay source: the journal slice of a conversation or a citizen, read in seq order.

/** More than a replay can sensibly play; a longer slice is cut and flagged. */
export const MAX_REPLAY_EVENTS = 5000;
const PAGE = 1000;

/**
 * Audit records about the replay itself are not part of the case being replayed: an unmasking
 * made today would otherwise become the last "event" of a conversation closed last month.
 */
const NOT_REPLAYED: ReadonlySet<JournalEventType> = new Set<JournalEventType>(['replay.unmasked']);

export function isReplayed(event: JournalEvent): boolean {
  return !NOT_REPLAYED.has(event.type);
}

export interface Slice {
  events: JournalEvent[];
  truncated: boolean;
}

/** Pages through the slice; stops after `max` events, or at `beforeSeq` when given. */
export async function readSlice(
  store: Pick<Store, 'readJournalSlice'>,
  scope: { conversationId: ConversationId } | { citizenId: CitizenId },
  opts: { max?: number; beforeSeq?: number } = {},
): Promise<Slice> {
  const max = opts.max ?? MAX_REPLAY_EVENTS;
  const events: JournalEvent[] = [];
  let afterSeq = 0;
  for (;;) {
    const query = { ...scope, afterSeq, limit: PAGE } as JournalSliceQuery;
    const page = await store.readJournalSlice(query);
    for (const event of page) {
      if (opts.beforeSeq !== undefined && event.seq >= opts.beforeSeq) return { events, truncated: false };
      if (!isReplayed(event)) continue;
      if (events.length === max) return { events, truncated: true };
      events.push(event);
    }
    if (page.length < PAGE) return { events, truncated: false };
    afterSeq = page[page.length - 1]!.seq;
  }
}

export interface ReplaySource {
  citizen: Citizen;
  /** The citizen's events before the slice (conversation replays only). */
  context: JournalEvent[];
  events: JournalEvent[];
  truncated: boolean;
  /** The conversation's subject, for a conversation replay. */
  subject: string | null;
}

export async function loadReplaySource(store: Store, ref: ReplayRef): Promise<ReplaySource> {
  if (ref.kind === 'citizen') {
    const citizen = await store.getCitizen(ref.id as CitizenId);
    if (!citizen) throw new DomainError('not_found', 'no such citizen');
    const { events, truncated } = await readSlice(store, { citizenId: citizen.id });
    return { citizen, context: [], events, truncated, subject: null };
  }
  const conversation = await store.getConversation(ref.id as ConversationId);
  if (!conversation) throw new DomainError('not_found', 'no such conversation');
  const citizen = await store.getCitizen(conversation.citizenId);
  if (!citizen) throw new Error(`conversation ${conversation.id} has no citizen`);
  const { events, truncated } = await readSlice(store, { conversationId: conversation.id });
  // What the agent could scroll back to: the citizen's history before this conversation began.
  const first = events[0]?.seq;
  const context = first === undefined ? [] : (await readSlice(store, { citizenId: citizen.id }, { beforeSeq: first })).events;
  return { citizen, context, events, truncated, subject: conversation.subject ?? null };
}
