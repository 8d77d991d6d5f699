import type { Channel, Identity, IdentityKind } from '../../../shared/model.js';
import { levelRank, type IdentityLevel } from '../../../shared/identity-levels.js';

/**
 * Channel an agent can write on for each identity kind. A phone number is for calls (no text
 * reply from the console); an account id is not a channel.
 */
const REPLY_CHANNEL_FOR_KIND: Record<IdentityKind, Channel | null> = {
  email: 'email',
  phone: null,
  webchat: 'webchat',
  messenger: 'messenger',
  whatsapp: 'whatsapp',
  instagram: 'instagram',
  telegram: 'telegram',
  account: null,
};

const ORDER: readonly Channel[] = ['email', 'webchat', 'whatsapp', 'messenger', 'instagram', 'telegram'];

/** Channels the citizen can be answered on, in a stable order. */
export function replyChannels(identities: readonly Pick<Identity, 'kind'>[]): Channel[] {
  const set = new Set<Channel>();
  for (const identity of identities) {
    const channel = REPLY_CHANNEL_FOR_KIND[identity.kind];
    if (channel) set.add(channel);
  }
  return ORDER.filter((c) => set.has(c));
}

/**
 * The best identity level the citizen has on a reply channel: the level of the strongest identity
 * of that channel's kind (a reply goes to one of them). Null when there is none.
 */
export function levelOnChannel(identities: readonly Pick<Identity, 'kind' | 'level'>[], channel: Channel): IdentityLevel | null {
  let best: IdentityLevel | null = null;
  for (const i of identities) if (REPLY_CHANNEL_FOR_KIND[i.kind] === channel && (best === null || levelRank(i.level) > levelRank(best))) best = i.level;
  return best;
}

/** The channel of the last inbound message when the citizen can be answered there, else the first. */
export function defaultReplyChannel(available: readonly Channel[], lastInbound: Channel | null): Channel | null {
  if (lastInbound !== null && available.includes(lastInbound)) return lastInbound;
  return available[0] ?? null;
}
