import { hostname } from 'node:os';
import type { EventOfType } from '../shared/index.js';
import type { Clock, EventBus, Store } from './domain/ports.js';
import { commit } from './domain/commit.js';

type ServerErrorEvent = EventOfType<'server.error'>;
type Origin = ServerErrorEvent['payload']['origin'];

/** The part of `process` the guard listens to and ends: a test gives an EventEmitter of its own. */
export interface GuardedProcess {
  on(event: 'uncaughtException', listener: (err: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  exit(code: number): void;
  pid: number;
}

export interface ProcessGuardDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  log: (msg: string, err?: unknown) => void;
  /** How long the journal write may take before an uncaught exception ends the process anyway. */
  recordTimeoutMs?: number;
}

function describe(reason: unknown): ServerErrorEvent['payload']['error'] {
  if (reason instanceof Error) {
    return {
      name: reason.name.slice(0, 200),
      message: reason.message.slice(0, 1000),
      ...(reason.stack ? { stack: reason.stack.slice(0, 8000) } : {}),
    };
  }
  let text: string;
  try {
    text = typeof reason === 'string' ? reason : JSON.stringify(reason) ?? String(reason);
  } catch {
    text = String(reason);
  }
  return { name: 'NonError', message: text.slice(0, 1000) };
}

/**
 * The last net under every handler (which answer their own errors: server/realtime/socket-handler.ts,
 * the HTTP error handler). Only main.ts installs it, so in tests an unexpected error still fails the
 * run instead of being logged away.
 *
 * - An unhandled rejection is logged and journaled; the process goes on (the promise's work is lost,
 *   nothing else is in doubt).
 * - An uncaught exception is logged and journaled, then the process exits with 1: the stack it
 *   unwound may have left any state half-changed, so a supervisor (systemd, the container runtime)
 *   starts a clean one. Every acknowledged write is already in the journal.
 */
export function installProcessGuard(proc: GuardedProcess, deps: ProcessGuardDeps): void {
  const instance = `${hostname()}:${proc.pid}`;
  const record = async (origin: Origin, reason: unknown): Promise<void> => {
    const event: ServerErrorEvent['payload'] = { origin, error: describe(reason), instance };
    try {
      await commit(deps, [{ type: 'server.error', at: deps.clock.now().toISOString(), actor: { kind: 'system' }, payload: event }]);
    } catch (err) {
      deps.log('could not journal the error above', err);
    }
  };

  proc.on('unhandledRejection', (reason) => {
    deps.log('unhandled promise rejection (the server goes on)', reason);
    void record('unhandled-rejection', reason);
  });

  let ending = false;
  proc.on('uncaughtException', (err) => {
    deps.log('uncaught exception: the server stops so that a clean one can start', err);
    if (ending) return;
    ending = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, deps.recordTimeoutMs ?? 2000).unref());
    void Promise.race([record('uncaught-exception', err), timeout]).finally(() => proc.exit(1));
  });
}
