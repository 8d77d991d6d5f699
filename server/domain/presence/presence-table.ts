import type { AgentId, ConversationId, PresenceActivity, PresentAgent } from '../../../shared/index.js';

// Who has which conversation open, per console (socket), with expiry. Pure: the realtime layer
// feeds it announcements (its own sockets' and the other instances') and pushes what changed.
// Times are this process's clock: an entry relayed by another instance is refreshed when it
// arrives here, so clock skew between instances cannot expire it early.

/** One console on one conversation, as the instances relay it to each other. */
export interface PresenceEntry {
  socketId: string;
  conversationId: ConversationId;
  agentId: AgentId;
  name: string;
  activity: PresenceActivity;
  /** ISO time this activity began on this console. */
  since: string;
}

interface Held extends PresenceEntry {
  refreshedAt: number;
}

/** Writing a reply outranks writing a note, which outranks only looking. */
const RANK: Record<PresenceActivity, number> = { replying: 2, noting: 1, viewing: 0 };

export class PresenceTable {
  private readonly byConversation = new Map<ConversationId, Map<string, Held>>();

  constructor(private readonly ttlMs: number) {}

  /**
   * A console of ours says what it does. Keeps `since` while the activity stays the same, so a
   * re-announce does not restart "since". Returns the entry to relay and whether the
   * conversation's list changed.
   */
  announce(input: Omit<PresenceEntry, 'since'>, now: number): { entry: PresenceEntry; changed: boolean } {
    const previous = this.byConversation.get(input.conversationId)?.get(input.socketId);
    const since = previous && previous.activity === input.activity ? previous.since : new Date(now).toISOString();
    const entry: PresenceEntry = { ...input, since };
    return { entry, changed: this.put(entry, now) };
  }

  /** An entry relayed by another instance (or our own announce); true when the list changed. */
  put(entry: PresenceEntry, now: number): boolean {
    const before = this.signature(entry.conversationId);
    let held = this.byConversation.get(entry.conversationId);
    if (!held) this.byConversation.set(entry.conversationId, (held = new Map()));
    held.set(entry.socketId, { ...entry, refreshedAt: now });
    return this.signature(entry.conversationId) !== before;
  }

  /** One console leaves one conversation, or (conversationId null) every conversation: the conversations whose list changed. */
  remove(socketId: string, conversationId: ConversationId | null): ConversationId[] {
    const changed: ConversationId[] = [];
    const ids = conversationId ? [conversationId] : [...this.byConversation.keys()];
    for (const id of ids) {
      const held = this.byConversation.get(id);
      if (!held?.has(socketId)) continue;
      const before = this.signature(id);
      held.delete(socketId);
      if (held.size === 0) this.byConversation.delete(id);
      if (this.signature(id) !== before) changed.push(id);
    }
    return changed;
  }

  /** Drops entries not refreshed within the TTL: the conversations whose list changed. */
  sweep(now: number): ConversationId[] {
    const changed: ConversationId[] = [];
    for (const [id, held] of this.byConversation) {
      const before = this.signature(id);
      for (const [socketId, entry] of held) if (now - entry.refreshedAt > this.ttlMs) held.delete(socketId);
      if (held.size === 0) this.byConversation.delete(id);
      if (this.signature(id) !== before) changed.push(id);
    }
    return changed;
  }

  /**
   * One line per agent (several consoles of one agent show once, with the strongest activity and
   * the earliest time it began), earliest first.
   */
  present(conversationId: ConversationId): PresentAgent[] {
    const best = new Map<AgentId, PresentAgent>();
    for (const e of this.byConversation.get(conversationId)?.values() ?? []) {
      const seen = best.get(e.agentId);
      const stronger = !seen || RANK[e.activity] > RANK[seen.activity];
      const earlier = seen && RANK[e.activity] === RANK[seen.activity] && e.since < seen.since;
      if (stronger || earlier) best.set(e.agentId, { agentId: e.agentId, name: e.name, activity: e.activity, since: e.since });
    }
    return [...best.values()].sort((a, b) => a.since.localeCompare(b.since) || a.agentId.localeCompare(b.agentId));
  }

  private signature(conversationId: ConversationId): string {
    return JSON.stringify(this.present(conversationId));
  }
}
