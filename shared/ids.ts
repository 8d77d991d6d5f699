import { z } from 'zod';

// Branded ids keep a conversation id from being passed where a citizen id is expected.
// Every id is minted by the server (see `newId`) and travels inside journal payloads,
// so replaying the journal yields the same ids.
export const CitizenId = z.string().min(1).max(64).brand<'CitizenId'>();
export type CitizenId = z.infer<typeof CitizenId>;
export const ConversationId = z.string().min(1).max(64).brand<'ConversationId'>();
export type ConversationId = z.infer<typeof ConversationId>;
export const MessageId = z.string().min(1).max(64).brand<'MessageId'>();
export type MessageId = z.infer<typeof MessageId>;
export const AgentId = z.string().min(1).max(64).brand<'AgentId'>();
export type AgentId = z.infer<typeof AgentId>;
export const QueueId = z.string().min(1).max(64).brand<'QueueId'>();
export type QueueId = z.infer<typeof QueueId>;

export type IdPrefix = 'cit' | 'conv' | 'msg' | 'agt' | 'que';

/** A sortable, unguessable id: time prefix (base36 ms) + 80 random bits. */
export function newId<T extends string>(prefix: IdPrefix, now: number = Date.now()): T {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let rand = '';
  for (const b of bytes) rand += b.toString(16).padStart(2, '0');
  return `${prefix}_${now.toString(36).padStart(9, '0')}${rand}` as T;
}
