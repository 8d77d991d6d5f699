import type { Channel, Queue, QueueId } from '../../shared/index.js';

/**
 * Picks the queue for a new conversation: the first queue one of whose keywords appears as whole
 * words in the subject or text, else the default queue. Matching ignores case and accents, so
 * "etat civil" matches "État civil", and "plu" does not match "plus".
 */
export interface RoutingConfig {
  queues: readonly Pick<Queue, 'id' | 'keywords' | 'isDefault'>[];
}

export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Folded text as single-space-separated words, so keyword search is whole-word. */
function wordsOf(text: string): string {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
}

export function routeToQueue(config: RoutingConfig, input: { channel: Channel; subject?: string; text: string }): QueueId {
  const words = ` ${wordsOf(`${input.subject ?? ''} ${input.text}`)} `;
  for (const queue of config.queues) {
    if (queue.keywords.some((k) => words.includes(` ${wordsOf(k)} `))) return queue.id;
  }
  const fallback = config.queues.find((q) => q.isDefault) ?? config.queues[0];
  if (!fallback) throw new Error('routing needs at least one queue');
  return fallback.id;
}
