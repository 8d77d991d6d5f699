import {
  canSeeEvent,
  visibilityFilter,
  type AgentId,
  type CatchUpResult,
  type JournalEvent,
  type Viewer,
} from '../../shared/index.js';
import type { Store } from './ports.js';

// One `journal:catch-up` page for a member of staff: the events after a seq that they may see.
// A reconnecting console resumes after the last seq a page vouched for, so a page must never
// leave out anything visible below its end, and must never come back empty while more remains
// (the console would ask for the same page again, forever).

export interface CatchUpQuery {
  afterSeq: number;
  /** Events per page at most (the command's schema bounds it). */
  limit: number;
}

export async function readCatchUpPage(
  store: Pick<Store, 'headSeq' | 'readJournal'>,
  viewer: Viewer,
  query: CatchUpQuery,
): Promise<CatchUpResult> {
  // Read before the pages: the console takes headSeq as complete once `more` is false, so it must
  // not be newer than what the last page could have seen.
  const headSeq = await store.headSeq();
  const scope = visibilityFilter(viewer);
  if (scope === null) return { events: [], more: false, headSeq };
  // The store applies the access rule as a filter (the viewer's queues, or conversations assigned
  // to them now); what it returns outside the viewer's queues is theirs by assignment. The rule
  // then also settles whispers and staff events.
  const assignedToViewer = (e: JournalEvent): AgentId | null =>
    scope && !(e.queueId !== undefined && scope.queueIds.includes(e.queueId)) ? viewer.id : null;
  // Whispers to others are dropped after the read; a page left empty by that is read past.
  let afterSeq = query.afterSeq;
  for (;;) {
    const events = await store.readJournal({
      afterSeq,
      // One more than a page tells whether more remain.
      limit: query.limit + 1,
      ...(scope ? { queueIds: scope.queueIds, assigneeId: scope.assigneeId } : {}),
    });
    const more = events.length > query.limit;
    const page = more ? events.slice(0, query.limit) : events;
    const visible = page.filter((e) => canSeeEvent(viewer, e, assignedToViewer(e)));
    const last = page.at(-1);
    if (visible.length > 0 || !more || last === undefined) return { events: visible, more, headSeq };
    afterSeq = last.seq;
  }
}
