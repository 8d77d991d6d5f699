import type { Attachment, CallOutcome, Channel, IdentityKind, InboundMessage } from '../../shared/index.js';
import type { DemoPerson } from './demo-people.js';
import type { Rng } from './prng.js';
import { citizenHtml, citizenText, frenchDuration, TOWN_PHONE } from './demo-text.js';

/** Channels a person can write or call on, given the identities they hold. */
export function channelsOf(person: DemoPerson): Channel[] {
  const out: Channel[] = [];
  if (person.email) out.push('email');
  if (person.phone) out.push('phone');
  if (person.whatsapp) out.push('whatsapp');
  if (person.messenger) out.push('messenger');
  if (person.webchat) out.push('webchat');
  return out;
}

export function identityOf(person: DemoPerson, channel: Channel): { kind: IdentityKind; value: string } {
  const value = channel === 'instagram' || channel === 'telegram' ? undefined : person[channel];
  if (!value) throw new Error(`${person.key} has no ${channel} identity`);
  return { kind: channel, value };
}

/** Every identity the person holds, as `alsoKnownAs` entries (the sender's own left out). */
export function otherIdentities(person: DemoPerson, except: Channel): { kind: IdentityKind; value: string }[] {
  return channelsOf(person)
    .filter((c) => c !== except)
    .map((c) => identityOf(person, c));
}

export type CallDraft =
  | { outcome: 'answered'; summary: string; talkSec: number; ringSec: number }
  | { outcome: 'missed'; ringSec: number }
  | { outcome: 'voicemail'; transcript: string; talkSec: number; ringSec: number };

export interface WrittenDraft {
  channel: Exclude<Channel, 'phone'>;
  body: string;
  opening: boolean;
  subject?: string;
  html?: boolean;
  attachments?: Attachment[];
}

/**
 * Turns a draft into what a channel adapter would hand to ingest. `at` is when the provider
 * reported it: the end of a call, the receipt of a message.
 */
export function writtenInbound(person: DemoPerson, draft: WrittenDraft, at: Date, externalId: string): InboundMessage {
  const text = citizenText(draft.channel, draft.body, person, { opening: draft.opening });
  return {
    channel: draft.channel,
    externalId,
    // What the channel itself proves (the SMTP sender, the account, the session), as its adapter says.
    from: { ...identityOf(person, draft.channel), displayName: person.displayName, level: 'channel' },
    ...(draft.channel === 'email' && draft.subject ? { subject: draft.subject } : {}),
    text,
    ...(draft.channel === 'email' && draft.html ? { html: citizenHtml(draft.body, person, { opening: draft.opening }) } : {}),
    ...(draft.attachments?.length ? { attachments: draft.attachments } : {}),
    kind: 'text',
    providerAt: at.toISOString(),
  };
}

export function callInbound(person: DemoPerson, call: CallDraft, at: Date, externalId: string): InboundMessage {
  const { value } = identityOf(person, 'phone');
  const endedAt = at.getTime();
  const talkSec = call.outcome === 'missed' ? 0 : call.talkSec;
  const startedAt = endedAt - (talkSec + call.ringSec) * 1000;
  const answeredAt = call.outcome === 'missed' ? undefined : startedAt + call.ringSec * 1000;
  const outcome: CallOutcome = call.outcome;
  const text =
    call.outcome === 'answered'
      ? `Appel entrant — répondu, ${frenchDuration(talkSec)}. ${call.summary}`
      : call.outcome === 'voicemail'
        ? `Appel entrant — messagerie vocale, ${frenchDuration(talkSec)} : « ${call.transcript} »`
        : `Appel entrant — manqué (sonnerie ${call.ringSec} s).`;
  return {
    channel: 'phone',
    externalId,
    from: { kind: 'phone', value, displayName: person.displayName, level: 'channel' },
    text,
    kind: 'call',
    call: {
      from: value,
      to: TOWN_PHONE,
      startedAt: new Date(startedAt).toISOString(),
      ...(answeredAt !== undefined ? { answeredAt: new Date(answeredAt).toISOString() } : {}),
      endedAt: at.toISOString(),
      durationSec: talkSec,
      outcome,
    },
    providerAt: at.toISOString(),
  };
}

const SIZES: Record<string, readonly [number, number]> = {
  'application/pdf': [60_000, 1_800_000],
  'image/jpeg': [400_000, 3_500_000],
};

/** Attachment metadata as a channel reports it; the demo stores no blobs. */
export function attachmentsFor(rng: Rng, files: readonly (readonly [string, string])[], channel: Channel): Attachment[] {
  return files.map(([name, contentType]) => {
    const [min, max] = SIZES[contentType] ?? [10_000, 500_000];
    // WhatsApp and Messenger deliver photos under their own file names.
    const renamed =
      contentType === 'image/jpeg' && (channel === 'whatsapp' || channel === 'messenger')
        ? `IMG-${rng.digits(8)}-WA${rng.digits(4)}.jpg`
        : name;
    return { name: renamed, contentType, size: rng.int(min, max) };
  });
}
