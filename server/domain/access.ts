import {
  canSeeConversation,
  seesEveryQueue,
  type CitizenFile,
  type CitizenId,
  type Conversation,
  type ConversationElsewhere,
  type ConversationId,
  type Message,
  type Viewer,
} from '../../shared/index.js';
import { DomainError } from './errors.js';
import type { Store } from './ports.js';

// The access rule (shared/access.ts) applied to what the store holds: every read of a citizen's
// file by id goes through here. What the viewer may not see does not exist for them: the answer
// is `not_found`, like an unknown id, so an id guessed or copied reveals nothing.

type Reads = Pick<Store, 'getConversation' | 'getCitizen' | 'listCitizenConversations' | 'getMessage'>;

/** A conversation of the citizen the viewer may not open: when and on which channels, nothing else. */
export function elsewhereOf(conversation: Conversation): ConversationElsewhere {
  return { id: conversation.id, channels: conversation.channels, openedAt: conversation.openedAt, lastActivityAt: conversation.lastActivityAt };
}

export class AccessGate {
  constructor(private readonly store: Reads) {}

  async conversation(viewer: Viewer, id: ConversationId): Promise<Conversation> {
    const conversation = await this.store.getConversation(id);
    if (!conversation || !canSeeConversation(viewer, conversation)) throw new DomainError('not_found', 'no such conversation');
    return conversation;
  }

  /**
   * The citizen and the conversations the viewer may open; the others, if any, as dates and
   * channels. A citizen none of whose conversations the viewer may open is not found.
   */
  async citizen(viewer: Viewer, id: CitizenId, hops = 0): Promise<CitizenFile> {
    const [citizen, all] = await Promise.all([this.store.getCitizen(id), this.store.listCitizenConversations(id)]);
    // A merged record holds nothing of its own: it is visible to whoever sees the record it was
    // merged into, as a pointer there (an old link, a console that had it open).
    if (citizen?.mergedInto && hops < 20) {
      await this.citizen(viewer, citizen.mergedInto, hops + 1);
      return { citizen, conversations: [], elsewhere: [] };
    }
    const conversations = all.filter((c) => canSeeConversation(viewer, c));
    // Supervisors see a citizen even without a conversation; others through one they may open.
    if (!citizen || (conversations.length === 0 && !seesEveryQueue(viewer))) throw new DomainError('not_found', 'no such citizen');
    return { citizen, conversations, elsewhere: all.filter((c) => !conversations.includes(c)).map(elsewhereOf) };
  }

  /** A message and its conversation, both visible to the viewer. */
  async message(viewer: Viewer, id: string): Promise<{ message: Message; conversation: Conversation }> {
    const message = await this.store.getMessage(id);
    const conversation = message ? await this.store.getConversation(message.conversationId) : null;
    if (!message || !conversation || !canSeeConversation(viewer, conversation)) throw new DomainError('not_found', 'no such message');
    return { message, conversation };
  }
}
