import { WHATSAPP_WINDOW_MS, lastWhatsappInboundAt, whatsappWindow, type CitizenId } from '../../shared/index.js';
import { DomainError } from './errors.js';
import type { ReadModelStore } from './ports.js';

const PAGE = 100;
// Provider clocks and receipt times differ a little: read somewhat past the window's start.
const SLACK_MS = 3_600_000;

/**
 * When the citizen last wrote on WhatsApp, looking only as far back as the window reaches: the
 * timeline is read newest first and the scan stops at the first page older than 24 hours.
 */
export async function lastWhatsappMessageAt(store: ReadModelStore, citizenId: CitizenId, nowMs: number): Promise<string | null> {
  const horizon = nowMs - WHATSAPP_WINDOW_MS - SLACK_MS;
  let before: string | undefined;
  for (;;) {
    const page = await store.timeline(citizenId, { limit: PAGE, before });
    const found = lastWhatsappInboundAt(page.items);
    if (found) return found;
    const oldest = page.items[0];
    if (!oldest || Date.parse(oldest.at) < horizon || page.olderCursor === null) return null;
    before = page.olderCursor;
  }
}

/** Free text on WhatsApp is refused outside the 24-hour customer-service window, with the reason. */
export async function assertWhatsappWindowOpen(store: ReadModelStore, citizenId: CitizenId, nowMs: number): Promise<void> {
  const last = await lastWhatsappMessageAt(store, citizenId, nowMs);
  const window = whatsappWindow(last, nowMs);
  if (window.open) return;
  throw new DomainError(
    'bad_request',
    last === null
      ? 'WhatsApp customer-service window closed: the citizen has not written on WhatsApp in the last 24 hours, and WhatsApp only accepts free text within 24 hours of their last message — answer on another channel or wait for them to write'
      : `WhatsApp customer-service window closed at ${window.closesAt ?? ''} (24 hours after the citizen's last WhatsApp message): WhatsApp refuses free text outside it — answer on another channel or wait for them to write`,
  );
}
