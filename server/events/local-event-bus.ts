import type { JournalEvent } from '../../shared/index.js';
import type { EventBus } from '../domain/ports.js';

/**
 * In-process fan-out of committed events. Listeners run synchronously in publish order, so
 * a listener sees events in seq order; one listener's failure must not starve the others.
 */
export class LocalEventBus implements EventBus {
  private readonly listeners = new Set<(event: JournalEvent) => void>();

  constructor(private readonly onListenerError: (err: unknown) => void = () => {}) {}

  publish(events: readonly JournalEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (err) {
          this.onListenerError(err);
        }
      }
    }
  }

  subscribe(listener: (event: JournalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
