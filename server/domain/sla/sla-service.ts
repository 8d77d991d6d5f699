import type { Conversation, ConversationStatus, NewJournalEvent, Queue } from '../../../shared/index.js';
import type { BusinessCalendar } from '../business-hours/index.js';
import { ClaimConflictError, type Clock, type EventBus, type Store } from '../ports.js';
import { ALWAYS_OPEN, dueTimes, missedTargets, serviceLevelFor } from './service-level.js';
import { commit } from '../commit.js';

export interface SlaDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  /** The calendars queues name; a function when they change live (the routing setup screens). */
  calendars: readonly BusinessCalendar[] | (() => readonly BusinessCalendar[]);
}

const PAGE = 200;

/**
 * Gives conversations their due times (`sla.set`) and journals missed targets (`sla.breached`).
 * Both are computed from journaled times (openedAt, due times), not from when the check runs, so
 * a late check writes the same events; claims `sla-set:<conv>` and `sla:<conv>:<kind>` make each
 * event written once when several instances check at the same time.
 */
export class SlaService {
  constructor(private readonly deps: SlaDeps) {}

  private calendar(id: string): BusinessCalendar | undefined {
    const list = typeof this.deps.calendars === 'function' ? this.deps.calendars() : this.deps.calendars;
    return list.find((c) => c.id === id);
  }

  /** One round over every open and pending conversation: what the routing scheduler runs. */
  async runRound(): Promise<{ set: number; breached: number }> {
    const live: Conversation[] = [];
    for (const status of ['open', 'pending'] as const satisfies readonly ConversationStatus[]) live.push(...(await this.conversations(status)));
    return this.check(live);
  }

  /**
   * One round over the given conversations only (resolved ones are skipped). The demo seeder
   * replays a history with a moved clock and knows which conversations a due time concerns.
   */
  async check(conversations: readonly Conversation[]): Promise<{ set: number; breached: number }> {
    const queues = new Map((await this.deps.store.listQueues()).map((q) => [q.id, q]));
    const now = this.deps.clock.now();
    let set = 0;
    let breached = 0;
    for (const original of conversations) {
      const queue = queues.get(original.queueId);
      if (!queue || original.status === 'resolved') continue;
      const c = { ...original };
      if (!isSet(c)) {
        const payload = this.slaFor(queue, c);
        if (!payload) continue;
        const event: NewJournalEvent = { ...envelope(c, now), type: 'sla.set', payload };
        if (!(await this.commitClaimed([event], `sla-set:${c.id}`, c))) continue;
        set++;
        Object.assign(c, payload);
      }
      for (const miss of missedTargets(c, now)) {
        const event: NewJournalEvent = { ...envelope(c, now), type: 'sla.breached', payload: miss };
        if (await this.commitClaimed([event], `sla:${c.id}:${miss.kind}`, c)) breached++;
      }
    }
    return { set, breached };
  }

  /**
   * The conversation's due times in its queue's calendar, or just the calendar when the queue
   * names one but sets no target for the channel (reports still count its durations in it).
   * Undefined when there is nothing to journal.
   */
  private slaFor(queue: Queue, c: Conversation): SlaSetPayload | undefined {
    const calendar = queue.calendarId ? this.calendar(queue.calendarId) : undefined;
    const level = serviceLevelFor(queue, c.channels[0] ?? 'email');
    const due = level ? dueTimes(c.openedAt, level, calendar ?? ALWAYS_OPEN) : {};
    if (due.firstResponseDueAt !== undefined || due.resolutionDueAt !== undefined) return { ...due, calendarId: (calendar ?? ALWAYS_OPEN).id };
    return calendar ? { calendarId: calendar.id } : undefined;
  }

  private async conversations(status: ConversationStatus): Promise<Conversation[]> {
    const all: Conversation[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.deps.store.listConversations({ status, limit: PAGE, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      if (!page.nextCursor) return all;
      cursor = page.nextCursor;
    }
  }

  private async commitClaimed(events: NewJournalEvent[], key: string, c: Conversation): Promise<boolean> {
    try {
      await commit(this.deps, events, [{ key, owner: c.id }]);
      return true;
    } catch (error) {
      if (error instanceof ClaimConflictError) return false;
      throw error;
    }
  }
}

type SlaSetPayload = Extract<NewJournalEvent, { type: 'sla.set' }>['payload'];

/** Whether sla.set was already journaled for it (due times, or a calendar alone). */
function isSet(c: Conversation): boolean {
  return c.firstResponseDueAt !== undefined || c.resolutionDueAt !== undefined || c.calendarId !== undefined;
}

function envelope(c: Conversation, now: Date) {
  return { at: now.toISOString(), actor: { kind: 'system' as const }, citizenId: c.citizenId, conversationId: c.id, queueId: c.queueId };
}
