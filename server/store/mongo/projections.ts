import type { mongo } from 'mongoose';
import {
  foldWords,
  agentStatusKey,
  reduceAgentStatus,
  changedMessageId,
  messageOf,
  reduceCitizen,
  reduceConversation,
  reduceMessage,
  type Citizen,
  type CitizenId,
  type JournalEvent,
  type Message,
  isCitizenProfileEvent,
  upgradeLegacyCitizen,
  upgradeLegacyEvent,
} from '../../../shared/index.js';
import { foldMerge } from '../../../shared/citizen-merge.js';
import type { MongoJournal } from './journal.js';
import {
  PROJECTED,
  PROJECTIONS,
  type CitizenDoc,
  type Collections,
  type JournalDoc,
  type MessageDoc,
  type ProjectionName,
} from './models.js';
import { foldReportRow, type MeasureMinutes } from '../../domain/reports/report-row.js';
import { insertIgnoringDuplicates, isDuplicateKey } from './mongo-errors.js';
import { messageWords } from './search-words.js';
import { poll, Serial } from './serial.js';

// Projections are folds of the journal through the shared reducers, applied after the commit
// (the journal insert), never inside it. Two guards make applying an event twice harmless, so a
// crash anywhere after the commit is repaired by re-applying from the watermarks at start-up:
// - each projection keeps a watermark (last seq applied), advanced only after its writes;
// - each projected document keeps `_seq`, the last seq applied to it: an event at or below it is
//   skipped, and a write only replaces a document whose `_seq` is lower.
//
// Events must be applied in seq order (a conversation's state depends on all earlier events).
// Each instance projects the documents it committed, once everything before them is projected:
// when the next unprojected document belongs to another instance, this one waits for that
// instance to project it, and takes over only after `abandonAfterMs` (the other crashed). So in
// normal operation one writer at a time touches the projections; the `_seq` guard settles the
// rare overlap after a takeover (atomically on MongoDB; on FerretDB, whose conditional writes are
// not atomic, a stalled instance waking up after a takeover could still write a stale document).

const CATCH_UP_BATCH = 200;

export interface ProjectorOptions {
  abandonAfterMs: number;
  /** Test hook: commit without projecting, as if the process died right after each commit. */
  skip?: boolean;
  /** Business minutes for the reporting projection. */
  measure: MeasureMinutes;
}

const messageOfDoc = ({ _id: _i, _seq: _s, words: _w, ...message }: MessageDoc): Message => message;

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/** Documents by `_id`, one lookup each: FerretDB pushes `_id` equality down to SQLite but scans for `$in`. */
async function byId<T extends { _id: string }>(coll: mongo.Collection<T>, ids: readonly string[]): Promise<Map<string, T>> {
  const docs = await Promise.all(ids.map((id) => coll.findOne({ _id: id } as mongo.Filter<T>)));
  const map = new Map<string, T>();
  for (const doc of docs) if (doc) map.set(doc._id, doc as T);
  return map;
}

/**
 * Writes each folded document: an insert when it did not exist (cheap everywhere, and several
 * times cheaper than an update on FerretDB), else a replace unless the stored document already
 * reflects a later (or the same) seq.
 */
async function putAll<T extends { _id: string; _seq: number }>(coll: mongo.Collection<T>, docs: Iterable<T>, loaded: ReadonlyMap<string, T>): Promise<void> {
  await Promise.all(
    [...docs].map(async (doc) => {
      const { _id, ...body } = doc;
      try {
        if (!loaded.has(_id)) {
          try {
            await coll.insertOne(doc as mongo.OptionalUnlessRequiredId<T>);
            return;
          } catch (error) {
            // Written meanwhile (by the instance that owns the commit, after a takeover): compare seqs.
            if (!isDuplicateKey(error)) throw error;
          }
        }
        await coll.replaceOne({ _id, _seq: { $lt: body._seq } } as mongo.Filter<T>, body as mongo.WithoutId<T>, { upsert: true });
      } catch (error) {
        // The upsert found a document with a later `_seq` (another writer got there): keep it.
        if (!isDuplicateKey(error)) throw error;
      }
    }),
  );
}

/** Inserts rows whose first version wins, one insert each (FerretDB runs an unordered insertMany slowly). */
async function insertFirstWins<T extends { _id: string }>(coll: mongo.Collection<T>, rows: readonly T[]): Promise<void> {
  await Promise.all(rows.map((row) => insertIgnoringDuplicates(() => coll.insertOne(row as mongo.OptionalUnlessRequiredId<T>))));
}

/** One projection's fold: which document an event touches, if any, and how the event changes it. */
interface DocumentFold<T> {
  key(event: JournalEvent): string | undefined;
  fold(before: T | undefined, event: JournalEvent): T | undefined;
}

/** A projected document: the folded value, its id, and the last seq applied to it. */
type Projected<T> = T & { _id: string; _seq: number };

// The value a document holds, without its bookkeeping; a rest of a generic type needs the cast.
const bodyOf = <T>({ _id: _i, _seq: _s, ...body }: Projected<T>): T => body as T;

/**
 * Folds the events into the documents they touch, one read per document, and writes those that
 * changed. An event at or below a document's `_seq` was applied already and is skipped. Resolves
 * with every document the events touch, changed or not, for writes that follow from them.
 */
async function projectDocuments<T>(
  coll: mongo.Collection<Projected<T>>,
  events: readonly JournalEvent[],
  { key, fold }: DocumentFold<T>,
): Promise<Map<string, Projected<T>>> {
  const relevant = events.flatMap((event) => {
    const id = key(event);
    return id === undefined ? [] : [{ event, id }];
  });
  if (relevant.length === 0) return new Map();
  const loaded = await byId(coll, unique(relevant.map((r) => r.id)));
  const changed = new Map<string, Projected<T>>();
  for (const { event, id } of relevant) {
    const doc = changed.get(id) ?? loaded.get(id);
    if (doc && event.seq <= doc._seq) continue;
    const before = doc ? bodyOf(doc) : undefined;
    const after = fold(before, event);
    if (!after || after === before) continue;
    changed.set(id, { ...after, _id: id, _seq: event.seq });
  }
  await putAll(coll, changed.values(), loaded);
  return new Map([...loaded, ...changed]);
}

type MergeEvent = Extract<JournalEvent, { type: 'citizen.merged' | 'citizen.unmerged' }>;
const isMerge = (e: JournalEvent): e is MergeEvent => e.type === 'citizen.merged' || e.type === 'citizen.unmerged';
const touchesCitizens = (e: JournalEvent) => e.type === 'citizen.created' || e.type === 'identity.linked' || isCitizenProfileEvent(e) || isMerge(e);

/**
 * Citizens are folded in seq order in memory, then written: a merge changes two documents at once
 * (shared/citizen-merge.ts), and an identity filed under a record merged meanwhile goes to the
 * record standing for it. Each document keeps its `_seq` guard, so re-applying after a crash
 * between the two writes of a merge completes the one left behind.
 */
async function projectCitizens(c: Collections, events: readonly JournalEvent[]): Promise<void> {
  const relevant = events.filter(touchesCitizens);
  if (relevant.length === 0) return;
  const loaded = await byId(c.citizens, unique(relevant.flatMap((e) => (isMerge(e) ? [e.payload.survivorId, e.payload.mergedId] : [e.citizenId]))));
  const changed = new Map<string, CitizenDoc>();
  const current = (id: string) => changed.get(id) ?? loaded.get(id);
  const load = async (id: string) => current(id) ?? (await c.citizens.findOne({ _id: id })) ?? undefined;
  const identityMoves: MergeEvent[] = [];
  const fresh = (doc: CitizenDoc | undefined, seq: number) => doc !== undefined && seq > doc._seq;
  for (const event of relevant) {
    if (isMerge(event)) {
      const [survivor, merged] = [current(event.payload.survivorId), current(event.payload.mergedId)];
      if (!survivor || !merged || !(fresh(survivor, event.seq) || fresh(merged, event.seq))) continue;
      const after = foldMerge(upgradeLegacyCitizen(bodyOf(survivor)), upgradeLegacyCitizen(bodyOf(merged)), event);
      // Half applied before a crash: the survivor no longer holds what goes back, the payload says it.
      const mergedAfter = !fresh(survivor, event.seq) && event.type === 'citizen.unmerged' ? { ...after.merged, identities: event.payload.identities } : after.merged;
      if (fresh(survivor, event.seq)) changed.set(survivor._id, { ...after.survivor, _id: survivor._id, _seq: event.seq });
      if (fresh(merged, event.seq)) changed.set(merged._id, { ...mergedAfter, _id: merged._id, _seq: event.seq });
      identityMoves.push(event);
      continue;
    }
    let doc = current(event.citizenId);
    // An identity or an edit filed under a record merged meanwhile goes to the record standing for it.
    if (doc?.mergedInto && event.type !== 'citizen.created') {
      let hop: CitizenDoc | undefined = doc;
      while (hop?.mergedInto) {
        const next: CitizenDoc | undefined = await load(hop.mergedInto);
        if (!next) break;
        hop = next;
      }
      doc = hop;
    }
    if (doc && event.seq <= doc._seq) continue;
    // Documents projected before identity levels are folded with levels.
    const before = doc ? upgradeLegacyCitizen(bodyOf(doc)) : undefined;
    const after = reduceCitizen(before, event);
    if (!after || after === before) continue;
    changed.set(after.id, { ...after, _id: after.id, _seq: event.seq });
  }
  await putAll(c.citizens, changed.values(), loaded);
  await releaseUnlinked(c, events, new Map([...loaded, ...changed]));
  // After the citizens, so an identity never points to a citizen not yet written. First holder
  // wins: claims are the gate, and a projection cannot refuse a committed event. Every citizen
  // the events touch, changed or not: a crash between the two writes left links to redo.
  const touched = new Map([...loaded, ...changed]);
  const links = [...touched.values()].flatMap((d) => d.identities.map((i) => ({ _id: `${i.kind}:${i.value}`, citizenId: d.id })));
  await insertFirstWins(c.identities, links);
  // Then the links a merge moves, in seq order (a merge and its unmerge may share a batch).
  for (const event of identityMoves) {
    const { survivorId, mergedId } = event.payload;
    if (event.type === 'citizen.merged') await c.identities.updateMany({ citizenId: mergedId }, { $set: { citizenId: survivorId } });
    else for (const i of event.payload.identities) await c.identities.updateOne({ _id: `${i.kind}:${i.value}`, citizenId: survivorId }, { $set: { citizenId: mergedId } });
  }
}

/**
 * The words of each new citizen's display name (a name never changes once created). A projection
 * of its own, so a database projected before it existed catches up from seq 0 at start-up.
 */
async function projectCitizenWords(c: Collections, events: readonly JournalEvent[]): Promise<void> {
  const rows = events.flatMap((e) =>
    e.type === 'citizen.created' ? foldWords(e.payload.displayName).map((word) => ({ _id: `${word}:${e.citizenId}`, word, citizenId: e.citizenId as string })) : [],
  );
  await insertFirstWins(c.citizenWords, rows);
}

/**
 * An identity taken off a citizen is free again: its link goes, unless the citizen holds it again
 * (unlinked then re-added within one batch). Before the inserts, so the next holder's link lands.
 * Idempotent: re-applied after a crash it deletes nothing more.
 */
async function releaseUnlinked(c: Collections, events: readonly JournalEvent[], touched: ReadonlyMap<string, Citizen>): Promise<void> {
  for (const event of events) {
    if (event.type !== 'identity.unlinked') continue;
    const { kind, value } = event.payload.identity;
    const holder = touched.get(event.citizenId);
    if (holder?.identities.some((i) => i.kind === kind && i.value === value)) continue;
    await c.identities.deleteOne({ _id: `${kind}:${value}`, citizenId: event.citizenId });
  }
}

async function projectMessages(c: Collections, events: readonly JournalEvent[]): Promise<void> {
  const touched = events.flatMap((e) => {
    const added = messageOf(e);
    const id = added?.id ?? changedMessageId(e);
    return id === undefined ? [] : [{ event: e, id: id as string, added }];
  });
  if (touched.length === 0) return;
  // Only messages that events change are read. A message that is only added is inserted, and
  // the insert fails harmlessly if the id exists: a message id already present keeps its first
  // version (the rule of reduceTimeline).
  const read = new Set(touched.filter((t) => !t.added).map((t) => t.id));
  const [loaded, owners] = await Promise.all([byId(c.messages, [...read]), conversationOwners(c, events)]);
  const folded = new Map<string, MessageDoc>();
  for (const { event, id, added } of touched) {
    const doc = folded.get(id) ?? loaded.get(id);
    if (added) {
      // A message is the citizen's whose conversation it is (see conversationOwners).
      const owner = owners(added.conversationId, event.seq) ?? added.citizenId;
      const message = owner === added.citizenId ? added : { ...added, citizenId: owner };
      if (!doc) folded.set(id, { ...message, _id: id, _seq: event.seq, words: messageWords(message) });
      continue;
    }
    if (!doc || event.seq <= doc._seq) continue;
    const before = messageOfDoc(doc);
    const after = reduceMessage(before, event);
    if (after !== before) folded.set(id, { ...after, _id: id, _seq: event.seq, words: messageWords(after) });
  }
  const docs = [...folded.values()];
  const [added, changed] = [docs.filter((d) => !read.has(d._id)), docs.filter((d) => read.has(d._id))];
  await Promise.all([insertFirstWins(c.messages, added), putAll(c.messages, changed, loaded)]);
  // First message with a (channel, externalId) keeps it, like the SQLite lookup's first row.
  // Every message the events touch, changed or not: a crash between the writes left links to redo.
  const external = [...new Map([...loaded, ...folded]).values()].flatMap((m) =>
    m.externalId === undefined ? [] : [{ _id: `${m.channel}:${m.externalId}`, messageId: m.id as string }],
  );
  await insertFirstWins(c.externalIds, external);
}

/** A conversation moved by a merge or unmerge takes its messages along (after they are filed, in seq order). */
async function moveMessages(c: Collections, events: readonly JournalEvent[]): Promise<void> {
  for (const e of events) {
    if (e.type === 'conversation.moved' && e.conversationId) {
      await c.messages.updateMany({ conversationId: e.conversationId }, { $set: { citizenId: e.payload.toCitizenId } });
    }
  }
}

/**
 * Who a conversation belongs to when a message of it is filed: the record it was moved to earlier
 * in the batch, else the stored conversation's. The conversations are projected alongside the
 * messages, so a move in this batch may not be stored yet; earlier batches are. A sender filed
 * under a record merged while the filing ran thereby still lands in the survivor's timeline.
 */
async function conversationOwners(c: Collections, events: readonly JournalEvent[]): Promise<(conversationId: string, seq: number) => CitizenId | undefined> {
  const moves = events.filter((e): e is Extract<JournalEvent, { type: 'conversation.moved' }> => e.type === 'conversation.moved');
  const filedIn = unique(events.flatMap((e) => messageOf(e)?.conversationId ?? []));
  const stored = new Map<string, CitizenId>();
  await Promise.all(
    filedIn.map(async (id) => {
      const doc = await c.conversations.findOne({ _id: id }, { projection: { citizenId: 1 } });
      if (doc) stored.set(id, doc.citizenId);
    }),
  );
  return (conversationId, seq) => {
    let owner = stored.get(conversationId);
    for (const m of moves) if (m.conversationId === conversationId && m.seq < seq) owner = m.payload.toCitizenId;
    return owner;
  };
}

async function projectOutbox(c: Collections, events: readonly JournalEvent[]): Promise<void> {
  // Applied one event at a time, in seq order: an add and a removal of the same reply may share
  // a batch. The add keeps an existing item's bookkeeping (re-application after a crash).
  for (const event of events) {
    if (event.type === 'message.sent' && event.payload.message.status === 'queued') {
      const item = { _id: event.payload.message.id as string, attempts: 0, nextAttemptAt: event.at, lastError: null };
      await insertIgnoringDuplicates(() => c.outbox.insertOne(item));
    } else if (event.type === 'message.status' && event.payload.status !== 'queued') {
      await c.outbox.deleteOne({ _id: event.payload.messageId });
      await c.outboxLeases.deleteMany({ messageId: event.payload.messageId });
    }
  }
}

type ProjectFn = (c: Collections, events: readonly JournalEvent[], measure: MeasureMinutes) => Promise<unknown>;

const PROJECT: Record<ProjectionName, ProjectFn> = {
  citizens: projectCitizens,
  citizenWords: projectCitizenWords,
  conversations: (c, events) => projectDocuments(c.conversations, events, { key: (e) => e.conversationId, fold: reduceConversation }),
  messages: async (c, events) => {
    await projectMessages(c, events);
    await moveMessages(c, events);
  },
  outbox: projectOutbox,
  reportsV2: (c, events, measure) =>
    projectDocuments(c.reportRows, events, { key: (e) => e.conversationId, fold: (before, e) => foldReportRow(before, e, measure) }),
  agentStatuses: (c, events) => projectDocuments(c.agentStatuses, events, { key: agentStatusKey, fold: reduceAgentStatus }),
};

const WATERMARKS = 'projections';
const zeroMarks = (): Record<ProjectionName, number> => ({ citizens: 0, citizenWords: 0, conversations: 0, messages: 0, outbox: 0, reportsV2: 0, agentStatuses: 0 });

export class Projector {
  private marks = zeroMarks();
  /** Documents this instance committed and has not projected yet, by first seq, with when. */
  private readonly local = new Map<number, { doc: JournalDoc; at: number }>();
  private readonly serial = new Serial();

  constructor(
    private readonly c: Collections,
    private readonly journal: MongoJournal,
    private readonly opts: ProjectorOptions,
  ) {}

  /** Loads the watermarks and re-applies whatever the journal holds past them. */
  async init(): Promise<void> {
    await insertIgnoringDuplicates(() => this.c.watermarks.insertOne({ _id: WATERMARKS, ...zeroMarks() }));
    await this.refreshMarks();
    if (this.opts.skip) return;
    const head = await this.journal.head();
    await this.serial.run(() => this.catchUp(head));
  }

  /** Registers a document this instance just committed; called inside the journal's insert queue. */
  committed(doc: JournalDoc): void {
    if (!this.opts.skip) this.local.set(doc._id, { doc, at: performance.now() });
  }

  /** Resolves once every projection has applied every event up to `seq`. */
  async reach(seq: number): Promise<void> {
    if (this.opts.skip) return;
    await poll(async (waitedMs) => ((await this.serial.run(() => this.step(seq, waitedMs >= this.opts.abandonAfterMs))) ? true : undefined));
  }

  /** Empties every projection and folds the whole journal again (other instances should be stopped). */
  rebuild(): Promise<void> {
    return this.serial.run(async () => {
      for (const name of PROJECTED) await this.c[name].deleteMany({});
      this.marks = zeroMarks();
      await this.c.watermarks.replaceOne({ _id: WATERMARKS }, this.marks, { upsert: true });
      await this.catchUp(await this.journal.head());
    });
  }

  private low(): number {
    return Math.min(...PROJECTIONS.map((p) => this.marks[p]));
  }

  private async refreshMarks(): Promise<void> {
    const stored = await this.c.watermarks.findOne({ _id: WATERMARKS });
    for (const p of PROJECTIONS) this.marks[p] = Math.max(this.marks[p], stored?.[p] ?? 0);
  }

  /** One attempt to bring the projections up to `target`; false when another instance must go first. */
  private async step(target: number, takeOver: boolean): Promise<boolean> {
    if (this.low() >= target) return true;
    // Committed so long ago that another instance may have taken over: trust the stored
    // watermarks rather than ours, or a stale re-application could undo later events (the outbox
    // rows are not seq-guarded).
    const next = this.local.get(this.low() + 1);
    if (next && performance.now() - next.at >= this.opts.abandonAfterMs / 2) await this.refreshMarks();
    const own: JournalDoc[] = [];
    for (let entry = this.local.get(this.low() + 1); entry && entry.doc._id <= target; entry = this.local.get(entry.doc.last + 1)) {
      own.push(entry.doc);
    }
    if (own.length > 0) {
      await this.project(own);
      return this.low() >= target;
    }
    // The next document is not ours: has its instance projected it meanwhile?
    await this.refreshMarks();
    if (this.low() >= target) return true;
    if (this.local.has(this.low() + 1)) return this.step(target, takeOver);
    if (!takeOver) return false;
    await this.catchUp(target);
    return this.low() >= target;
  }

  private async catchUp(upTo: number): Promise<void> {
    while (this.low() < upTo) {
      const docs = await this.journal.documents(this.low() + 1, upTo, CATCH_UP_BATCH);
      if (docs.length === 0) return;
      await this.project(docs);
    }
  }

  private async project(docs: readonly JournalDoc[]): Promise<void> {
    const events = docs.flatMap((d) => d.events.map(upgradeLegacyEvent));
    const last = docs[docs.length - 1]!.last;
    await Promise.all(PROJECTIONS.map((p) => PROJECT[p](this.c, events.filter((e) => e.seq > this.marks[p]), this.opts.measure)));
    // Watermarks move after the writes they cover. `$max`: a watermark never goes back, and a
    // lower one written late by a slow writer only means re-applying, which is harmless.
    await this.c.watermarks.updateOne({ _id: WATERMARKS }, { $max: Object.fromEntries(PROJECTIONS.map((p) => [p, last])) }, { upsert: true });
    for (const p of PROJECTIONS) this.marks[p] = Math.max(this.marks[p], last);
    for (const [first, entry] of this.local) if (entry.doc.last <= last) this.local.delete(first);
  }
}
