/**
 * Runs tasks of the same key one after another, tasks of different keys concurrently. Used where a
 * write is computed from the stored state (a call's progress, a message's delivery status): two
 * concurrent computations for the same record would each miss the other's change.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.tails.set(key, next);
    const forget = () => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    };
    next.then(forget, forget);
    return next;
  }
}
