import type { mongo } from 'mongoose';
import type { AgentId, JournalEvent, NewJournalEvent } from '../../../shared/index.js';
import { upgradeLegacyEvent } from '../../../shared/journal.js';
import { StoreUnavailableError, type Claim, type JournalQuery, type JournalSliceQuery } from '../../domain/ports.js';
import type { Collections, JournalDoc } from './models.js';
import { isDuplicateKey } from './mongo-errors.js';
import { Serial } from './serial.js';

// The journal is a tiling of [1, head] by append documents: document `_id` = its first seq,
// `last` = its last seq. An append inserts its document at `_id = head + 1`; the unique `_id`
// lets exactly one writer take a position, and a writer that loses re-reads the head and tries
// the next free one. So a seq is taken by the very insert that commits it: no seq is ever
// reserved and left pending, the journal never has holes, and appends of several instances
// commit in seq order. That is the "sequence across instances" rule in its strongest form: the
// safe watermark below which everything is committed is simply the head. (A counter document
// with `$inc` would reserve seqs that commit out of order, and FerretDB 1.x does not even apply
// concurrent `$inc` atomically: 300 concurrent increments advanced its counter by 13.)

/** What became of an append, seen from outside: its document exists, a fence exists, or neither yet. */
export type Fate = { state: 'committed'; last: number } | { state: 'abandoned' } | { state: 'pending' };

/** This append was fenced (declared abandoned by another writer) before it could commit. */
export class AppendAbandonedError extends StoreUnavailableError {}

export interface JournalHooks {
  /** Called with the seq an append is about to take, just before its insert (tests pause here). */
  beforeJournalInsert?: (seq: number) => Promise<void>;
}

/** After this many lost races in a row, jump to the head with an index query instead of stepping. */
const STEPS_BEFORE_JUMP = 2;
const MAX_ATTEMPTS = 1000;

export class MongoJournal {
  /** Highest `last` this instance has seen; a lower bound of the head. */
  private known = 0;
  /** One insert at a time per instance: local appends queue instead of racing for the same position. */
  private readonly inserts = new Serial();

  constructor(
    private readonly c: Collections,
    private readonly hooks: JournalHooks = {},
  ) {}

  async init(): Promise<void> {
    this.known = await this.scanHead();
  }

  private async scanHead(): Promise<number> {
    const top = await this.c.journal.find({ last: { $exists: true } }, { projection: { last: 1 } }).sort({ last: -1 }).limit(1).next();
    return Math.max(this.known, top?.last ?? 0);
  }

  /** Highest seq such that every seq at or below it is committed. */
  async head(): Promise<number> {
    // Usually nothing new, or a little from another instance: an _id lookup, then the index.
    const next = await this.c.journal.findOne({ _id: this.known + 1 }, { projection: { last: 1 } });
    if (next) this.known = Math.max(next.last, await this.scanHead());
    return this.known;
  }

  /**
   * Commits the events as one document at the head. `onCommit` runs inside the insert queue, so
   * the caller registers the document before any later local append can commit.
   */
  insert(events: readonly NewJournalEvent[], appendId: string, claims: readonly Claim[], onCommit: (doc: JournalDoc) => void): Promise<JournalDoc> {
    return this.inserts.run(async () => {
      let position = this.known + 1;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const doc: JournalDoc = {
          _id: position,
          last: position + events.length - 1,
          appendId,
          claims: claims.map((c) => ({ key: c.key, owner: c.owner })),
          events: events.map((e, i) => ({ ...e, seq: position + i }) as JournalEvent),
        };
        await this.hooks.beforeJournalInsert?.(position);
        try {
          await this.c.journal.insertOne(doc);
          this.known = Math.max(this.known, doc.last);
          onCommit(doc);
          return doc;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        const there = await this.c.journal.findOne({ _id: position }, { projection: { last: 1, appendId: 1 } });
        if (!there || there.appendId === appendId) {
          // The duplicate was our appendId: either a fence got there first, or (a write retried by
          // the driver) our own document did.
          const mine = await this.c.journal.findOne({ appendId, last: { $exists: true } });
          if (mine) {
            this.known = Math.max(this.known, mine.last);
            onCommit(mine);
            return mine;
          }
          throw new AppendAbandonedError('the append stalled past the abandon delay and was fenced by another writer; retry');
        }
        // Another writer took the position: continue after it.
        this.known = Math.max(this.known, there.last);
        position = attempt < STEPS_BEFORE_JUMP ? there.last + 1 : (this.known = await this.scanHead()) + 1;
      }
      throw new StoreUnavailableError('journal contention: no free position after many attempts');
    });
  }

  async fate(appendId: string): Promise<Fate> {
    const doc = await this.c.journalOrFences.findOne({ appendId }, { projection: { last: 1 } });
    if (!doc) return { state: 'pending' };
    return typeof doc._id === 'number' && 'last' in doc ? { state: 'committed', last: doc.last } : { state: 'abandoned' };
  }

  /** Makes sure `appendId` never commits, unless it already has; returns its fate either way. */
  async fence(appendId: string): Promise<Fate> {
    try {
      await this.c.journalOrFences.insertOne({ _id: `fence:${appendId}`, appendId, fencedAt: new Date() });
      return { state: 'abandoned' };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return this.fate(appendId);
    }
  }

  /**
   * Events after `afterSeq`, filtered like the SQLite adapter: the event's own queue, or a
   * conversation now assigned to `assigneeId` (`assigned` reads the projection).
   */
  async read(query: JournalQuery, assigned: (agentId: AgentId) => Promise<string[]>): Promise<JournalEvent[]> {
    const limit = Math.max(0, Math.floor(query.limit));
    if (limit === 0) return [];
    // Every document up to the head read now was committed before the query below starts, so
    // bounding by it never shows a later seq while an earlier one is still on its way.
    const head = await this.head();
    if (query.afterSeq >= head) return [];

    let keep: (event: JournalEvent) => boolean = () => true;
    const or: mongo.Filter<JournalDoc>[] = [];
    if (query.queueIds !== undefined || query.assigneeId !== undefined) {
      const queues = new Set<string>(query.queueIds ?? []);
      const conversations = new Set(query.assigneeId !== undefined ? await assigned(query.assigneeId) : []);
      if (queues.size > 0) or.push({ 'events.queueId': { $in: [...queues] } });
      if (conversations.size > 0) or.push({ 'events.conversationId': { $in: [...conversations] } });
      if (or.length === 0) return [];
      keep = (e) => (e.queueId !== undefined && queues.has(e.queueId)) || (e.conversationId !== undefined && conversations.has(e.conversationId));
    }

    const out: JournalEvent[] = [];
    for (let after = query.afterSeq; out.length < limit && after < head; ) {
      const filter: mongo.Filter<JournalDoc> = { last: { $gt: after, $lte: head }, ...(or.length > 0 ? { $or: or } : {}) };
      const docs = await this.c.journal.find(filter).sort({ last: 1 }).limit(limit).toArray();
      for (const doc of docs) {
        // Events written before identity levels say `verified`: read with levels.
        for (const event of doc.events) if (event.seq > query.afterSeq && keep(event)) out.push(upgradeLegacyEvent(event));
      }
      if (docs.length < limit) break;
      after = docs[docs.length - 1]!.last;
    }
    return out.slice(0, limit);
  }

  /** One conversation's events (by the envelope's conversationId) or one citizen's, after `afterSeq`. */
  async slice(query: JournalSliceQuery): Promise<JournalEvent[]> {
    const limit = Math.max(0, Math.floor(query.limit));
    if (limit === 0) return [];
    const head = await this.head();
    const [owned, mine]: [mongo.Filter<JournalDoc>, (e: JournalEvent) => boolean] =
      query.conversationId !== undefined
        ? [{ 'events.conversationId': query.conversationId }, (e) => e.conversationId === query.conversationId]
        : [{ 'events.citizenId': query.citizenId }, (e) => e.citizenId === query.citizenId];
    // The document filter only narrows (an append may mix events); each event is checked below.
    const types = query.types;
    const filter: mongo.Filter<JournalDoc> = types === undefined ? owned : { ...owned, 'events.type': { $in: [...types] } };
    const keep = types === undefined ? mine : (e: JournalEvent) => mine(e) && types.includes(e.type);
    const out: JournalEvent[] = [];
    for (let after = query.afterSeq; out.length < limit && after < head; ) {
      const docs = await this.c.journal
        .find({ ...filter, last: { $gt: after, $lte: head } })
        .sort({ last: 1 })
        .limit(limit)
        .toArray();
      for (const doc of docs) {
        for (const event of doc.events) if (event.seq > query.afterSeq && keep(event)) out.push(upgradeLegacyEvent(event));
      }
      if (docs.length < limit) break;
      after = docs[docs.length - 1]!.last;
    }
    return out.slice(0, limit);
  }

  /** Unfiltered documents from seq `from` (a document boundary) up to `upTo`, for projection catch-up. */
  async documents(from: number, upTo: number, batch: number): Promise<JournalDoc[]> {
    if (from > upTo) return [];
    return this.c.journal
      .find({ _id: { $gte: from }, last: { $lte: upTo } })
      .sort({ last: 1 })
      .limit(batch)
      .toArray();
  }
}
