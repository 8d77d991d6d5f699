import {
  can,
  canSeeConversation,
  MergeCitizensCommand,
  seesEveryQueue,
  UnmergeCitizenCommand,
  type Agent,
  type Citizen,
  type CitizenId,
  type DuplicateSuggestion,
  type JournalEvent,
  type MergeHistoryEntry,
} from '../../../shared/index.js';
import { AccessGate } from '../access.js';
import { commit } from '../commit.js';
import { DomainError, parseOrReject } from '../errors.js';
import { ClaimConflictError, type Clock, type EventBus, type JournalStore, type ReadModelStore } from '../ports.js';
import { conversationSlot } from '../threading.js';
import { contactHintsOf, mergeHints } from './contact-hints.js';
import { duplicateReasons, type DuplicateProfile } from './duplicate-rules.js';
import { planMerge, planUnmerge } from './merge-plan.js';

// Merging two records of one person, undoing it, and proposing likely duplicates. Transports call
// these; every read goes through the access rule (AccessGate) and every write through commit().

export interface MergeServiceDeps {
  store: JournalStore & ReadModelStore;
  bus: EventBus;
  clock: Clock;
}

type MergedEvent = Extract<JournalEvent, { type: 'citizen.merged' }>;

/** Claims lost to a concurrent merge or filing are retried from a fresh read. */
const MAX_ATTEMPTS = 3;
/** How many of a record's latest messages the duplicate rules read for written contact details. */
const HINT_MESSAGES = 30;
const MERGE_TYPES = ['citizen.merged', 'citizen.unmerged'] as const;

export class CitizenMergeService {
  private readonly gate: AccessGate;

  constructor(private readonly deps: MergeServiceDeps) {
    this.gate = new AccessGate(deps.store);
  }

  /** Merges `mergedId` into `survivorId`; both must be citizens the actor may see. */
  async merge(actor: Agent, raw: unknown): Promise<Citizen> {
    if (!can(actor.role, 'citizen:merge')) throw new DomainError('forbidden', 'your role may not merge records');
    const cmd = parseOrReject(MergeCitizensCommand, raw, 'merge');
    return this.retrying(async () => {
      const [survivorFile, mergedFile] = await Promise.all([this.gate.citizen(actor, cmd.survivorId), this.gate.citizen(actor, cmd.mergedId)]);
      const { store } = this.deps;
      const mergedConversations = await store.listCitizenConversations(cmd.mergedId);
      const plan = planMerge({
        survivor: survivorFile.citizen,
        merged: mergedFile.citizen,
        mergedConversations,
        by: actor.id,
        reason: cmd.reason,
        ...(cmd.suggested ? { suggested: cmd.suggested } : {}),
        at: this.deps.clock.now().toISOString(),
      });
      // The merged record's next conversation slot: a filing that read it just before the merge
      // and would open a conversation under it now conflicts, and files again under the survivor.
      const slot = { key: await conversationSlot(store, cmd.mergedId), owner: cmd.survivorId };
      await commit(this.deps, plan.events, [...plan.claims, slot]);
      return (await store.getCitizen(cmd.survivorId))!;
    });
  }

  /** Undoes the latest merge of `mergedId` (supervisors and admins). */
  async unmerge(actor: Agent, raw: unknown): Promise<Citizen> {
    if (!can(actor.role, 'citizen:unmerge')) throw new DomainError('forbidden', 'only supervisors undo a merge', { reason: 'supervisor_only' });
    const cmd = parseOrReject(UnmergeCitizenCommand, raw, 'unmerge');
    const { store } = this.deps;
    return this.retrying(async () => {
      const { citizen: merged } = await this.gate.citizen(actor, cmd.mergedId);
      if (!merged.mergedInto) throw new DomainError('conflict', `${merged.id} is not merged`, { reason: 'not_merged' });
      const survivorFile = await this.gate.citizen(actor, merged.mergedInto);
      const survivor = survivorFile.citizen;
      const merge = await this.latestMerge(survivor.id, merged.id);
      if (!merge) throw new DomainError('conflict', `no merge of ${merged.id} into ${survivor.id} in the journal`, { reason: 'not_merged' });
      const survivorConversations = await store.listCitizenConversations(survivor.id);
      const opened = await this.allOfSlice(survivor.id, merge.seq, ['conversation.opened']);
      const laterConversations = opened.flatMap((e) =>
        e.type === 'conversation.opened' && e.conversationId ? [{ id: e.conversationId, via: e.payload.via }] : [],
      );
      const plan = planUnmerge({ merge, survivor, merged, survivorConversations, laterConversations, by: actor.id, reason: cmd.reason, at: this.deps.clock.now().toISOString() });
      // Likewise the survivor's: what is filed meanwhile on an identity going back waits for the unmerge.
      const slot = { key: await conversationSlot(store, survivor.id), owner: merged.id };
      await commit(this.deps, plan.events, [...plan.claims, slot]);
      return (await store.getCitizen(merged.id))!;
    });
  }

  /** The merges and unmerges a record took part in, newest first. */
  async history(actor: Agent, citizenId: CitizenId): Promise<MergeHistoryEntry[]> {
    const file = await this.gate.citizen(actor, citizenId);
    // A merged record's history is kept under its survivor: read both sides.
    const ids = [...new Set([file.citizen.id, ...(file.citizen.mergedInto ? [file.citizen.mergedInto] : [])])];
    const events = (await Promise.all(ids.map((id) => this.allOfSlice(id, 0, MERGE_TYPES)))).flat();
    const entries: MergeHistoryEntry[] = [];
    for (const e of events) {
      if (e.type !== 'citizen.merged' && e.type !== 'citizen.unmerged') continue;
      const { survivorId, mergedId, by, reason } = e.payload;
      if (survivorId !== citizenId && mergedId !== citizenId) continue;
      entries.push({ seq: e.seq, at: e.at, type: e.type, survivorId, mergedId, by, reason });
    }
    for (const entry of entries) {
      if (entry.type === 'citizen.merged') entry.undone = entries.some((u) => u.type === 'citizen.unmerged' && u.seq > entry.seq && u.mergedId === entry.mergedId);
    }
    return entries.sort((a, b) => b.seq - a.seq);
  }

  /** Records that look like the same person as `citizenId`, with the reasons, among those the actor may see. */
  async suggestions(actor: Agent, citizenId: CitizenId): Promise<DuplicateSuggestion[]> {
    const file = await this.gate.citizen(actor, citizenId);
    if (file.citizen.mergedInto) return [];
    const own = await this.profileOf(file.citizen);
    const dismissed = await this.dismissedWith(citizenId);
    const candidates = await this.candidates(file.citizen, own);
    const out: DuplicateSuggestion[] = [];
    for (const candidate of candidates) {
      if (candidate.id === citizenId || candidate.mergedInto || dismissed.has(candidate.id)) continue;
      if ((await this.dismissedWith(candidate.id)).has(citizenId)) continue;
      const conversations = await this.deps.store.listCitizenConversations(candidate.id);
      if (!seesEveryQueue(actor) && !conversations.some((c) => canSeeConversation(actor, c))) continue;
      const reasons = duplicateReasons(own, await this.profileOf(candidate));
      if (reasons.length === 0) continue;
      out.push({ citizen: candidate, reasons, conversationCount: conversations.length, lastActivityAt: conversations[0]?.lastActivityAt ?? null });
    }
    return out;
  }

  /** An agent said the two records are not one person: the pair is not proposed again. */
  async dismiss(actor: Agent, citizenId: CitizenId, otherId: CitizenId): Promise<void> {
    if (!can(actor.role, 'citizen:merge')) throw new DomainError('forbidden', 'your role may not judge duplicates');
    await Promise.all([this.gate.citizen(actor, citizenId), this.gate.citizen(actor, otherId)]);
    if (citizenId === otherId) throw new DomainError('bad_request', 'a record is no duplicate of itself', { reason: 'same_citizen' });
    await commit(this.deps, [
      { at: this.deps.clock.now().toISOString(), actor: { kind: 'agent', id: actor.id }, citizenId, type: 'citizen.duplicate-dismissed', payload: { otherId, by: actor.id } },
    ]);
  }

  private async retrying<T>(attempt: () => Promise<T>): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (err) {
        if (!(err instanceof ClaimConflictError) || i >= MAX_ATTEMPTS) {
          if (err instanceof ClaimConflictError) throw new DomainError('conflict', 'the record changed meanwhile; try again', { reason: 'state_changed_concurrently' });
          throw err;
        }
      }
    }
  }

  private async latestMerge(survivorId: CitizenId, mergedId: CitizenId): Promise<MergedEvent | undefined> {
    const events = await this.allOfSlice(survivorId, 0, ['citizen.merged']);
    return events.filter((e): e is MergedEvent => e.type === 'citizen.merged' && e.payload.mergedId === mergedId).at(-1);
  }

  private async allOfSlice(citizenId: CitizenId, afterSeq: number, types: readonly JournalEvent['type'][]): Promise<JournalEvent[]> {
    const all: JournalEvent[] = [];
    for (let after = afterSeq; ; ) {
      const page = await this.deps.store.readJournalSlice({ citizenId, afterSeq: after, limit: 500, types });
      all.push(...page);
      if (page.length < 500) return all;
      after = page[page.length - 1]!.seq;
    }
  }

  private async dismissedWith(citizenId: CitizenId): Promise<Set<CitizenId>> {
    const own = await this.allOfSlice(citizenId, 0, ['citizen.duplicate-dismissed']);
    const set = new Set<CitizenId>();
    for (const e of own) if (e.type === 'citizen.duplicate-dismissed') set.add(e.payload.otherId);
    return set;
  }

  private async profileOf(citizen: Citizen): Promise<DuplicateProfile> {
    const page = await this.deps.store.timeline(citizen.id, { limit: HINT_MESSAGES });
    const written = page.items.filter((m) => m.direction === 'inbound').map((m) => contactHintsOf(m.text));
    return { displayName: citizen.displayName, identities: citizen.identities, hints: mergeHints(written) };
  }

  /** Records worth comparing: those holding what this one wrote, and those that wrote what it holds. */
  private async candidates(citizen: Citizen, own: DuplicateProfile): Promise<Citizen[]> {
    const { store } = this.deps;
    const found = new Map<string, Citizen>();
    const keep = (c: Citizen | null) => {
      if (c && c.id !== citizen.id) found.set(c.id, c);
    };
    for (const phone of own.hints.phones) {
      keep(await store.findCitizenByIdentity('phone', phone));
      keep(await store.findCitizenByIdentity('whatsapp', phone));
    }
    for (const email of own.hints.emails) keep(await store.findCitizenByIdentity('email', email));
    for (const identity of citizen.identities) {
      const spellings = identity.kind === 'email' ? [identity.value] : identity.kind === 'phone' || identity.kind === 'whatsapp' ? phoneSpellings(identity.value) : [];
      for (const words of spellings) {
        for (const message of await store.searchMessages(words, 20)) {
          if (message.citizenId !== citizen.id && !found.has(message.citizenId)) keep(await store.getCitizen(message.citizenId));
        }
      }
    }
    return [...found.values()];
  }
}

/** How a French number is written in a message: "06 12 34 56 78" (and "06.12…", same words) or "0612345678". */
function phoneSpellings(e164: string): string[] {
  if (!e164.startsWith('+33') || e164.length !== 12) return [e164.slice(1)];
  const national = `0${e164.slice(3)}`;
  return [national.replace(/(\d\d)(?=\d)/g, '$1 '), national];
}
