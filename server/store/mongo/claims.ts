import { ClaimConflictError, type Claim } from '../../domain/ports.js';
import type { MongoJournal } from './journal.js';
import type { ClaimDoc, Collections } from './models.js';
import { isDuplicateKey } from './mongo-errors.js';
import { poll } from './serial.js';

// Claims are taken before the journal insert, so a key is held from the moment an append starts
// until its fate is known. A claim document is valid when its append committed (the journal has
// a document with its appendId), dead when the append was fenced, pending otherwise.
//
// A crash between the claim insert and the journal insert leaves a pending claim that would
// block the key forever. A writer that finds a claim still pending after `abandonAfterMs` (timed
// on its own clock, so clock skew between hosts does not matter) fences the append: it inserts
// a fence document carrying the same appendId into the journal collection, whose unique
// appendId index makes the fence and the append's own journal document mutually exclusive.
// If the fence wins, the stalled append can never commit (its insert fails and it reports the
// store unavailable), and the key moves to a new generation. If the append wins, the claim was
// valid after all. No claim document is ever updated or deleted: that is what keeps this safe on
// a server (FerretDB) whose deletes and updates are not atomic against concurrent writers, and
// what keeps the generations of a key without holes. An append that gives up (a conflict on
// another key) fences itself rather than deleting what it took.

export interface ClaimsOptions {
  abandonAfterMs: number;
  /** Called with the last seq of a committed holder before its key is reported as taken. */
  visible: (seq: number) => Promise<void>;
}

const claimId = (gen: number, key: string) => `${gen}:${key}`;

type Settled = { kind: 'free'; gen: number } | { kind: 'held'; doc: ClaimDoc; last: number };

export class MongoClaims {
  constructor(
    private readonly c: Collections,
    private readonly journal: MongoJournal,
    private readonly opts: ClaimsOptions,
  ) {}

  /**
   * Takes every key for `appendId`, or throws ClaimConflictError for the first key (in the given
   * order) validly held by another append, once that append's events are projected.
   */
  async acquire(claims: readonly Claim[], appendId: string): Promise<void> {
    if (claims.length === 0) return;
    const doc = (c: Claim, gen: number): ClaimDoc => ({ _id: claimId(gen, c.key), key: c.key, gen, owner: c.owner, appendId });
    let taken = false;
    try {
      // Common case: every key is new. One insert per key, in parallel (FerretDB runs an
      // unordered insertMany several times slower than single inserts).
      const first = await Promise.allSettled(claims.map((c) => this.c.claims.insertOne(doc(c, 0))));
      taken = first.some((r) => r.status === 'fulfilled');
      const refused: number[] = [];
      first.forEach((result, i) => {
        if (result.status === 'fulfilled') return;
        if (!isDuplicateKey(result.reason)) throw result.reason;
        refused.push(i);
      });
      for (const i of refused) {
        const claim = claims[i]!;
        for (;;) {
          const state = await this.settle(claim.key);
          if (state.kind === 'held') {
            await this.opts.visible(state.last);
            throw new ClaimConflictError(claim.key);
          }
          try {
            await this.c.claims.insertOne(doc(claim, state.gen));
            taken = true;
            break;
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
          }
        }
      }
    } catch (error) {
      // Nothing of this append is in the journal, nor will be: fence it so the keys it holds free
      // at once (best effort: if the server is gone, others fence it after abandonAfterMs).
      if (taken) await this.journal.fence(appendId).catch(() => undefined);
      throw error;
    }
  }

  /** Owner recorded by the append that validly holds `key`, if any. */
  async owner(key: string): Promise<string | null> {
    const state = await this.settle(key);
    return state.kind === 'held' ? state.doc.owner : null;
  }

  /**
   * Walks the generations of `key` to the first whose append is not dead: its holder once it
   * committed, or the generation to take next. Waits on a pending holder, fencing it once it has
   * been pending for `abandonAfterMs`.
   */
  private async settle(key: string): Promise<Settled> {
    const pendingSince = new Map<string, number>();
    let gen = 0;
    return poll<Settled>(async (waitedMs) => {
      for (;;) {
        const doc = await this.c.claims.findOne({ _id: claimId(gen, key) });
        if (!doc) return { kind: 'free', gen };
        let fate = await this.journal.fate(doc.appendId);
        if (fate.state === 'pending') {
          const since = pendingSince.get(doc.appendId) ?? waitedMs;
          pendingSince.set(doc.appendId, since);
          if (waitedMs - since < this.opts.abandonAfterMs) return undefined;
          fate = await this.journal.fence(doc.appendId);
        }
        if (fate.state === 'committed') return { kind: 'held', doc, last: fate.last };
        if (fate.state === 'pending') return undefined;
        gen += 1;
      }
    });
  }
}
