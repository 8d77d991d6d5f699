import type { Citizen, Identity, JournalEvent, ReplayRef } from '../../../shared/index.js';
import { Masker } from '../masking/masker.js';
import type { ReplaySource } from './replay-slice.js';

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
      // Names agents gave the record are the citizen's names too.
      case 'citizen.renamed':
        names.add(event.payload.displayName);
        names.add(event.payload.previous);
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

/** The free texts of a replay's events, where people may be introduced by name. */
export function replayTexts(events: readonly JournalEvent[]): string[] {
  const texts: string[] = [];
  const push = (...values: (string | undefined)[]) => {
    for (const v of values) if (v) texts.push(v);
  };
  for (const event of events) {
    switch (event.type) {
      case 'message.received':
      case 'message.sent':
      case 'note.added': {
        const { text, subject, html } = event.payload.message;
        // Cues are read in the HTML's text: tags end a line, as they end a run of text when masking.
        push(text, subject, html?.replace(/<[^>]*>/g, '\n'));
        break;
      }
      case 'conversation.opened':
        push(event.payload.subject);
        break;
      case 'call.updated':
        push(event.payload.text);
        break;
      case 'call.summarized':
        push(event.payload.summary);
        break;
      case 'survey.answered':
        push(event.payload.comment);
        break;
      default:
        break;
    }
  }
  return texts;
}

export interface ReplayMaskerInput {
  secret: string;
  ref: ReplayRef;
  citizen: Citizen;
  /** The replay's events: their names and identities are the citizen's, their texts the masking context. */
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
    context: replayTexts(input.events),
  });
}

/** The masker of a replay as it is played: the citizen's context and the slice, in that order. */
export function sourceMasker(secret: string, ref: ReplayRef, source: ReplaySource, staffNames: readonly string[]): Masker {
  return replayMasker({ secret, ref, citizen: source.citizen, events: [...source.context, ...source.events], staffNames });
}
