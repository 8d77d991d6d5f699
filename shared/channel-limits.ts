import type { Channel } from './model.js';

// The longest text each provider accepts in one message (characters), as their documentation
// states: Graph API messages for WhatsApp (4096), Messenger (2000) and Instagram (1000),
// Telegram's sendMessage (4096), and Guichet's own web chat (its default widget limit). Email and
// the phone have none that an answer could reach. The senders refuse a longer text with a
// reason rather than let the provider do it; the answer library picks a variant that fits.
export const TEXT_LIMITS = {
  whatsapp: 4096,
  messenger: 2000,
  instagram: 1000,
  telegram: 4096,
  webchat: 2000,
} as const satisfies Partial<Record<Channel, number>>;

/** The limit of one message on a channel; none for email and the phone. */
export function textLimit(channel: Channel): number | null {
  return (TEXT_LIMITS as Partial<Record<Channel, number>>)[channel] ?? null;
}
