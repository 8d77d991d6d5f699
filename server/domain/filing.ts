import {
  newId,
  type CitizenId,
  type ConversationId,
  type Identity,
  type JournalEvent,
  type Message,
  type NewJournalEvent,
  type ParsedInboundMessage,
  type Priority,
} from '../../shared/index.js';
import { commit } from './commit.js';
import { DomainError } from './errors.js';
import { findCitizen, hasIdentity, identityClaim } from './identity.js';
import { ClaimConflictError, type Claim, type Clock, type EventBus, type Store } from './ports.js';
import { chooseQueue, type QueueRules } from './queue-choice.js';
import { chooseConversation, nextConversationClaim, type ThreadChoice } from './threading.js';

// Filing: from a sender's identity to a message in one citizen's conversation. One path for what
// citizens send (ingest.ts) and for what reaches them from outside the console (an outbound call
// a PBX reports, calls.ts), so threading, routing and the race rules are the same for both.

export interface FilingDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  /** The live routing setup (routing-setup/live-setup.ts keeps its queues current). */
  queueRules: QueueRules;
}

/** The ids a message is filed under, known once its citizen and conversation are. */
export interface FiledUnder {
  citizenId: CitizenId;
  conversationId: ConversationId;
  citizenName: string;
  at: string;
}

export interface FilingRequest {
  /** Who the message is from (inbound) or to (outbound), normalised. */
  identity: Identity;
  /** Other identities the channel vouches for (a signed-in web chat's account): linked if free. */
  alsoKnownAs: readonly Identity[];
  /** The name the channel gives, for a citizen seen for the first time. */
  displayName?: string | undefined;
  /** Threading hints and what routing reads (channel, subject, text, references). */
  inbound: Pick<ParsedInboundMessage, 'channel' | 'text' | 'subject' | 'inReplyTo' | 'references' | 'conversationRef'>;
  priority?: Priority | undefined;
  /** The citizen for what they send; the system (a telephony report) for an outbound call. */
  actor: NewJournalEvent['actor'] | 'citizen';
  /** The provider's id of the message: filed once, whoever delivers it twice. */
  externalId: string;
  /** The message itself, once its place is known. */
  message: (under: FiledUnder) => Message;
}

export interface Filed {
  status: 'accepted' | 'duplicate';
  message: Message;
  events: JournalEvent[];
}

// Claims lost to a concurrent filing are retried from the top: the second pass sees what the
// winner committed (its citizen, its conversation) and joins it.
const MAX_ATTEMPTS = 5;

export async function fileMessage(deps: FilingDeps, request: FilingRequest): Promise<Filed> {
  const { channel } = request.inbound;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const existing = await deps.store.findMessageByExternalId(channel, request.externalId);
    if (existing) return { status: 'duplicate', message: existing, events: [] };
    try {
      return await fileOnce(deps, request);
    } catch (err) {
      if (!(err instanceof ClaimConflictError)) throw err;
    }
  }
  throw new DomainError('unavailable', 'too many concurrent writes for this sender; retry later', { reason: 'too_many_writes' });
}

async function fileOnce(deps: FilingDeps, request: FilingRequest): Promise<Filed> {
  const { store, clock } = deps;
  const { identity: from, inbound } = request;
  const at = clock.now().toISOString();
  const nowMs = Date.parse(at);
  const events: NewJournalEvent[] = [];
  const claims: Claim[] = [];
  const citizen = await findCitizen(store, from, [...request.alsoKnownAs]);
  const citizenId: CitizenId = citizen?.id ?? newId<CitizenId>('cit', nowMs);
  const citizenName = citizen?.displayName ?? request.displayName?.trim() ?? from.value;

  // Identities to attach: the sender's, then others the channel gave us that nobody holds yet.
  // Each takes its identity's current claim key: a removed identity is claimed afresh by its
  // next holder (identity.ts, identityClaim).
  const toLink: Identity[] = [];
  for (const identity of [from, ...request.alsoKnownAs]) {
    if (citizen && hasIdentity(citizen, identity)) continue;
    if (toLink.some((i) => i.kind === identity.kind && i.value === identity.value)) continue;
    const claim = await identityClaim(store, identity);
    if (identity !== from && !claim.free) continue;
    toLink.push(identity);
    claims.push({ key: claim.key, owner: citizenId });
  }
  const thread: ThreadChoice = citizen ? await chooseConversation(store, citizenId, inbound) : { kind: 'open' };
  const active = thread.kind === 'open' ? null : thread.conversation;
  const conversationId: ConversationId = active?.id ?? newId<ConversationId>('conv', nowMs);
  const queueId = active?.queueId ?? chooseQueue(deps.queueRules, inbound);
  const actor = request.actor === 'citizen' ? { kind: 'citizen' as const, id: citizenId } : request.actor;
  const envelope = { at, actor, citizenId, queueId };

  // Each identity says where it came from: this message, on this channel.
  const message = request.message({ citizenId, conversationId, citizenName, at });
  const linked = toLink.map((i) => ({ ...i, source: i.source ?? { at, messageId: message.id, channel: inbound.channel } }));
  if (!citizen) {
    events.push({ ...envelope, type: 'citizen.created', payload: { displayName: citizenName, identities: linked } });
  } else {
    for (const identity of linked) events.push({ ...envelope, type: 'identity.linked', payload: { identity } });
  }

  const fromCitizen = message.direction === 'inbound';
  if (!active) {
    claims.push(await nextConversationClaim(store, citizenId, conversationId));
    events.push({
      ...envelope,
      conversationId,
      type: 'conversation.opened',
      payload: {
        citizenName,
        queueId,
        channel: inbound.channel,
        priority: request.priority ?? 'normal',
        ...(inbound.subject ? { subject: inbound.subject } : {}),
        via: { kind: from.kind, value: from.value },
      },
    });
  } else if (thread.kind === 'reopen') {
    // The same claim as opening one: a reopen and a concurrent new conversation cannot both win.
    claims.push(await nextConversationClaim(store, citizenId, conversationId));
    events.push({ ...envelope, conversationId, type: 'conversation.status', payload: { status: 'open', previousStatus: 'resolved' } });
  } else if (active.status === 'pending' && fromCitizen) {
    // The citizen answered: the conversation needs an agent again. (Staff reaching out to them,
    // an outbound call, leaves it waiting on the citizen.)
    events.push({ ...envelope, conversationId, type: 'conversation.status', payload: { status: 'open', previousStatus: 'pending' } });
  }

  claims.push({ key: `external:${inbound.channel}:${request.externalId}`, owner: message.id });
  events.push({ ...envelope, conversationId, type: fromCitizen ? 'message.received' : 'message.sent', payload: { message } });

  const committed = await commit(deps, events, claims);
  return { status: 'accepted', message, events: committed };
}
