import type { Agent, Conversation, Message, NewJournalEvent } from '../../shared/index.js';
import type { EventBus, Store } from './ports.js';
import { commit } from './commit.js';

/** The envelope of an event a member of staff causes on a conversation. */
export function agentEnvelope(agent: Agent, conversation: Conversation, at: string) {
  return {
    at,
    actor: { kind: 'agent' as const, id: agent.id, name: agent.displayName },
    citizenId: conversation.citizenId,
    conversationId: conversation.id,
    queueId: conversation.queueId,
  };
}

async function earlierWrite(store: Store, claimKey: string): Promise<Message | null> {
  const owner = await store.claimOwner(claimKey);
  return owner ? store.getMessage(owner) : null;
}

/**
 * Writes a staff message once per client id: a command retried after a lost ack gets the message
 * the first attempt wrote, and a concurrent duplicate loses the claim and gets it too.
 */
export async function writeOncePerClientId(
  deps: { store: Store; bus: EventBus },
  agent: Agent,
  clientMessageId: string,
  produce: () => Promise<{ message: Message; events: NewJournalEvent[] }>,
): Promise<Message> {
  const claimKey = `client:${agent.id}:${clientMessageId}`;
  const earlier = await earlierWrite(deps.store, claimKey);
  if (earlier) return earlier;
  const { message, events } = await produce();
  try {
    await commit(deps, events, [{ key: claimKey, owner: message.id }]);
  } catch (err) {
    const raced = await earlierWrite(deps.store, claimKey);
    if (raced) return raced;
    throw err;
  }
  return message;
}
