import { createSelector } from '@reduxjs/toolkit';
import { canSeeConversation } from '../../../shared/access.js';
import type { Agent, Conversation } from '../../../shared/model.js';
import type { InboxFilters, InboxState } from './inboxSlice.js';

type WithInbox = { inbox: InboxState };

/** Who is looking: scope `mine` and the queues an agent may see depend on it. */
export type Viewer = Pick<Agent, 'id' | 'role' | 'queueIds'>;

export const selectInbox = (state: WithInbox): InboxState => state.inbox;
export const selectInboxFilters = (state: WithInbox): InboxFilters => state.inbox.filters;
export const selectInboxEntities = (state: WithInbox): Record<string, Conversation> => state.inbox.entities;
export const selectInboxListState = (state: WithInbox): InboxState['list'] => state.inbox.list;
export const selectCitizenLevels = (state: WithInbox): InboxState['levels'] => state.inbox.levels;

/**
 * Whether a conversation belongs in this agent's inbox at all: the server's access rule
 * (shared/access.ts), so the inbox shows after a push exactly what it shows after a reload.
 */
export function isInViewerScope(c: Conversation, viewer: Viewer): boolean {
  return canSeeConversation(viewer, c);
}

export function matchesFilters(c: Conversation, filters: InboxFilters, viewer: Viewer): boolean {
  if (filters.queueId !== null && c.queueId !== filters.queueId) return false;
  if (filters.status !== null && c.status !== filters.status) return false;
  if (filters.channel !== null && !c.channels.includes(filters.channel)) return false;
  if (filters.scope === 'mine' && c.assigneeId !== viewer.id) return false;
  if (filters.scope === 'unassigned' && c.assigneeId !== null) return false;
  if (filters.scope === 'mentions' && !c.mentioned?.some((m) => m.agentId === viewer.id)) return false;
  return true;
}

/** Most recent activity first; id breaks ties so the order is stable. */
export function compareByActivity(a: Conversation, b: Conversation): number {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt > b.lastActivityAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function visibleConversations(inbox: InboxState, viewer: Viewer): Conversation[] {
  const { filters, list } = inbox;
  const horizon = list.exhausted ? null : list.horizon;
  return Object.values(inbox.entities)
    .filter(
      (c) =>
        isInViewerScope(c, viewer) &&
        matchesFilters(c, filters, viewer) &&
        (horizon === null || c.lastActivityAt >= horizon),
    )
    .sort(compareByActivity);
}

/** Memoised per viewer identity; components pass the same viewer object between renders. */
export const selectVisibleConversations = createSelector(
  [selectInbox, (_: WithInbox, viewer: Viewer) => viewer],
  visibleConversations,
);

export const selectInboxHasMore = (state: WithInbox): boolean =>
  !state.inbox.list.exhausted && state.inbox.list.nextCursor !== null;

/**
 * What the inbox count says: the rows shown and, while pages remain to load, the whole count
 * ("50 sur 312"). That is the server's total moved by what pushes changed since: a paged
 * conversation no longer listed (resolved, reassigned) has left it, a listed one no page returned
 * (opened live) has joined it. The one miss: an unloaded old conversation that a push brings to
 * the top is counted twice until the next page, which returns it. Once every page is in, the
 * rows are the whole count.
 */
export function inboxCount(rows: readonly Pick<Conversation, 'id'>[], list: Pick<InboxState['list'], 'exhausted' | 'nextCursor' | 'total' | 'paged'>): { shown: number; total: number | null } {
  const shown = rows.length;
  if (list.exhausted || list.nextCursor === null || list.total === null) return { shown, total: null };
  const listed = new Set<string>(rows.map((r) => r.id));
  const left = Object.keys(list.paged).filter((id) => !listed.has(id)).length;
  const joined = rows.filter((r) => !list.paged[r.id]).length;
  const total = list.total - left + joined;
  return { shown, total: total > shown ? total : null };
}

export const selectUnreadTotal = createSelector([selectInboxEntities], (entities) =>
  Object.values(entities).reduce((sum, c) => sum + c.unreadCount, 0),
);

export const selectInboxKnows = (state: WithInbox, id: string): boolean =>
  state.inbox.entities[id] !== undefined || state.inbox.fetching[id] === true;
