import type { JournalEvent, JournalEventType } from '../../../shared/index.js';
import type { EventBus } from '../ports.js';

export interface Round {
  name: string;
  run(): Promise<unknown>;
}

export interface AssignmentSchedulerOptions {
  rounds: readonly Round[];
  bus: EventBus;
  /** Offer timeouts and due times are checked at least this often. */
  intervalMs: number;
  log: (msg: string, err?: unknown) => void;
}

/** Events after which waiting work may now have an agent: a round runs at once rather than at the next tick. */
const WAKE_ON: ReadonlySet<JournalEventType> = new Set<JournalEventType>([
  'conversation.opened',
  'conversation.offer-declined',
  'conversation.assigned',
  'conversation.status',
  'agent.state-changed',
]);

/**
 * Runs the assignment and service-level rounds of this instance: on a timer, and soon after an
 * event that can change who takes what. Rounds never overlap within an instance (a wake during a
 * round runs one more round after it); across instances the rounds' claims keep writes single.
 */
export function startAssignmentScheduler(options: AssignmentSchedulerOptions): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(kick, delayMs);
    timer.unref();
  };

  async function runAll(): Promise<void> {
    for (const round of options.rounds) {
      if (stopped) return;
      try {
        await round.run();
      } catch (error) {
        options.log(`${round.name} round failed`, error);
      }
    }
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = runAll().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        kick();
      } else {
        schedule(options.intervalMs);
      }
    });
  }

  const unsubscribe = options.bus.subscribe((event: JournalEvent) => {
    if (WAKE_ON.has(event.type)) schedule(0);
  });
  schedule(0);

  return {
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
