import type { Message } from './model.js';

// WhatsApp's customer-service window: a business may send free text only within 24 hours of the
// citizen's last message; after that only approved templates go through. The server refuses free
// text outside it and the console shows the time left, both from these functions.

export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

/** When the citizen wrote: the provider's time when known (the window runs from it), else receipt. */
export function citizenWroteAt(message: Pick<Message, 'providerAt' | 'at'>): string {
  return message.providerAt ?? message.at;
}

/** The latest time the citizen wrote on WhatsApp among these messages, or null. */
export function lastWhatsappInboundAt(messages: readonly Pick<Message, 'channel' | 'direction' | 'providerAt' | 'at'>[]): string | null {
  let latest: number | null = null;
  let latestIso: string | null = null;
  for (const m of messages) {
    if (m.channel !== 'whatsapp' || m.direction !== 'inbound') continue;
    const iso = citizenWroteAt(m);
    const ms = Date.parse(iso);
    if (latest === null || ms > latest) {
      latest = ms;
      latestIso = iso;
    }
  }
  return latestIso;
}

export interface WhatsappWindow {
  open: boolean;
  /** When free text stops being allowed; null when the citizen never wrote on WhatsApp. */
  closesAt: string | null;
  /** Milliseconds left, 0 when closed. */
  remainingMs: number;
}

export function whatsappWindow(lastInboundAt: string | null, nowMs: number): WhatsappWindow {
  if (lastInboundAt === null) return { open: false, closesAt: null, remainingMs: 0 };
  const closes = Date.parse(lastInboundAt) + WHATSAPP_WINDOW_MS;
  const remainingMs = Math.max(0, closes - nowMs);
  return { open: remainingMs > 0, closesAt: new Date(closes).toISOString(), remainingMs };
}
