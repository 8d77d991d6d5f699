import type { PendingSend } from './composerSlice.js';

// Unsent messages survive a reload: kept in this browser, per agent (a shared workstation never
// shows one agent's unsent replies to another), until acknowledged or discarded, and for a week
// at most (what is still unsent then is better rewritten than sent late).

// The storage key keeps its first name so unsent messages kept by an earlier version still go out.
const KEY_PREFIX = 'guichet.outbox.';
const KEEP_MS = 7 * 24 * 3600_000;

const keyOf = (agentId: string) => `${KEY_PREFIX}${agentId}`;

function isItem(value: unknown): value is PendingSend {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.clientMessageId === 'string' &&
    typeof v.conversationId === 'string' &&
    typeof v.text === 'string' &&
    typeof v.createdAt === 'string' &&
    (v.mode === 'reply' || v.mode === 'note') &&
    (v.status === 'sending' || v.status === 'failed')
  );
}

export function loadPendingSends(agentId: string, nowMs = Date.now()): PendingSend[] {
  try {
    const raw = globalThis.localStorage?.getItem(keyOf(agentId));
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isItem).filter((item) => nowMs - Date.parse(item.createdAt) < KEEP_MS);
  } catch {
    return [];
  }
}

export function savePendingSends(agentId: string, items: readonly PendingSend[]): void {
  try {
    if (items.length === 0) globalThis.localStorage?.removeItem(keyOf(agentId));
    else globalThis.localStorage?.setItem(keyOf(agentId), JSON.stringify(items));
  } catch {
    // Storage full or forbidden (private browsing): unsent messages last as long as the tab.
  }
}
