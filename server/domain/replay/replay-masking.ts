import type { Citizen, Identity, JournalEvent, ReplayRef } from '../../../shared/index.js';
import { Masker } from '../masking/masker.js';

// Builds the masker of one replay from everything the journal says about its citizen: the names
// they were known by (display name, e-mail sender names) and every identity ever linked, so each
// of those is recognised wherever it shows up in the replay.

export function replayScope(ref: ReplayRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function namesAndIdentities(citizen: Citizen, events: readonly JournalEvent[]): { names: string[]; identities: Identity[] } {
  const names = new Set<string>([citizen.displayName]);
  const identities = new Map<string, Identity>();
  const addIdentity = (i: Identity) => identities.set(`${i.kind}:${i.value}`, i);
  citizen.identities.forEach(addIdentity);
  for (const event of events) {
    if (event.citizenId !== citizen.id) continue;
    if (event.actor.kind === 'citizen' && event.actor.name) names.add(event.actor.name);
    switch (event.type) {
      case 'citizen.created':
        names.add(event.payload.displayName);
        event.payload.identities.forEach(addIdentity);
        break;
      case 'identity.linked':
        addIdentity(event.payload.identity);
        break;
      case 'conversation.opened':
        names.add(event.payload.citizenName);
        break;
      case 'message.received':
        if (event.payload.message.author.kind === 'citizen' && event.payload.message.author.name) names.add(event.payload.message.author.name);
        break;
      default:
        break;
    }
  }
  return { names: [...names], identities: [...identities.values()] };
}

export interface ReplayMaskerInput {
  secret: string;
  ref: ReplayRef;
  citizen: Citizen;
  events: readonly JournalEvent[];
  /** Names known from elsewhere (a conversation opened under an older display name). */
  extraNames?: readonly string[];
  staffNames: readonly string[];
}

export function replayMasker(input: ReplayMaskerInput): Masker {
  const { names, identities } = namesAndIdentities(input.citizen, input.events);
  return new Masker({
    secret: input.secret,
    scope: replayScope(input.ref),
    citizens: [{ citizenId: input.citizen.id, names: [...names, ...(input.extraNames ?? [])], identities }],
    staffNames: input.staffNames,
  });
}
