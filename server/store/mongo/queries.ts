import type { mongo } from 'mongoose';
import type {
  AgentId,
  Channel,
  Citizen,
  CitizenId,
  Conversation,
  ConversationId,
  IdentityKind,
  Message,
  Page,
  QueueId,
  TimelinePage,
} from '../../../shared/index.js';
import { upgradeLegacyCitizen } from '../../../shared/model.js';
import type {
  CitizenFound,
  CitizenSearch,
  ConversationFilter,
  ConversationQuery,
  MessageSearch,
  SearchVisibility,
  TimelineRange,
} from '../../domain/ports.js';
import { byDisplayName } from '../../domain/search/search-query.js';
import { decodeCursor, encodeCursor, type SortKey } from '../cursor.js';
import type { Collections, ConversationDoc, MessageDoc } from './models.js';
import { foldWords } from './search-words.js';

// Read side of the projections. Documents are the reducers' output plus bookkeeping fields
// (`_id`, `_seq`, `words`), which the projections below leave out. Orders are those of the
// SQLite adapter: strings compare by code point on both (no collation).

const HIDE_CITIZEN = { projection: { _id: 0, _seq: 0 } } as const;
const HIDE_CONVERSATION = { projection: { _id: 0, _seq: 0 } } as const;
const HIDE_MESSAGE = { projection: { _id: 0, _seq: 0, words: 0 } } as const;
const INBOX_ORDER = { lastActivityAt: -1, _id: -1 } as const;
/** The highest code point: `w <= x < w + TOP` is "x starts with w" (strings compare by UTF-8 bytes). */
const TOP = '\u{10FFFF}';

/** Entries strictly before (`$lt`) or after (`$gt`) a sort key: (at, id) compared as a pair. */
function beyond<K extends string>(field: K, op: '$lt' | '$gt', key: SortKey) {
  return { $or: [{ [field]: { [op]: key.at } }, { [field]: key.at, _id: { [op]: key.id } }] };
}

/** The inbox filters as one conjunction, shared by a page and its count. */
function inboxFilter(query: ConversationFilter): mongo.Filter<ConversationDoc>[] {
  const and: mongo.Filter<ConversationDoc>[] = [];
  // InboxFilter's ids are validated strings (zod input types), hence the brand casts.
  if (query.queueId !== undefined) and.push({ queueId: query.queueId as QueueId });
  if (query.status !== undefined) and.push({ status: query.status });
  if (query.channel !== undefined) and.push({ channels: query.channel });
  // null is stored, never left out, so `assigneeId: null` means "nobody's" exactly.
  if (query.assigneeId !== undefined) and.push({ assigneeId: query.assigneeId });
  if (query.queueIds !== undefined) and.push({ queueId: { $in: [...query.queueIds] } });
  if (query.mentioned !== undefined) and.push({ 'mentioned.agentId': query.mentioned as AgentId });
  if (query.visibleTo !== undefined) {
    and.push({ $or: [{ queueId: { $in: [...query.visibleTo.queueIds] } }, { assigneeId: query.visibleTo.assigneeId }] });
  }
  return and;
}

export interface Queries {
  getCitizen(id: CitizenId): Promise<Citizen | null>;
  findCitizenByIdentity(kind: IdentityKind, value: string): Promise<Citizen | null>;
  countCitizens(): Promise<number>;
  getConversation(id: ConversationId): Promise<Conversation | null>;
  findActiveConversation(citizenId: CitizenId): Promise<Conversation | null>;
  listConversations(query: ConversationQuery): Promise<Page<Conversation>>;
  countConversations(query: ConversationFilter): Promise<number>;
  listCitizenConversations(citizenId: CitizenId): Promise<Conversation[]>;
  /** Ids of the conversations now assigned to an agent (catch-up filter). */
  assignedTo(agentId: AgentId): Promise<string[]>;
  getMessage(id: string): Promise<Message | null>;
  findMessageByExternalId(channel: Channel, externalId: string): Promise<Message | null>;
  timeline(citizenId: CitizenId, range: TimelineRange): Promise<TimelinePage>;
  searchMessages(text: string, limit: number): Promise<Message[]>;
  searchCitizens(query: CitizenSearch): Promise<CitizenFound[]>;
  searchMessagePage(query: MessageSearch): Promise<Page<Message>>;
  lastInboundAt(channel: Channel): Promise<string | null>;
}

export function queries(c: Collections): Queries {
  // Documents projected before identity levels are read with levels (upgradeLegacyCitizen).
  const getCitizen = async (id: string) => {
    const found = await c.citizens.findOne<Citizen>({ _id: id }, HIDE_CITIZEN);
    return found ? upgradeLegacyCitizen(found) : null;
  };
  const getMessage = (id: string) => c.messages.findOne<Message>({ _id: id }, HIDE_MESSAGE);

  async function timeline(citizenId: CitizenId, range: TimelineRange): Promise<TimelinePage> {
    const limit = Math.max(1, Math.floor(range.limit));
    // Decode both first so a malformed cursor is refused whichever direction is asked.
    const before = range.before !== undefined ? decodeCursor('timeline', range.before) : null;
    const after = range.after !== undefined ? decodeCursor('timeline', range.after) : null;
    // Only the conversations the caller may open, when the caller is limited (shared/access.ts).
    const mine: mongo.Filter<MessageDoc> = range.conversationIds ? { citizenId, conversationId: { $in: [...range.conversationIds] as ConversationId[] } } : { citizenId };
    let items: Message[];
    if (after) {
      const filter: mongo.Filter<MessageDoc> = { $and: [mine, beyond('at', '$gt', after), ...(before ? [beyond('at', '$lt', before)] : [])] };
      items = await c.messages.find<Message>(filter, HIDE_MESSAGE).sort({ at: 1, _id: 1 }).limit(limit).toArray();
    } else {
      const filter: mongo.Filter<MessageDoc> = before ? { $and: [mine, beyond('at', '$lt', before)] } : mine;
      items = (await c.messages.find<Message>(filter, HIDE_MESSAGE).sort({ at: -1, _id: -1 }).limit(limit).toArray()).reverse();
    }
    const first = items[0];
    const last = items[items.length - 1];
    const exists = async (filter: mongo.Filter<MessageDoc>) => (await c.messages.findOne(filter, { projection: { _id: 1 } })) !== null;
    const [hasOlder, hasNewer] = await Promise.all([
      first ? exists({ $and: [mine, beyond('at', '$lt', first)] }) : false,
      last ? exists({ $and: [mine, beyond('at', '$gt', last)] }) : false,
    ]);
    return {
      items,
      olderCursor: first && hasOlder ? encodeCursor('timeline', first) : null,
      newerCursor: last && hasNewer ? encodeCursor('timeline', last) : null,
    };
  }

  /** The access rule as a conversation filter (shared/access.ts, visibilityFilter). */
  const visibleConversation = (v: SearchVisibility): mongo.Filter<ConversationDoc> => ({
    $or: [{ queueId: { $in: [...v.queueIds] } }, { assigneeId: v.assigneeId }],
  });

  async function searchCitizens(query: CitizenSearch): Promise<CitizenFound[]> {
    const limit = Math.max(1, Math.floor(query.limit));
    const candidates: { id: string; matchedBy: CitizenFound['matchedBy']; identityValue?: string }[] = [];
    if (query.words.length > 0) {
      // Every word must start a word of the name: the intersection of each word's citizens.
      let ids: string[] | null = null;
      for (const word of query.words) {
        const rows = await c.citizenWords.find({ word: { $gte: word, $lt: `${word}${TOP}` } }, { projection: { citizenId: 1 } }).toArray();
        const these = new Set(rows.map((r) => r.citizenId));
        const before: string[] = ids ?? [...these];
        ids = before.filter((id) => these.has(id));
        if (ids.length === 0) break;
      }
      for (const id of new Set(ids ?? [])) candidates.push({ id, matchedBy: 'name' });
    }
    for (const match of query.identities) {
      for (const kind of match.kinds) {
        const key = `${kind}:${match.value}`;
        const rows = match.prefix
          ? await c.identities.find({ _id: { $gte: key, $lt: `${key}${TOP}` } }).toArray()
          : await c.identities.find({ _id: key }).toArray();
        for (const row of rows) candidates.push({ id: row.citizenId, matchedBy: kind, identityValue: row._id.slice(kind.length + 1) });
      }
    }
    const once = new Map<string, (typeof candidates)[number]>();
    for (const candidate of candidates) if (!once.has(candidate.id)) once.set(candidate.id, candidate);
    const found: CitizenFound[] = [];
    for (const candidate of once.values()) {
      const citizen = await getCitizen(candidate.id);
      if (!citizen || citizen.mergedInto) continue;
      if (query.visibleTo && !(await c.conversations.findOne({ $and: [{ citizenId: citizen.id }, visibleConversation(query.visibleTo)] }, { projection: { _id: 1 } }))) continue;
      found.push({ citizen, matchedBy: candidate.matchedBy, ...(candidate.identityValue !== undefined ? { identityValue: candidate.identityValue } : {}) });
    }
    return found.sort(byDisplayName).slice(0, limit);
  }

  async function searchMessagePage(query: MessageSearch): Promise<Page<Message>> {
    const limit = Math.max(1, Math.floor(query.limit));
    let from = query.cursor !== undefined ? decodeCursor('search', query.cursor) : null;
    if (query.words.length === 0) return { items: [], nextCursor: null };
    // Messages carry no queue: matches are read newest first in batches and kept when their
    // conversation is visible, until one more than a page is found or the matches run out.
    const visible = new Map<string, boolean>();
    const kept: Message[] = [];
    const batch = Math.max(50, limit * 2);
    for (;;) {
      const filter: mongo.Filter<MessageDoc> = { words: { $all: [...query.words] }, ...(from ? beyond('at', '$lt', from) : {}) };
      const rows = await c.messages.find<Message>(filter, HIDE_MESSAGE).sort({ at: -1, _id: -1 }).limit(batch).toArray();
      for (const message of rows) {
        let ok = true;
        if (query.visibleTo) {
          let known = visible.get(message.conversationId);
          if (known === undefined) {
            known = (await c.conversations.findOne({ $and: [{ _id: message.conversationId }, visibleConversation(query.visibleTo)] }, { projection: { _id: 1 } })) !== null;
            visible.set(message.conversationId, known);
          }
          ok = known;
        }
        if (ok) kept.push(message);
        if (kept.length > limit) break;
      }
      const last = rows[rows.length - 1];
      if (kept.length > limit || rows.length < batch || !last) break;
      from = { at: last.at, id: last.id };
    }
    const items = kept.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: kept.length > limit && last ? encodeCursor('search', { at: last.at, id: last.id }) : null };
  }

  return {
    getCitizen,
    searchCitizens,
    searchMessagePage,
    async findCitizenByIdentity(kind, value) {
      const identity = await c.identities.findOne({ _id: `${kind}:${value}` });
      return identity ? getCitizen(identity.citizenId) : null;
    },
    countCitizens: () => c.citizens.countDocuments({}),
    async lastInboundAt(channel) {
      const [latest] = await c.messages.find({ channel, direction: 'inbound' }, { projection: { at: 1 } }).sort({ at: -1 }).limit(1).toArray();
      return latest?.at ?? null;
    },
    getConversation: (id) => c.conversations.findOne<Conversation>({ _id: id }, HIDE_CONVERSATION),
    async findActiveConversation(citizenId) {
      const [active] = await c.conversations
        .find<Conversation>({ citizenId, status: { $ne: 'resolved' } }, HIDE_CONVERSATION)
        .sort(INBOX_ORDER)
        .limit(1)
        .toArray();
      return active ?? null;
    },
    listCitizenConversations: (citizenId) => c.conversations.find<Conversation>({ citizenId }, HIDE_CONVERSATION).sort(INBOX_ORDER).toArray(),
    async listConversations(query) {
      const limit = Math.max(1, Math.floor(query.limit));
      const cursor = query.cursor !== undefined ? decodeCursor('inbox', query.cursor) : null;
      const and = inboxFilter(query);
      if (cursor) and.push(beyond('lastActivityAt', '$lt', cursor));
      const rows = await c.conversations
        .find<Conversation>(and.length > 0 ? { $and: and } : {}, HIDE_CONVERSATION)
        .sort(INBOX_ORDER)
        // One extra row tells whether a next page exists without a second query.
        .limit(limit + 1)
        .toArray();
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor('inbox', { at: last.lastActivityAt, id: last.id }) : null,
      };
    },
    countConversations(query) {
      const and = inboxFilter(query);
      return c.conversations.countDocuments(and.length > 0 ? { $and: and } : {});
    },
    async assignedTo(agentId) {
      const docs = await c.conversations.find({ assigneeId: agentId }, { projection: { _id: 1 } }).toArray();
      return docs.map((d) => d._id);
    },
    getMessage,
    async findMessageByExternalId(channel, externalId) {
      const link = await c.externalIds.findOne({ _id: `${channel}:${externalId}` });
      return link ? getMessage(link.messageId) : null;
    },
    timeline,
    async searchMessages(text, limit) {
      const words = foldWords(text);
      if (words.length === 0 || limit < 1) return [];
      return c.messages
        .find<Message>({ words: { $all: words } }, HIDE_MESSAGE)
        .sort({ at: -1, _id: -1 })
        .limit(Math.floor(limit))
        .toArray();
    },
  };
}
