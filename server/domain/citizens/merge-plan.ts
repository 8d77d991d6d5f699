import type { AgentId, Citizen, CitizenId, Conversation, ConversationId, Identity, JournalEvent, NewJournalEvent } from '../../../shared/index.js';
import { DomainError } from '../errors.js';
import type { Claim } from '../ports.js';

// What a merge and an unmerge write, worked out from what the store holds: pure, so the rules
// (who survives, what goes back) are tested without a store and read in one place.

type MergedEvent = Extract<JournalEvent, { type: 'citizen.merged' }>;

/** The claim that makes a record's next merge or unmerge happen once (see Citizen.revision). */
export function revisionClaim(citizen: Pick<Citizen, 'id' | 'revision'>): Claim {
  return { key: `citizen:${citizen.id}:r${(citizen.revision ?? 0) + 1}`, owner: citizen.id };
}

const sameIdentity = (a: Pick<Identity, 'kind' | 'value'>, b: Pick<Identity, 'kind' | 'value'>) => a.kind === b.kind && a.value === b.value;

function cleanReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new DomainError('bad_request', 'a merge or unmerge needs a reason', { reason: 'reason_required' });
  return trimmed.slice(0, 500);
}

type Moving = Pick<Conversation, 'id' | 'queueId'>;

/** One move per conversation, with its queue, so every console that sees it (live or by catch-up) moves it. */
function moves(conversations: readonly Moving[], from: Citizen, to: Citizen, cause: 'merge' | 'unmerge', at: string, by: AgentId): NewJournalEvent[] {
  return conversations.map((c) => ({
    at,
    actor: { kind: 'agent', id: by },
    citizenId: to.id,
    conversationId: c.id,
    queueId: c.queueId,
    type: 'conversation.moved',
    payload: { fromCitizenId: from.id as CitizenId, toCitizenId: to.id as CitizenId, citizenName: to.displayName, cause },
  }));
}

export interface MergeInput {
  survivor: Citizen;
  merged: Citizen;
  /** The merged record's conversations as the store lists them now. */
  mergedConversations: readonly Moving[];
  by: AgentId;
  reason: string;
  suggested?: readonly string[];
  at: string;
}

export function planMerge(input: MergeInput): { events: NewJournalEvent[]; claims: Claim[] } {
  const { survivor, merged } = input;
  if (survivor.id === merged.id) throw new DomainError('bad_request', 'a record cannot be merged with itself', { reason: 'same_citizen' });
  for (const record of [survivor, merged]) {
    if (record.mergedInto) throw new DomainError('conflict', `${record.id} is already merged into ${record.mergedInto}`, { reason: 'already_merged' });
  }
  const event: NewJournalEvent = {
    at: input.at,
    actor: { kind: 'agent', id: input.by },
    citizenId: survivor.id,
    type: 'citizen.merged',
    payload: {
      survivorId: survivor.id,
      mergedId: merged.id,
      identities: merged.identities,
      conversations: input.mergedConversations.map((c) => c.id),
      by: input.by,
      reason: cleanReason(input.reason),
      ...(input.suggested?.length ? { suggested: [...input.suggested] } : {}),
    },
  };
  return {
    events: [event, ...moves(input.mergedConversations, merged, survivor, 'merge', input.at, input.by)],
    claims: [revisionClaim(survivor), revisionClaim(merged)],
  };
}

/** A conversation of the survivor opened after the merge, with the identity it came in on. */
export interface LaterConversation {
  id: ConversationId;
  via?: Pick<Identity, 'kind' | 'value'> | undefined;
}

export interface UnmergeInput {
  merge: MergedEvent;
  survivor: Citizen;
  merged: Citizen;
  /** The survivor's conversations now. */
  survivorConversations: readonly Moving[];
  /** Conversations opened under either id after the merge. */
  laterConversations: readonly LaterConversation[];
  by: AgentId;
  reason: string;
  at: string;
}

/**
 * Undoing a merge gives back to the merged record what it brought (its identities the survivor
 * still holds, its conversations) and, of what came after, each conversation opened on one of
 * those identities. What came in on the survivor's identities, or on one added since, stays.
 * A message threaded after the merge goes with its conversation.
 */
export function planUnmerge(input: UnmergeInput): { events: NewJournalEvent[]; claims: Claim[] } {
  const { merge, survivor, merged } = input;
  const { survivorId, mergedId } = merge.payload;
  if (survivor.id !== survivorId || merged.id !== mergedId) throw new Error('planUnmerge: records do not match the merge');
  if (merged.mergedInto !== survivorId) {
    throw new DomainError('conflict', `${mergedId} is no longer merged into ${survivorId}`, { reason: 'not_merged' });
  }
  if (survivor.mergedInto) {
    throw new DomainError('conflict', `${survivorId} was merged into ${survivor.mergedInto} since: undo that first`, { reason: 'merged_since' });
  }
  const identities = merge.payload.identities.filter((i) => survivor.identities.some((held) => sameIdentity(held, i)));
  const held = new Set(input.survivorConversations.map((c) => c.id));
  const back = new Set<ConversationId>(merge.payload.conversations.filter((id) => held.has(id)));
  for (const later of input.laterConversations) {
    if (held.has(later.id) && later.via && identities.some((i) => sameIdentity(i, later.via!))) back.add(later.id);
  }
  const event: NewJournalEvent = {
    at: input.at,
    actor: { kind: 'agent', id: input.by },
    citizenId: survivorId,
    type: 'citizen.unmerged',
    payload: {
      survivorId,
      mergedId,
      mergeSeq: merge.seq,
      identities,
      conversations: [...back],
      by: input.by,
      reason: cleanReason(input.reason),
    },
  };
  const going = input.survivorConversations.filter((c) => back.has(c.id));
  return { events: [event, ...moves(going, survivor, merged, 'unmerge', input.at, input.by)], claims: [revisionClaim(survivor), revisionClaim(merged)] };
}
