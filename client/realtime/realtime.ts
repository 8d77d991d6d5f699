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
  catchUpCompleted,
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

export function createRealtime(options: RealtimeOptions = {}): Realtime {
  const connect = options.connect ?? defaultConnect;
  const ackTimeoutMs = options.ackTimeoutMs ?? 8000;
  const catchUpLimit = options.catchUpLimit ?? 500;
  const retryDelayMs = options.retryDelayMs ?? 2000;

  let sync = new JournalSync();
  const watched = new Set<ConversationId>();
  let socket: AgentSocket | null = null;
  let socketToken: string | null = null;
  // Bumped on every (dis)connection so that a catch-up loop of an older connection stops.
  let generation = 0;
  let everLive = false;

  async function command<K extends CommandName>(
    name: K,
    payload: CommandPayload<K>,
  ): Promise<Ack<CommandResult<K>>> {
    if (!socket) return { ok: false, error: { code: 'unavailable', message: 'not connected' } };
    // socket.io's typings cannot follow a generic event name through timeout(); the ack shape is
    // guaranteed by ClientToServerEvents on the server side.
    const emitter = socket.timeout(ackTimeoutMs) as unknown as AckEmitter;
    try {
      return (await emitter.emitWithAck(name, payload)) as Ack<CommandResult<K>>;
    } catch {
      return { ok: false, error: { code: 'unavailable', message: 'no answer from the server' } };
    }
  }

  const middleware: Middleware = (api) => {
    const applyAll = (events: JournalEvent[], live: boolean) => {
      for (const event of events) api.dispatch(journalEventReceived(event, live));
    };

    async function catchUp(gen: number, afterSeq: number): Promise<void> {
      let after = afterSeq;
      for (;;) {
        const ack = await command('journal:catch-up', { afterSeq: after, limit: catchUpLimit });
        if (gen !== generation) return;
        if (!ack.ok) {
          // Keep buffering and ask again from where we are; the next reconnect would too.
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
          if (gen !== generation) return;
          after = sync.lastSeq ?? after;
          continue;
        }
        const step = sync.page(ack.data);
        const firstBuffered = step.apply.length - step.bufferedCount;
        applyAll(step.apply.slice(0, firstBuffered), false);
        applyAll(step.apply.slice(firstBuffered), true);
        if (step.nextAfterSeq === null) break;
        after = step.nextAfterSeq;
      }
      const initial = !everLive;
      everLive = true;
      api.dispatch(connectionStatusChanged('live'));
      api.dispatch(catchUpCompleted({ lastSeq: sync.lastSeq ?? 0, initial }));
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
        void catchUp(current, afterSeq);
      });
      s.on('disconnect', (reason) => {
        generation++;
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
