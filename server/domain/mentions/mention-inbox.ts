import { visibilityFilter, type Agent, type AgentId, type Conversation, type ConversationId } from '../../../shared/index.js';
import { MENTION_EXCERPT, MENTIONS_LISTED, MENTIONS_LOOKED_AT, type MentionItem, type MentionsPage } from '../../../shared/mention-inbox.js';
import type { Store } from '../ports.js';

/**
 * What an agent has read of their mentions, kept as a setting (staff state, not the journal's):
 * everything up to `upTo` ("tout marquer comme lu"), and single conversations read since, by the
 * time of the mention read (a newer mention there is unread again).
 */
interface ReadMarks {
  upTo: string | null;
  read: Record<string, string>;
}

const settingKey = (agentId: AgentId) => `mentions-read:${agentId}`;

function parseMarks(value: unknown): ReadMarks {
  const v = (value ?? {}) as Partial<ReadMarks>;
  return { upTo: typeof v.upTo === 'string' ? v.upTo : null, read: v.read && typeof v.read === 'object' ? v.read : {} };
}

type Reads = Pick<Store, 'listConversations' | 'getMessage' | 'listAgents' | 'getSetting' | 'saveSetting'>;

/** The bell's list and its read marks. Conversations come through the access rule's filter. */
export class MentionInbox {
  constructor(private readonly store: Reads) {}

  async list(viewer: Agent): Promise<MentionsPage> {
    const [marked, marks] = await Promise.all([this.mentionedIn(viewer), this.marks(viewer.id)]);
    return this.page(marked, marks);
  }

  private async page(marked: Awaited<ReturnType<MentionInbox['mentionedIn']>>, marks: ReadMarks): Promise<MentionsPage> {
    const unreadOf = (m: { conversationId: ConversationId; at: string }) => isUnread(marks, m.conversationId, m.at);
    const listed = marked.slice(0, MENTIONS_LISTED);
    const [staff, notes] = await Promise.all([
      this.store.listAgents(),
      Promise.all(listed.map((m) => this.store.getMessage(m.messageId))),
    ]);
    const names = new Map(staff.map((a) => [a.id as string, a.displayName]));
    const items = listed.map((m, i): MentionItem => {
      const note = notes[i];
      const text = note?.text ?? '';
      return {
        ...m,
        by: { id: m.by, name: (m.by && names.get(m.by)) ?? note?.author.name ?? '' },
        excerpt: text.length > MENTION_EXCERPT ? `${text.slice(0, MENTION_EXCERPT - 1)}…` : text,
        unread: unreadOf(m),
      };
    });
    return { items, unread: marked.filter(unreadOf).length };
  }

  /** Marks one conversation's mention read, or all of them; answers the list as it now is. */
  async markRead(viewer: Agent, conversationId?: ConversationId): Promise<MentionsPage> {
    const [marked, marks] = await Promise.all([this.mentionedIn(viewer), this.marks(viewer.id)]);
    let next: ReadMarks;
    if (conversationId === undefined) {
      const newest = marked.reduce<string | null>((max, m) => (max === null || m.at > max ? m.at : max), marks.upTo);
      next = { upTo: newest, read: {} };
    } else {
      const mention = marked.find((m) => m.conversationId === conversationId);
      next = mention ? { upTo: marks.upTo, read: { ...marks.read, [conversationId]: mention.at } } : marks;
    }
    // Marks the read-up-to time covers, or for conversations no longer mentioning me, go.
    const live = new Set<string>(marked.map((m) => m.conversationId));
    next.read = Object.fromEntries(Object.entries(next.read).filter(([id, at]) => live.has(id) && (next.upTo === null || at > next.upTo)));
    await this.store.saveSetting(settingKey(viewer.id), next);
    return this.page(marked, next);
  }

  /** The latest mention of the viewer in each conversation they may open, newest first. */
  private async mentionedIn(viewer: Agent) {
    const visible = visibilityFilter(viewer);
    if (visible === null) return [];
    const page = await this.store.listConversations({ mentioned: viewer.id, limit: MENTIONS_LOOKED_AT, ...(visible ? { visibleTo: visible } : {}) });
    return page.items
      .flatMap((c: Conversation) => {
        const mark = c.mentioned?.find((m) => m.agentId === viewer.id);
        return mark ? [{ conversationId: c.id, queueId: c.queueId, citizenName: c.citizenName, messageId: mark.messageId, at: mark.at, by: mark.by }] : [];
      })
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }

  private async marks(agentId: AgentId): Promise<ReadMarks> {
    return parseMarks(await this.store.getSetting(settingKey(agentId)));
  }
}

function isUnread(marks: ReadMarks, conversationId: ConversationId, at: string): boolean {
  if (marks.upTo !== null && at <= marks.upTo) return false;
  const read = marks.read[conversationId];
  return read === undefined || at > read;
}
