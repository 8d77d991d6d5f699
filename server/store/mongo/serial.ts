/** Runs tasks one at a time in call order; a failing task does not block the next ones. */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `attempt` with growing pauses (1 ms up to 50 ms) until it yields a value. */
export async function poll<T>(attempt: (waitedMs: number) => Promise<T | undefined>): Promise<T> {
  const started = performance.now();
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    const value = await attempt(performance.now() - started);
    if (value !== undefined) return value;
    await sleep(pause);
  }
}
