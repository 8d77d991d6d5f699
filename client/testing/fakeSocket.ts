import type { AgentSocket } from '../realtime/realtime.js';

type Handler = (...args: never[]) => void;

/** Stands in for a socket.io client socket: tests play the server. */
export class FakeSocket {
  connected = false;
  active = true;
  readonly emitted: { name: string; payload: unknown }[] = [];
  private readonly handlers = new Map<string, Handler[]>();
  /** Answers commands; a pending promise simulates a slow server. */
  onCommand: (name: string, payload: unknown) => Promise<unknown> = async () => ({ ok: true, data: null });

  on(name: string, fn: Handler): this {
    const list = this.handlers.get(name) ?? [];
    list.push(fn);
    this.handlers.set(name, list);
    return this;
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  disconnect(): this {
    this.connected = false;
    this.active = false;
    return this;
  }

  timeout(_ms: number) {
    return {
      emitWithAck: (name: string, payload: unknown) => {
        this.emitted.push({ name, payload });
        return this.onCommand(name, payload);
      },
    };
  }

  /** The server sends `name`. */
  serve(name: string, ...args: unknown[]): void {
    if (name === 'connect') this.connected = true;
    if (name === 'disconnect') this.connected = false;
    for (const fn of this.handlers.get(name) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }

  asSocket(): AgentSocket {
    return this as unknown as AgentSocket;
  }
}
