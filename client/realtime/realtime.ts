import type { Middleware } from '@reduxjs/toolkit';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/ack.js';
import type { ConversationId } from '../../shared/ids.js';
import type { JournalEvent } from '../../shared/journal.js';
import {
  PUSH_FOR_EVENT,
  type ClientToServerEvents,
  type PushEventName,
  type ServerToClientEvents,
} from '../../shared/socket-events.js';
import {
  agentTyping,
  catchUpCompleted,
  citizenTypingChanged,
  connectionStatusChanged,
  journalEventReceived,
  realtimeAuthFailed,
  realtimeConnect,
  realtimeDisconnect,
  sessionReady,
  unwatchConversation,
  watchConversation,
} from './actions.js';
import { JournalSync } from './sync.js';

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type CommandName = keyof ClientToServerEvents;
export type CommandPayload<K extends CommandName> = Parameters<ClientToServerEvents[K]>[0];
export type CommandResult<K extends CommandName> =
  Parameters<ClientToServerEvents[K]>[1] extends (res: Ack<infer T>) => void ? T : never;

export interface RealtimeCommands {
  /** Emits a command and resolves to its ack; never rejects (a timeout becomes `unavailable`). */
  command<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<Ack<CommandResult<K>>>;
}

export interface RealtimeOptions {
  /** Opens the socket; tests pass a fake. */
  connect?: (token: string) => AgentSocket;
  ackTimeoutMs?: number;
  catchUpLimit?: number;
  /** Delay before retrying a failed catch-up. */
  retryDelayMs?: number;
  /** While the server says delivery is interrupted (it lost Redis): how often to catch up. */
  degradedPollMs?: number;
  /**
   * A live connection catches up this often anyway: a push lost without anyone noticing costs at
   * most this long, and the seqs remembered above the resume point stay few.
   */
  checkpointMs?: number;
}

export interface Realtime extends RealtimeCommands {
  middleware: Middleware;
  /** For tests and diagnostics. */
  readonly sync: JournalSync;
}

/** The one table from push name to action: every push carries a full journal event. */
const PUSH_NAMES = Object.values(PUSH_FOR_EVENT) as PushEventName[];

function defaultConnect(token: string): AgentSocket {
  return io('/agent', { withCredentials: true, auth: { token } });
}

type AckEmitter = { emitWithAck(name: string, payload: unknown): Promise<unknown> };

const TYPING_REPEAT_MS = 2500;

/**
 * Why a catch-up runs. 'connect' after session:ready; 'restored' when the server got Redis back
 * (pushes may have been lost); 'poll' for checkpoints and while delivery is interrupted, which
 * announce nothing unless they found something the pushes had missed.
 */
type CatchUpReason = 'connect' | 'restored' | 'poll';

export function createRealtime(options: RealtimeOptions = {}): Realtime {
  const connect = options.connect ?? defaultConnect;
  const ackTimeoutMs = options.ackTimeoutMs ?? 8000;
  const catchUpLimit = options.catchUpLimit ?? 500;
  const retryDelayMs = options.retryDelayMs ?? 2000;
  const degradedPollMs = options.degradedPollMs ?? 3000;
  const checkpointMs = options.checkpointMs ?? 30_000;

  let sync = new JournalSync();
  const watched = new Set<ConversationId>();
  let socket: AgentSocket | null = null;
  let socketToken: string | null = null;
  // Bumped on every (dis)connection so that a catch-up loop of an older connection stops.
  let generation = 0;
  let everLive = false;
  // The catch-up loop in flight (with its connection generation), and whether another must follow it.
  let running: { gen: number } | null = null;
  let again: CatchUpReason | null = null;
  let degraded = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function clearTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  // Typing is fire-and-forget: "typing" is repeated every few seconds (the widget expires it),
  // "stopped" is sent once, and only after a "typing".
  const typingSince = new Map<ConversationId, number>();
  function sendTyping(conversationId: ConversationId, typing: boolean): void {
    if (!socket?.connected) return;
    const last = typingSince.get(conversationId);
    if (typing) {
      if (last !== undefined && Date.now() - last < TYPING_REPEAT_MS) return;
      typingSince.set(conversationId, Date.now());
    } else {
      if (last === undefined) return;
      typingSince.delete(conversationId);
    }
    socket.emit('conversation:typing', { conversationId, typing });
  }

  async function command<K extends CommandName>(
    name: K,
    payload: CommandPayload<K>,
  ): Promise<Ack<CommandResult<K>>> {
    if (!socket) return { ok: false, error: { code: 'unavailable', reason: 'not_connected', message: 'not connected' } };
    // socket.io's typings cannot follow a generic event name through timeout(); the ack shape is
    // guaranteed by ClientToServerEvents on the server side.
    const emitter = socket.timeout(ackTimeoutMs) as unknown as AckEmitter;
    try {
      return (await emitter.emitWithAck(name, payload)) as Ack<CommandResult<K>>;
    } catch {
      return { ok: false, error: { code: 'unavailable', reason: 'no_answer', message: 'no answer from the server' } };
    }
  }

  const middleware: Middleware = (api) => {
    const applyAll = (events: JournalEvent[], live: boolean) => {
      for (const event of events) api.dispatch(journalEventReceived(event, live));
    };

    async function catchUp(gen: number, afterSeq: number, reason: CatchUpReason): Promise<void> {
      const loop = { gen };
      running = loop;
      let completed = false;
      try {
        completed = await catchUpLoop(gen, afterSeq, reason);
      } finally {
        if (running === loop) running = null;
      }
      if (completed) next(gen);
    }

    /** After a catch-up: the one asked for meanwhile, else the next checkpoint. */
    function next(gen: number): void {
      if (gen !== generation) return;
      const reason = again;
      again = null;
      if (reason) request(reason);
      else schedule();
    }

    function schedule(): void {
      clearTimer();
      timer = setTimeout(() => request('poll'), degraded ? degradedPollMs : checkpointMs);
    }

    /** Catch up on the live connection; a request during a catch-up runs after it (its read may be older). */
    function request(reason: CatchUpReason): void {
      // Before session:ready the connect path catches up anyway.
      if (!socket?.connected || sync.lastSeq === null) return;
      clearTimer();
      if (running?.gen === generation) {
        if (again !== 'restored') again = reason;
        return;
      }
      sync.resync();
      void catchUp(generation, sync.lastSeq, reason);
    }

    /** Returns whether it ran to the end on this connection. */
    async function catchUpLoop(gen: number, afterSeq: number, reason: CatchUpReason): Promise<boolean> {
      let after = afterSeq;
      let found = 0;
      for (;;) {
        const ack = await command('journal:catch-up', { afterSeq: after, limit: catchUpLimit });
        if (gen !== generation) return false;
        if (!ack.ok) {
          // Keep buffering and ask again from where we are; the next reconnect would too.
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
          if (gen !== generation) return false;
          after = sync.lastSeq ?? after;
          continue;
        }
        const step = sync.page(ack.data);
        for (const event of step.apply) {
          const live = step.live.has(event.seq);
          if (!live) found++;
          api.dispatch(journalEventReceived(event, live));
        }
        if (step.nextAfterSeq === null) break;
        after = step.nextAfterSeq;
      }
      // A quiet checkpoint changes nothing on screen: no need to make the views re-read.
      if (reason === 'poll' && found === 0) return true;
      const initial = !everLive;
      everLive = true;
      api.dispatch(connectionStatusChanged('live'));
      api.dispatch(catchUpCompleted({ lastSeq: sync.lastSeq ?? 0, initial }));
      return true;
    }

    function open(token: string): void {
      close();
      const s = connect(token);
      socket = s;
      api.dispatch(connectionStatusChanged('connecting'));

      s.on('connect', () => {
        sync.connected();
        api.dispatch(connectionStatusChanged('syncing'));
      });
      s.on('session:ready', (info) => {
        const current = ++generation;
        api.dispatch(sessionReady(info));
        // Rooms do not survive a reconnect: ask again for what we watch, before catching up so
        // that the pushes of those rooms land in the buffer.
        for (const conversationId of watched) {
          void command('conversation:watch', { conversationId });
        }
        const afterSeq = sync.ready(info.headSeq);
        clearTimer();
        again = null;
        void catchUp(current, afterSeq, 'connect');
      });
      // Several server instances: this server lost Redis, so pushes from the others may be lost.
      // The journal does not depend on Redis: catch up now, then poll it until Redis is back.
      s.on('delivery:interrupted', () => {
        degraded = true;
        request('poll');
      });
      s.on('delivery:restored', () => {
        degraded = false;
        request('restored');
      });
      s.on('citizen:typing', (info) => api.dispatch(citizenTypingChanged(info)));
      s.on('disconnect', (reason) => {
        generation++;
        clearTimer();
        // The next server says again if its delivery is interrupted.
        degraded = false;
        sync.disconnected();
        api.dispatch(connectionStatusChanged('reconnecting'));
        // The server closed us on purpose (session revoked or expired): socket.io will not retry.
        if (reason === 'io server disconnect') api.dispatch(realtimeAuthFailed());
      });
      s.on('connect_error', () => {
        api.dispatch(connectionStatusChanged('reconnecting'));
        // A refusal by the server's auth middleware leaves the socket inactive (no auto-retry).
        if (!s.active) api.dispatch(realtimeAuthFailed());
      });
      const onPush = (event: JournalEvent) => applyAll(sync.push(event), true);
      for (const name of PUSH_NAMES) {
        (s as unknown as { on(name: string, fn: (event: JournalEvent) => void): void }).on(name, onPush);
      }
    }

    function close(): void {
      generation++;
      clearTimer();
      degraded = false;
      if (socket) {
        socket.removeAllListeners();
        socket.disconnect();
        socket = null;
      }
    }

    return (next) => (action) => {
      if (realtimeConnect.match(action)) {
        // Same session, socket alive or retrying by itself: nothing to do (e.g. a double session check).
        if (!(socket?.active && socketToken === action.payload.token)) {
          open(action.payload.token);
          socketToken = action.payload.token;
        }
      } else if (realtimeDisconnect.match(action)) {
        close();
        socketToken = null;
        watched.clear();
        // Another agent may log in next: start from their own baseline.
        sync = new JournalSync();
        everLive = false;
        api.dispatch(connectionStatusChanged('idle'));
      } else if (watchConversation.match(action)) {
        if (!watched.has(action.payload)) {
          watched.add(action.payload);
          if (socket?.connected) void command('conversation:watch', { conversationId: action.payload });
        }
      } else if (unwatchConversation.match(action)) {
        if (watched.delete(action.payload) && socket?.connected) {
          void command('conversation:unwatch', { conversationId: action.payload });
        }
      } else if (agentTyping.match(action)) {
        sendTyping(action.payload.conversationId, action.payload.typing);
      }
      return next(action);
    };
  };

  return {
    middleware,
    command,
    get sync() {
      return sync;
    },
  };
}
