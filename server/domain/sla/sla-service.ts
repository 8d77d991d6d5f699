import type { Conversation, ConversationStatus, NewJournalEvent } from '../../../shared/index.js';
import type { BusinessCalendar } from '../business-hours/index.js';
import { ClaimConflictError, type Clock, type EventBus, type Store } from '../ports.js';
import { ALWAYS_OPEN, dueTimes, missedTargets, serviceLevelFor } from './service-level.js';

export interface SlaDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  calendars: readonly BusinessCalendar[];
}

const PAGE = 200;

/**
 * Gives conversations their due times (`sla.set`) and journals missed targets (`sla.breached`).
 * Both are computed from journaled times (openedAt, due times), not from when the check runs, so
 * a late check writes the same events; claims `sla-set:<conv>` and `sla:<conv>:<kind>` make each
 * event written once when several instances check at the same time.
 */
export class SlaService {
  private readonly calendars: Map<string, BusinessCalendar>;

  constructor(private readonly deps: SlaDeps) {
    this.calendars = new Map(deps.calendars.map((c) => [c.id, c]));
  }

  async runRound(): Promise<{ set: number; breached: number }> {
    const queues = new Map((await this.deps.store.listQueues()).map((q) => [q.id, q]));
    const now = this.deps.clock.now();
    let set = 0;
    let breached = 0;
    for (const status of ['open', 'pending'] as const satisfies readonly ConversationStatus[]) {
      for (const c of await this.conversations(status)) {
        const queue = queues.get(c.queueId);
        if (!queue?.serviceLevels) continue;
        if (c.firstResponseDueAt === undefined && c.resolutionDueAt === undefined) {
          const level = serviceLevelFor(queue, c.channels[0] ?? 'email');
          if (!level) continue;
          const calendar = (queue.calendarId && this.calendars.get(queue.calendarId)) || ALWAYS_OPEN;
          const due = dueTimes(c.openedAt, level, calendar);
          if (due.firstResponseDueAt === undefined && due.resolutionDueAt === undefined) continue;
          const event: NewJournalEvent = { ...envelope(c, now), type: 'sla.set', payload: { ...due, calendarId: calendar.id } };
          if (!(await this.append([event], `sla-set:${c.id}`, c))) continue;
          set++;
          Object.assign(c, due);
        }
        for (const miss of missedTargets(c, now)) {
          const event: NewJournalEvent = { ...envelope(c, now), type: 'sla.breached', payload: miss };
          if (await this.append([event], `sla:${c.id}:${miss.kind}`, c)) breached++;
        }
      }
    }
    return { set, breached };
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

  private async append(events: NewJournalEvent[], key: string, c: Conversation): Promise<boolean> {
    try {
      this.deps.bus.publish(await this.deps.store.append(events, [{ key, owner: c.id }]));
      return true;
    } catch (error) {
      if (error instanceof ClaimConflictError) return false;
      throw error;
    }
  }
}

function envelope(c: Conversation, now: Date) {
  return { at: now.toISOString(), actor: { kind: 'system' as const }, citizenId: c.citizenId, conversationId: c.id, queueId: c.queueId };
}
