import type { CitizenId, Conversation, ConversationId, ParsedInboundMessage } from '../../shared/index.js';
import type { Claim, ReadModelStore } from './ports.js';

/**
 * The claim that makes "start a conversation for this citizen" happen once under races: it names
 * the state it starts from, so two ingests that both saw no active conversation compete for the
 * same key and the loser retries into the winner's conversation. Reopening a resolved
 * conversation takes the same claim. The state is the latest conversation plus the last seq of
 * the resolved ones: after a reopen that conversation can only be resolved again by a later
 * event, so the next start never finds the key the reopen consumed (a resolution time could
 * repeat within a millisecond and wedge the citizen's mail; seqs cannot). The price: an event on
 * a resolved conversation landing between two racing ingests gives them different keys.
 */
export async function nextConversationClaim(store: ReadModelStore, citizenId: CitizenId, conversationId: ConversationId): Promise<Claim> {
  return { key: await conversationSlot(store, citizenId), owner: conversationId };
}

/**
 * The key of a citizen's next new (or reopened) conversation. A merge or unmerge claims it too,
 * so a filing that read the record just before the merge and would open a conversation under it
 * conflicts, and files again on the record that stands now.
 */
export async function conversationSlot(store: ReadModelStore, citizenId: CitizenId): Promise<string> {
  const [conversations, citizen] = await Promise.all([store.listCitizenConversations(citizenId), store.getCitizen(citizenId)]);
  let latest: string | null = null;
  let resolvedSeq = 0;
  for (const c of conversations) {
    if (latest === null || c.id > latest) latest = c.id;
    if (c.status === 'resolved' && c.lastSeq > resolvedSeq) resolvedSeq = c.lastSeq;
  }
  const state = resolvedSeq > 0 ? `#${resolvedSeq}` : '';
  // Each merge or unmerge starts the record's keys afresh: the slot a merge claimed would
  // otherwise be the record's next one again once an unmerge gives its conversations back.
  const epoch = citizen?.revision ? `@r${citizen.revision}` : '';
  return `conversation-after:${citizenId}:${latest ?? 'none'}${state}${epoch}`;
}

/**
 * A short, channel-neutral reference to a conversation that a citizen can carry back (an email
 * subject token): 8 characters of the id's random part. Only matched against the sender's own
 * conversations, so 32 bits are plenty to tell them apart.
 */
export function shortConversationRef(conversationId: string): string {
  const body = conversationId.replace(/^conv_/, '');
  // newId: 9 base36 characters of time, then hex randomness.
  return (body.length >= 17 ? body.slice(9, 17) : body).toLowerCase();
}

export type ThreadChoice =
  /** Add to this open or pending conversation. */
  | { kind: 'join'; conversation: Conversation }
  /** The citizen answered a resolved conversation and has no other active one: reopen it. */
  | { kind: 'reopen'; conversation: Conversation }
  | { kind: 'open' };

// A References header can name a whole thread; the newest few ids are the ones that matter.
const MAX_REFERENCE_LOOKUPS = 20;

type Hints = Pick<ParsedInboundMessage, 'channel' | 'inReplyTo' | 'references' | 'conversationRef'>;

/** The conversation the hints point to, if it belongs to this citizen. */
async function hintedConversation(store: ReadModelStore, citizenId: CitizenId, hints: Hints): Promise<Conversation | null> {
  const refs = [...(hints.inReplyTo ? [hints.inReplyTo] : []), ...[...(hints.references ?? [])].reverse()];
  const seen = new Set<string>();
  for (const ref of refs) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    if (seen.size > MAX_REFERENCE_LOOKUPS) break;
    const earlier = await store.findMessageByExternalId(hints.channel, ref);
    // Message-IDs are not secrets (they travel in every forwarded mail): a reference to another
    // citizen's message must not pull this sender into that citizen's conversation.
    if (!earlier || earlier.citizenId !== citizenId) continue;
    const conversation = await store.getConversation(earlier.conversationId);
    if (conversation) return conversation;
  }
  if (hints.conversationRef) {
    const ref = hints.conversationRef.toLowerCase();
    const conversations = await store.listCitizenConversations(citizenId);
    const matched = conversations.find((c) => shortConversationRef(c.id) === ref);
    if (matched) return matched;
  }
  return null;
}

/**
 * Where an inbound message of a known citizen goes: the conversation its threading hints name
 * (headers first, then the quoted reference), else the citizen's active conversation, else a new
 * one. A reply to a resolved conversation reopens it only when the citizen has no other active
 * conversation; otherwise it joins the active one, so a citizen never has two conversations
 * running because they answered an old email.
 */
export async function chooseConversation(store: ReadModelStore, citizenId: CitizenId, hints: Hints): Promise<ThreadChoice> {
  const hinted = await hintedConversation(store, citizenId, hints);
  if (hinted && hinted.status !== 'resolved') return { kind: 'join', conversation: hinted };
  const active = await store.findActiveConversation(citizenId);
  if (active) return { kind: 'join', conversation: active };
  if (hinted) return { kind: 'reopen', conversation: hinted };
  return { kind: 'open' };
}
