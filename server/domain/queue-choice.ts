import type { Channel, Queue, QueueId } from '../../shared/index.js';
import { foldText } from '../../shared/search.js';

/**
 * Picks the queue for a new conversation: the first queue taking the channel one of whose
 * keywords (topic rules) appears as whole words in the subject or text, else the default queue
 * (a default queue taking the channel first). Matching ignores case and accents, so "etat civil"
 * matches "État civil", and "plu" does not match "plus". A queue without `channels` takes all.
 */
export interface QueueRules {
  queues: readonly Pick<Queue, 'id' | 'keywords' | 'isDefault' | 'channels'>[];
}

const takes = (queue: Pick<Queue, 'channels'>, channel: Channel): boolean => !queue.channels?.length || queue.channels.includes(channel);

/** Folded text as single-space-separated words, so keyword search is whole-word. */
function wordsOf(text: string): string {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
}

export function chooseQueue(config: QueueRules, input: { channel: Channel; subject?: string; text: string }): QueueId {
  const words = ` ${wordsOf(`${input.subject ?? ''} ${input.text}`)} `;
  for (const queue of config.queues) {
    if (takes(queue, input.channel) && queue.keywords.some((k) => words.includes(` ${wordsOf(k)} `))) return queue.id;
  }
  // Channel rules narrow the choice but never leave a conversation without a queue.
  const fallback =
    config.queues.find((q) => q.isDefault && takes(q, input.channel)) ?? config.queues.find((q) => q.isDefault) ?? config.queues[0];
  if (!fallback) throw new Error('routing needs at least one queue');
  return fallback.id;
}
