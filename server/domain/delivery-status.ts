import type { DeliveryFailure } from '../../shared/delivery-failures.js';
import type { Conversation, DeliveryStatus, Message, NewJournalEvent } from '../../shared/index.js';

/** What is now known of an outbound message's delivery, from our sender or from the provider. */
export interface StatusUpdate {
  status: Extract<DeliveryStatus, 'sent' | 'delivered' | 'read' | 'failed'>;
  /** The provider's or relay's own words, quoted in the console (never shown as ours). */
  reason?: string | undefined;
  /** What the console words for a failure (shared/delivery-failures.ts). */
  failure?: DeliveryFailure | undefined;
  /** The provider's id for the message, when this is where we learn it. */
  providerMessageId?: string | undefined;
}

// A provider may put a whole bounce or API error body in its reason.
const MAX_REASON = 2000;

/**
 * The one shape of a `message.status` event, whoever learns the news: the outbox after a send,
 * a provider's receipt, a bounce. `by` names the system that told us, for the journal.
 */
export function messageStatusEvent(
  message: Pick<Message, 'id' | 'citizenId' | 'conversationId'>,
  conversation: Pick<Conversation, 'queueId'> | null,
  update: StatusUpdate,
  by: string,
  at: string,
): NewJournalEvent {
  return {
    at,
    actor: { kind: 'system', name: by },
    citizenId: message.citizenId,
    conversationId: message.conversationId,
    ...(conversation ? { queueId: conversation.queueId } : {}),
    type: 'message.status',
    payload: {
      messageId: message.id,
      status: update.status,
      ...(update.reason ? { reason: update.reason.slice(0, MAX_REASON) } : {}),
      ...(update.failure ? { failure: update.failure } : {}),
      ...(update.providerMessageId ? { providerMessageId: update.providerMessageId } : {}),
    },
  };
}
