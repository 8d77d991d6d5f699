import type { JournalEvent, NewJournalEvent } from '../../shared/index.js';
import type { Claim, EventBus, Store } from './ports.js';

export interface CommitDeps {
  store: Pick<Store, 'append'>;
  bus: EventBus;
}

/**
 * Writes events to the journal and announces what was written, in that order: the only way the
 * domain records a fact. Every console, board and other instance learns of a change from the
 * bus; an append without its publish would be seen by nobody until they reload, and nothing
 * would say so. If a claim is lost nothing is written and nothing is announced
 * (ClaimConflictError propagates to the caller, which retries from what the winner wrote).
 */
export async function commit(deps: CommitDeps, events: readonly NewJournalEvent[], claims?: readonly Claim[]): Promise<JournalEvent[]> {
  const committed = await deps.store.append(events, claims);
  deps.bus.publish(committed);
  return committed;
}
