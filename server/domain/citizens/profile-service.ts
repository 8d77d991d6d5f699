import { z } from 'zod';
import {
  can,
  canSeeConversation,
  Channel,
  IdentityKind,
  newId,
  reduceCitizen,
  type Agent,
  type Citizen,
  type CitizenId,
  type Identity,
  type JournalEvent,
  type NewJournalEvent,
} from '../../../shared/index.js';
import type { AccessGate } from '../access.js';
import { provedByChannel } from '../../../shared/identity-source.js';
import { commit } from '../commit.js';
import { DomainError, parseOrReject } from '../errors.js';
import { hasIdentity, identityClaim, normalizeOrReject, releaseClaimKey } from '../identity.js';
import { ClaimConflictError, type Claim, type Clock, type EventBus, type Store } from '../ports.js';

// The citizen's profile as agents keep it: the display name, the preferred channel and language,
// contact notes, and identities added, confirmed or removed by hand. Every change is one journal
// event under the citizen, with the agent as its actor, so the citizen's history shows who did
// what. The one access rule applies (shared/access.ts): a citizen is editable by whoever sees one
// of their conversations (AccessGate.citizen); removing an identity a channel proved is for
// supervisors and admins (`identity:remove-proved`), an agent removes only what staff added.

export interface ProfileDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  access: AccessGate;
}

export const RenameCommand = z.object({ displayName: z.string().trim().min(1).max(200) });
export const ProfileCommand = z
  .object({
    preferredChannel: Channel.nullable().optional(),
    // A BCP 47 tag as people write them: `fr`, `en`, `pt-BR`.
    language: z
      .string()
      .trim()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a language tag such as fr, en or pt-BR')
      .nullable()
      .optional(),
  })
  .refine((c) => c.preferredChannel !== undefined || c.language !== undefined, { message: 'nothing to change' });
export const NoteCommand = z.object({ text: z.string().trim().min(1).max(2000) });
export const AddIdentityCommand = z.object({ kind: IdentityKind, value: z.string().trim().min(1).max(320) });
const IdentityRefCommand = z.object({ kind: IdentityKind, value: z.string().min(1).max(320) });
export const RemoveIdentityCommand = IdentityRefCommand.extend({ reason: z.string().trim().max(500).default('') });
export const ConfirmIdentityCommand = IdentityRefCommand.extend({ how: z.string().trim().min(1).max(200) });

/** What the citizen's profile history lists (identity.linked only when staff added it: `by`). */
export const PROFILE_HISTORY_TYPES = ['identity.linked', 'identity.confirmed', 'identity.unlinked', 'citizen.renamed', 'citizen.profile-updated', 'citizen.note-added'] as const;

export interface ProfileChange {
  citizen: Citizen;
  events: JournalEvent[];
}


export class CitizenProfileService {
  constructor(private readonly deps: ProfileDeps) {}

  async rename(agent: Agent, citizenId: CitizenId, raw: unknown): Promise<ProfileChange> {
    const { displayName } = parseOrReject(RenameCommand, raw, 'rename');
    const { citizen, envelope } = await this.editable(agent, citizenId);
    if (citizen.displayName === displayName) return { citizen, events: [] };
    return this.write(citizen, [{ ...envelope, type: 'citizen.renamed', payload: { displayName, previous: citizen.displayName } }]);
  }

  async updateProfile(agent: Agent, citizenId: CitizenId, raw: unknown): Promise<ProfileChange> {
    const change = parseOrReject(ProfileCommand, raw, 'profile');
    const { citizen, envelope } = await this.editable(agent, citizenId);
    const payload = {
      ...(change.preferredChannel !== undefined ? { preferredChannel: change.preferredChannel } : {}),
      ...(change.language !== undefined ? { language: change.language === null ? null : change.language.toLowerCase() } : {}),
    };
    return this.write(citizen, [{ ...envelope, type: 'citizen.profile-updated', payload }]);
  }

  async addNote(agent: Agent, citizenId: CitizenId, raw: unknown): Promise<ProfileChange> {
    const { text } = parseOrReject(NoteCommand, raw, 'note');
    const { citizen, envelope } = await this.editable(agent, citizenId);
    const noteId = newId<string>('note', Date.parse(envelope.at));
    return this.write(citizen, [{ ...envelope, type: 'citizen.note-added', payload: { noteId, text } }]);
  }

  /**
   * An identity typed by a member of staff: normalised (E.164, lower-case email), `unverified`
   * until someone confirms it, refused if another citizen holds it (merge them instead). It takes
   * the identity's current claim generation, so one removed earlier can be added back.
   */
  async addIdentity(agent: Agent, citizenId: CitizenId, raw: unknown): Promise<ProfileChange> {
    const given = parseOrReject(AddIdentityCommand, raw, 'identity');
    const { citizen, envelope } = await this.editable(agent, citizenId);
    const identity = normalizeOrReject(given.kind, given.value, 'unverified', { source: { at: envelope.at, agentId: agent.id } });
    if (hasIdentity(citizen, identity)) throw new DomainError('conflict', 'the citizen already has this identity', { reason: 'identity_already_held' });
    const holder = await this.deps.store.findCitizenByIdentity(identity.kind, identity.value);
    const claim = await identityClaim(this.deps.store, identity);
    if (holder || !claim.free) throw new DomainError('conflict', 'another citizen holds this identity', { reason: 'identity_held_elsewhere' });
    try {
      return await this.write(citizen, [{ ...envelope, type: 'identity.linked', payload: { identity, by: agent.id } }], [{ key: claim.key, owner: citizen.id }]);
    } catch (err) {
      if (err instanceof ClaimConflictError) throw new DomainError('conflict', 'another citizen took this identity meanwhile', { reason: 'identity_held_elsewhere' });
      throw err;
    }
  }

  async confirmIdentity(agent: Agent, citizenId: CitizenId, raw: unknown): Promise<ProfileChange> {
    const { kind, value, how } = parseOrReject(ConfirmIdentityCommand, raw, 'confirmation');
    const { citizen, envelope } = await this.editable(agent, citizenId);
    const held = this.held(citizen, kind, value);
    return this.write(citizen, [{ ...envelope, type: 'identity.confirmed', payload: { identity: { kind: held.kind, value: held.value }, level: 'confirmed', how } }]);
  }

  /**
   * Takes an identity off the citizen (added by mistake). Its holding is released by a claim, so
   * two removals of the same holding cannot both commit and the next holder claims afresh.
   */
  async removeIdentity(agent: Agent, citizenId: CitizenId, raw: unknown): Promise<ProfileChange> {
    const { kind, value, reason } = parseOrReject(RemoveIdentityCommand, raw, 'removal');
    const { citizen, envelope } = await this.editable(agent, citizenId);
    const held = this.held(citizen, kind, value);
    if (provedByChannel(held) && !can(agent.role, 'identity:remove-proved')) {
      throw new DomainError('forbidden', 'only a supervisor removes an identity a channel proved', { reason: 'identity_channel_proved' });
    }
    const claim = await identityClaim(this.deps.store, held);
    const claims: Claim[] = claim.free ? [] : [{ key: releaseClaimKey(claim.key), owner: citizen.id }];
    const identity = { kind: held.kind, value: held.value };
    try {
      return await this.write(citizen, [{ ...envelope, type: 'identity.unlinked', payload: { identity, reason, ...(claim.free ? {} : { claim: claim.key }) } }], claims);
    } catch (err) {
      if (err instanceof ClaimConflictError) throw new DomainError('conflict', 'the identity was removed meanwhile', { reason: 'state_changed_concurrently' });
      throw err;
    }
  }

  /**
   * The changes made to the citizen's record by hand, oldest first: who renamed, added, confirmed
   * or removed what, and when. Identities that came in on messages are in the timeline already.
   */
  async history(agent: Agent, citizenId: CitizenId): Promise<JournalEvent[]> {
    const file = await this.deps.access.citizen(agent, citizenId);
    const out: JournalEvent[] = [];
    for (let afterSeq = 0; ; ) {
      const page = await this.deps.store.readJournalSlice({ citizenId: file.citizen.id, afterSeq, limit: 500, types: PROFILE_HISTORY_TYPES });
      out.push(...page.filter((e) => e.type !== 'identity.linked' || e.payload.by !== undefined));
      if (page.length < 500) return out;
      afterSeq = page.at(-1)!.seq;
    }
  }

  private held(citizen: Citizen, kind: Identity['kind'], value: string): Identity {
    // The value as the agent sees it, or as typed: normalised the same way before comparing.
    let normalised = value;
    try {
      normalised = normalizeOrReject(kind, value).value;
    } catch {
      // Not a well-formed value: it cannot be on the record either.
    }
    const held = citizen.identities.find((i) => i.kind === kind && (i.value === value || i.value === normalised));
    if (!held) throw new DomainError('not_found', 'the citizen does not hold this identity', { reason: 'identity_not_found' });
    return held;
  }

  /**
   * The citizen, if the agent may edit them, and the envelope of the events. The envelope carries
   * the queue of the agent's latest visible conversation of the citizen, so the push reaches the
   * agents working on it (shared/access.ts routes events without a conversation by their queue).
   */
  private async editable(agent: Agent, citizenId: CitizenId) {
    if (!can(agent.role, 'citizen:edit')) throw new DomainError('forbidden', 'this role does not edit citizens');
    const file = await this.deps.access.citizen(agent, citizenId);
    if (file.citizen.mergedInto) throw new DomainError('conflict', 'this record was merged into another', { reason: 'already_merged' });
    const latest = file.conversations.filter((c) => canSeeConversation(agent, c)).sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt))[0];
    const envelope = {
      at: this.deps.clock.now().toISOString(),
      actor: { kind: 'agent' as const, id: agent.id, name: agent.displayName },
      citizenId: file.citizen.id,
      ...(latest ? { queueId: latest.queueId } : {}),
    };
    return { citizen: file.citizen, envelope };
  }

  private async write(citizen: Citizen, events: NewJournalEvent[], claims: Claim[] = []): Promise<ProfileChange> {
    const committed = await commit(this.deps, events, claims);
    // The citizen as these events leave it, whether or not the store has projected them yet.
    const after = committed.reduce<Citizen | undefined>((c, e) => reduceCitizen(c, e), citizen) ?? citizen;
    return { citizen: after, events: committed };
  }
}
