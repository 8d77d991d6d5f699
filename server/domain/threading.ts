import type { CitizenId, ConversationId } from '../../shared/index.js';
import type { Claim, Store } from './ports.js';

/**
 * The claim that makes "open a new conversation for this citizen" happen once under races:
 * it names the conversation it follows, so two ingests that both saw no active conversation
 * compete for the same key and the loser retries into the winner's conversation.
 */
export async function nextConversationClaim(store: Store, citizenId: CitizenId, conversationId: ConversationId): Promise<Claim> {
  const conversations = await store.listCitizenConversations(citizenId);
  const latest = conversations.reduce<string | null>(
    (acc, c) => (acc === null || c.id > acc ? c.id : acc),
    null,
  );
  return { key: `conversation-after:${citizenId}:${latest ?? 'none'}`, owner: conversationId };
}
