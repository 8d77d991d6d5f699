import type { JournalEvent } from './journal.js';
import type { Citizen, Identity } from './model.js';

// How a merge and an unmerge change the two records, for every projection that holds citizens
// (both stores, the console). Both records change in one step, so this is not a per-record
// reducer: a projection reads both, folds them here and writes both.
//
// The merge moves what the merged record holds *when the merge is applied*, not only what its
// payload lists: a sender's identity filed concurrently, just before the merge committed, moves
// too, and a rebuild folds the same journal to the same state.

type MergeEvent = Extract<JournalEvent, { type: 'citizen.merged' | 'citizen.unmerged' }>;

const same = (a: Pick<Identity, 'kind' | 'value'>, b: Pick<Identity, 'kind' | 'value'>) => a.kind === b.kind && a.value === b.value;
const bump = (c: Citizen): number => (c.revision ?? 0) + 1;

export function foldMerge(survivor: Citizen, merged: Citizen, event: MergeEvent): { survivor: Citizen; merged: Citizen } {
  if (event.type === 'citizen.merged') {
    const moved = merged.identities.filter((i) => !survivor.identities.some((held) => same(held, i)));
    return {
      survivor: { ...survivor, identities: [...survivor.identities, ...moved], revision: bump(survivor) },
      merged: { ...merged, identities: [], mergedInto: survivor.id, revision: bump(merged) },
    };
  }
  const back = event.payload.identities;
  const isBack = (i: Identity) => back.some((b) => same(b, i));
  return {
    survivor: { ...survivor, identities: survivor.identities.filter((i) => !isBack(i)), revision: bump(survivor) },
    merged: { ...merged, identities: survivor.identities.filter(isBack), mergedInto: null, revision: bump(merged) },
  };
}

/**
 * The record that stands for `id` now: itself, or the survivor it was merged into (following a
 * merge of a merge). `lookup` reads the projection; a loop (which claims prevent) stops at 20 hops.
 */
export function standingRecord<C extends Pick<Citizen, 'id' | 'mergedInto'>>(start: C, lookup: (id: Citizen['id']) => C | undefined): C {
  let current = start;
  for (let hop = 0; hop < 20 && current.mergedInto; hop++) {
    const next = lookup(current.mergedInto);
    if (!next) break;
    current = next;
  }
  return current;
}
