import type { Ack, AppErrorBody } from '../../shared/index.js';

// Socket.IO calls event listeners synchronously from the packet decoder: a listener that throws
// (a handler that is not async, a getter on a hostile payload) throws out of the engine's 'data'
// event and ends the process. Every listener of both namespaces goes through one of these two.

type Log = (msg: string, err?: unknown) => void;

/**
 * A command listener: runs `run` and always answers through the ack — a synchronous throw, a
 * rejected promise and a failing ack alike. A client that called `emit(name, ack)` without a
 * payload gets its answer too (its ack arrives as the first argument).
 */
export function ackedHandler<T>(
  run: (payload: unknown) => Promise<T> | T,
  toError: (err: unknown) => AppErrorBody,
  log: Log,
): (payload: unknown, ack?: unknown) => void {
  return (payload, ack) => {
    const callback = typeof ack === 'function' ? ack : typeof payload === 'function' && ack === undefined ? payload : null;
    const reply = (res: Ack<T>) => {
      if (callback) (callback as (res: Ack<T>) => void)(res);
    };
    const input = callback === payload ? undefined : payload;
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(run(input));
    } catch (err) {
      pending = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    pending
      .then(
        (data) => reply({ ok: true, data }),
        (err: unknown) => reply({ ok: false, error: toError(err) }),
      )
      .catch((err: unknown) => log('socket ack failed', err));
  };
}

/** A listener without an ack (typing, presence): whatever it throws is logged, never rethrown. */
export function guardedListener<A extends unknown[]>(listener: (...args: A) => void, log: Log, what: string): (...args: A) => void {
  return (...args) => {
    try {
      listener(...args);
    } catch (err) {
      log(`${what} failed`, err);
    }
  };
}

/** A handshake middleware: a throw refuses the connection as `unavailable` instead of escaping. */
export function guardedMiddleware<S>(
  middleware: (socket: S, next: (err?: Error) => void) => void,
  log: Log,
  what: string,
): (socket: S, next: (err?: Error) => void) => void {
  return (socket, next) => {
    try {
      middleware(socket, next);
    } catch (err) {
      log(`${what} failed`, err);
      next(new Error('unavailable'));
    }
  };
}
