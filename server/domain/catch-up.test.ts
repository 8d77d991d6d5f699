import { describe, expect, it } from 'vitest';
import type { Agent, AgentId, CitizenId, ConversationId, JournalEvent, QueueId } from '../../shared/index.js';
import { readCatchUpPage } from './catch-up.js';
import type { JournalQuery, Store } from './ports.js';

const ME = 'agt_me' as AgentId;
const OTHER = 'agt_other' as AgentId;
const MINE = 'que_mine' as QueueId;
const THEIRS = 'que_theirs' as QueueId;
const agent: Agent = { id: ME, email: 'me@m.test', displayName: 'Camille', role: 'agent', queueIds: [MINE] };
const supervisor: Agent = { ...agent, id: 'agt_sup' as AgentId, role: 'supervisor', queueIds: [] };
const trainer: Agent = { ...agent, id: 'agt_tr' as AgentId, role: 'trainer' };

const envelope = (seq: number, queueId: QueueId) => ({
  seq,
  at: '2025-01-15T09:00:00.000Z',
  actor: { kind: 'system' as const },
  citizenId: 'cit_1' as CitizenId,
  conversationId: `cnv_${queueId}` as ConversationId,
  queueId,
});
const event = (seq: number, queueId: QueueId = MINE): JournalEvent => ({
  ...envelope(seq, queueId),
  type: 'conversation.read',
  payload: { upToSeq: seq },
});
const whisper = (seq: number, toAgentId: AgentId): JournalEvent => ({
  ...envelope(seq, MINE),
  type: 'whisper.sent',
  payload: { whisperId: `w${seq}`, toAgentId, text: 'psst' },
});

/**
 * A journal that filters as the stores do: the given queues, plus whatever `assignedToMe` says
 * is assigned to the caller now (from any queue).
 */
function journal(events: JournalEvent[], headSeq: number, assignedToMe: readonly number[] = []) {
  const queries: JournalQuery[] = [];
  const calls: string[] = [];
  const store: Pick<Store, 'headSeq' | 'readJournal'> = {
    headSeq: async () => {
      calls.push('headSeq');
      return headSeq;
    },
    readJournal: async (query) => {
      calls.push('readJournal');
      queries.push(query);
      return events
        .filter((e) => e.seq > query.afterSeq)
        .filter(
          (e) =>
            !query.queueIds ||
            (e.queueId !== undefined && query.queueIds.includes(e.queueId)) ||
            (query.assigneeId !== undefined && assignedToMe.includes(e.seq)),
        )
        .slice(0, query.limit);
    },
  };
  return { store, queries, calls };
}

const seqs = (events: JournalEvent[]) => events.map((e) => e.seq);

describe('readCatchUpPage', () => {
  it('reads the head before the journal, so that a last page vouches for nothing it could not see', async () => {
    const { store, calls } = journal([event(1)], 1);
    await readCatchUpPage(store, agent, { afterSeq: 0, limit: 10 });
    expect(calls).toEqual(['headSeq', 'readJournal']);
  });

  it('pages by the limit and says whether more remain', async () => {
    const { store, queries } = journal([event(1), event(2), event(3)], 3);
    const first = await readCatchUpPage(store, supervisor, { afterSeq: 0, limit: 2 });
    expect(seqs(first.events)).toEqual([1, 2]);
    expect(first).toMatchObject({ more: true, headSeq: 3 });
    // One event more than a page is read to know whether another page follows.
    expect(queries[0]).toEqual({ afterSeq: 0, limit: 3 });
    const second = await readCatchUpPage(store, supervisor, { afterSeq: 2, limit: 2 });
    expect(seqs(second.events)).toEqual([3]);
    expect(second.more).toBe(false);
    // Exactly a page left: no further page announced.
    const exact = await readCatchUpPage(store, supervisor, { afterSeq: 1, limit: 2 });
    expect(seqs(exact.events)).toEqual([2, 3]);
    expect(exact.more).toBe(false);
  });

  it("asks the store for the agent's queues and assignments, and passes no filter for a supervisor", async () => {
    const events = [event(1), event(2, THEIRS), event(3, THEIRS)];
    const { store, queries } = journal(events, 3, [3]);
    const page = await readCatchUpPage(store, agent, { afterSeq: 0, limit: 10 });
    expect(queries[0]).toEqual({ afterSeq: 0, limit: 11, queueIds: [MINE], assigneeId: ME });
    // 3 is in another queue but assigned to the agent now.
    expect(seqs(page.events)).toEqual([1, 3]);

    const all = journal(events, 3);
    expect(seqs((await readCatchUpPage(all.store, supervisor, { afterSeq: 0, limit: 10 })).events)).toEqual([1, 2, 3]);
    expect(all.queries[0]).toEqual({ afterSeq: 0, limit: 11 });
  });

  it('gives nothing, but the head, to whoever may not read citizens', async () => {
    const { store, queries } = journal([event(1)], 1);
    expect(await readCatchUpPage(store, trainer, { afterSeq: 0, limit: 10 })).toEqual({ events: [], more: false, headSeq: 1 });
    expect(queries).toEqual([]);
  });

  it("drops others' whispers and reads past a page they leave empty, so it never answers empty while more remain", async () => {
    const events = [whisper(1, OTHER), whisper(2, OTHER), whisper(3, ME), event(4), whisper(5, OTHER)];
    const { store, queries } = journal(events, 5);
    const page = await readCatchUpPage(store, agent, { afterSeq: 0, limit: 2 });
    // The first page (1, 2) is all others' whispers: the second one is answered instead.
    expect(seqs(page.events)).toEqual([3, 4]);
    expect(page.more).toBe(true);
    expect(queries.map((q) => q.afterSeq)).toEqual([0, 2]);
    // The last page may be empty: the client is then up to date with headSeq.
    const last = await readCatchUpPage(store, agent, { afterSeq: 4, limit: 2 });
    expect(last).toEqual({ events: [], more: false, headSeq: 5 });
  });
});
