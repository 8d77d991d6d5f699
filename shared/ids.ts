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
/** A library answer (shared/answers.ts); readable because supervisors name them ("ans_etat-civil-acte"). */
export const AnswerId = z.string().regex(/^ans_[a-z0-9_-]{4,60}$/, 'an answer id is ans_ and 4–60 lower-case letters, digits, - or _').brand<'AnswerId'>();
export type AnswerId = z.infer<typeof AnswerId>;

export type IdPrefix = 'cit' | 'conv' | 'msg' | 'agt' | 'que' | 'ann' | 'ans' | 'crs' | 'wsp' | 'note';

// Ids minted in the same millisecond by this process stay in creation order: a per-millisecond
// counter sits between the time and the random part, so timelines that tie on time and fall back
// to the id (compareMessages) keep the order things happened in.
let lastMs = -1;
let sameMsCount = 0;

/** A sortable, unguessable id: time prefix (base36 ms) + a same-millisecond counter + 64 random bits. */
export function newId<T extends string>(prefix: IdPrefix, now: number = Date.now()): T {
  if (now === lastMs) sameMsCount += 1;
  else {
    lastMs = now;
    sameMsCount = 0;
  }
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  let rand = '';
  for (const b of bytes) rand += b.toString(16).padStart(2, '0');
  return `${prefix}_${now.toString(36).padStart(9, '0')}${sameMsCount.toString(36).padStart(4, '0')}${rand}` as T;
}
