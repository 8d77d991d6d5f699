import { expect } from 'vitest';
import type { CitizenId, Conversation, Message, TimelinePage } from '../../../shared/index.js';
import type { ConversationQuery, ReadModelStore } from '../../domain/ports.js';

// Reading through the port the way screens do: every page of a list or a timeline, and cursors a
// client may send that the store must refuse.

export async function listAll(store: ReadModelStore, query: Omit<ConversationQuery, 'cursor'>): Promise<Conversation[]> {
  const items: Conversation[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.listConversations(cursor === undefined ? query : { ...query, cursor });
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    cursor = page.nextCursor;
  }
  throw new Error('listConversations never reached the end');
}

/** Pages from the latest entries back to the first; returns pages oldest first. */
export async function timelineBackwards(store: ReadModelStore, citizenId: CitizenId, limit: number, conversationIds?: readonly string[]): Promise<TimelinePage[]> {
  const pages = [await store.timeline(citizenId, { limit, conversationIds })];
  for (let guard = 0; pages[0]!.olderCursor !== null; guard++) {
    if (guard > 200) throw new Error('timeline never reached the first entry');
    pages.unshift(await store.timeline(citizenId, { limit, before: pages[0]!.olderCursor, conversationIds }));
  }
  return pages;
}

export async function timelineForwards(store: ReadModelStore, citizenId: CitizenId, limit: number, from: TimelinePage, conversationIds?: readonly string[]): Promise<TimelinePage[]> {
  const pages = [from];
  for (let guard = 0; pages[pages.length - 1]!.newerCursor !== null; guard++) {
    if (guard > 200) throw new Error('timeline never reached the latest entry');
    pages.push(await store.timeline(citizenId, { limit, after: pages[pages.length - 1]!.newerCursor!, conversationIds }));
  }
  return pages;
}

export function messageIds(messages: readonly Message[]): string[] {
  return messages.map((m) => m.id);
}
function encodeBase64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export const BAD_CURSORS = ['%%%not-base64%%%', encodeBase64Url('not json'), encodeBase64Url('{"x":1}'), encodeBase64Url('[]')];
