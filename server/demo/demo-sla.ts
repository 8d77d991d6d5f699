import type { Conversation, ConversationId } from '../../shared/index.js';
import type { BusinessCalendar } from '../domain/business-hours/index.js';
import type { Clock, EventBus, Store } from '../domain/ports.js';
import { SlaService } from '../domain/sla/sla-service.js';
import type { HistoryTimer } from './history-timer.js';

type DueKind = 'first_response' | 'resolution';

/**
 * Runs the service-level rounds as a live server would have while the history happened: one as
 * each conversation opens (its `sla.set`), and one just after each due time passes, dated then,
 * so `sla.breached` events carry the moment the target was missed. The checks are the real
 * SlaService's, on the conversations concerned only: a live round reads every open conversation,
 * and doing that a thousand times would be most of the seeding.
 */
export class SlaDriver implements HistoryTimer {
  private readonly sla: SlaService;
  /** Due instants (ms) still to check, ascending. */
  private readonly due: { at: number; conversationId: ConversationId; kind: DueKind }[] = [];

  constructor(
    private readonly store: Store,
    bus: EventBus,
    calendars: readonly BusinessCalendar[],
    clock: Clock,
  ) {
    this.sla = new SlaService({ store, bus, clock, calendars });
  }

  /** Sets the new conversation's due times (`sla.set`), and remembers when to check them. */
  async opened(conversationId: ConversationId): Promise<void> {
    await this.round([conversationId]);
    const c = await this.store.getConversation(conversationId);
    if (c?.firstResponseDueAt) this.push(Date.parse(c.firstResponseDueAt), conversationId, 'first_response');
    if (c?.resolutionDueAt) this.push(Date.parse(c.resolutionDueAt), conversationId, 'resolution');
  }

  /** When the next check is due (ms): just past the earliest due time. */
  nextAt(): number | undefined {
    return this.due.length > 0 ? this.due[0]!.at + 1 : undefined;
  }

  /** Checks the conversations due by then; the seeder has moved its clock to nextAt(). */
  async runNext(): Promise<void> {
    const at = this.nextAt();
    if (at === undefined) return;
    const ids = new Set<ConversationId>();
    while (this.due.length > 0 && this.due[0]!.at < at) ids.add(this.due.shift()!.conversationId);
    await this.round([...ids]);
  }

  private async round(ids: readonly ConversationId[]): Promise<void> {
    const found = await Promise.all(ids.map((id) => this.store.getConversation(id)));
    await this.sla.check(found.filter((c): c is Conversation => c !== null));
  }

  private push(at: number, conversationId: ConversationId, kind: DueKind): void {
    let i = this.due.length;
    while (i > 0 && this.due[i - 1]!.at > at) i--;
    this.due.splice(i, 0, { at, conversationId, kind });
  }
}
