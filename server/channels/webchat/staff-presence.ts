import type { AgentNamespace } from './agent-namespace.js';

/**
 * "An agent is available" means, for now, that a member of staff who can answer (not a trainer)
 * has the console open: agent states (ready, away, busy) come with a later issue. Counted with
 * fetchSockets, so with the Redis adapter every instance's consoles count.
 */
export class StaffPresence {
  private current = false;
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly agents: AgentNamespace,
    private readonly onChange: (available: boolean) => void,
    private readonly log: (msg: string, err?: unknown) => void,
    /** Consoles connected to other instances are only seen by polling. */
    private readonly refreshMs = 15_000,
  ) {}

  get available(): boolean {
    return this.current;
  }

  async start(): Promise<() => void> {
    const onConnection = (socket: { on(event: 'disconnect', fn: () => void): unknown }) => {
      this.soon();
      socket.on('disconnect', () => this.soon());
    };
    this.agents.on('connection', onConnection);
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
    await this.refresh();
    return () => {
      this.closed = true;
      this.agents.off('connection', onConnection);
      clearInterval(this.timer);
      clearTimeout(this.debounce);
    };
  }

  // Connections come in bursts (a console reloading, a shift starting): count once per burst.
  private soon(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), 50);
  }

  async refresh(): Promise<boolean> {
    try {
      const sockets = await this.agents.fetchSockets();
      const available = sockets.some((s) => s.data.agent !== undefined && s.data.agent.role !== 'trainer');
      if (available !== this.current && !this.closed) {
        this.current = available;
        this.onChange(available);
      }
    } catch (err) {
      this.log('web chat: could not count the connected staff', err);
    }
    return this.current;
  }
}
