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
  presenceChanged,
  mentionsReadElsewhere,
  realtimeAuthFailed,
  realtimeConnect,
  realtimeDisconnect,
  sessionReady,
  unwatchConversation,
  watchConversation,
} from './actions.js';
import { catchUpStep, initialCatchUp, type CatchUpEffect, type CatchUpInput } from './catch-up.js';
import type { JournalSync } from './sync.js';

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
  /** For tests and diagnostics: where the seq bookkeeping stands (read only). */
  readonly sync: Pick<JournalSync, 'lastSeq' | 'isCatchingUp' | 'bufferedCount'>;
}

/** The one table from push name to action: every push carries a full journal event. */
const PUSH_NAMES: PushEventName[] = Object.values(PUSH_FOR_EVENT);

function defaultConnect(token: string): AgentSocket {
  return io('/agent', { withCredentials: true, auth: { token } });
}

type AckEmitter = { emitWithAck(name: string, payload: unknown): Promise<unknown> };

const TYPING_REPEAT_MS = 2500;

/**
 * The one socket of the console, owned by a Redux middleware. When to catch up and what to apply
 * is decided by the catch-up transition (catch-up.ts); this owner feeds it what the socket and the
 * timers say and performs what it asks (dispatch, emit, set a timer). Rooms watched and typing
 * notices are this owner's own: they only concern the socket.
 */
export function createRealtime(options: RealtimeOptions = {}): Realtime {
  const connect = options.connect ?? defaultConnect;
  const ackTimeoutMs = options.ackTimeoutMs ?? 8000;
  const catchUpLimit = options.catchUpLimit ?? 500;
  const retryDelayMs = options.retryDelayMs ?? 2000;
  const wakeDelayMs = { checkpoint: options.checkpointMs ?? 30_000, 'degraded-poll': options.degradedPollMs ?? 3000 };

  let catchUp = initialCatchUp();
  const watched = new Set<ConversationId>();
  let socket: AgentSocket | null = null;
  let socketToken: string | null = null;
  let wakeTimer: ReturnType<typeof setTimeout> | null = null;

  function cancelWake(): void {
    if (wakeTimer !== null) clearTimeout(wakeTimer);
    wakeTimer = null;
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
    // Inputs fed while effects are performed (a dispatch that comes back here) wait their turn,
    // so that each transition's effects all run before the next transition.
    const inbox: CatchUpInput[] = [];
    let feeding = false;
    function feed(input: CatchUpInput): void {
      inbox.push(input);
      if (feeding) return;
      feeding = true;
      try {
        for (let next = inbox.shift(); next; next = inbox.shift()) {
          const { state, effects } = catchUpStep(catchUp, next);
          catchUp = state;
          for (const effect of effects) perform(effect);
        }
      } finally {
        feeding = false;
      }
    }

    function perform(effect: CatchUpEffect): void {
      switch (effect.type) {
        case 'apply':
          api.dispatch(journalEventReceived(effect.event, effect.live));
          return;
        case 'ask': {
          const { connection, afterSeq } = effect;
          void command('journal:catch-up', { afterSeq, limit: catchUpLimit }).then((ack) =>
            feed(ack.ok ? { type: 'page', connection, result: ack.data } : { type: 'page-failed', connection }),
          );
          return;
        }
        case 'retry-later': {
          const { connection } = effect;
          setTimeout(() => feed({ type: 'retry-due', connection }), retryDelayMs);
          return;
        }
        case 'wake-later':
          cancelWake();
          wakeTimer = setTimeout(() => feed({ type: 'wake' }), wakeDelayMs[effect.delay]);
          return;
        case 'cancel-wake':
          cancelWake();
          return;
        case 'caught-up':
          api.dispatch(connectionStatusChanged('live'));
          api.dispatch(catchUpCompleted({ lastSeq: effect.lastSeq, initial: effect.initial }));
          return;
      }
    }

    function open(token: string): void {
      close();
      const s = connect(token);
      socket = s;
      api.dispatch(connectionStatusChanged('connecting'));

      s.on('connect', () => {
        feed({ type: 'connected' });
        api.dispatch(connectionStatusChanged('syncing'));
      });
      s.on('session:ready', (info) => {
        api.dispatch(sessionReady(info));
        // Rooms do not survive a reconnect: ask again for what we watch, before catching up so
        // that the pushes of those rooms land in the buffer.
        for (const conversationId of watched) {
          void command('conversation:watch', { conversationId });
        }
        feed({ type: 'session-ready', headSeq: info.headSeq });
      });
      s.on('delivery:interrupted', () => feed({ type: 'delivery-interrupted' }));
      s.on('delivery:restored', () => feed({ type: 'delivery-restored' }));
      s.on('citizen:typing', (info) => api.dispatch(citizenTypingChanged(info)));
      s.on('presence:changed', (info) => api.dispatch(presenceChanged(info)));
      s.on('mentions:read', (page) => api.dispatch(mentionsReadElsewhere(page)));
      s.on('disconnect', (reason) => {
        feed({ type: 'disconnected' });
        api.dispatch(connectionStatusChanged('reconnecting'));
        // The server closed us on purpose (session revoked or expired): socket.io will not retry.
        if (reason === 'io server disconnect') api.dispatch(realtimeAuthFailed());
      });
      s.on('connect_error', () => {
        api.dispatch(connectionStatusChanged('reconnecting'));
        // A refusal by the server's auth middleware leaves the socket inactive (no auto-retry).
        if (!s.active) api.dispatch(realtimeAuthFailed());
      });
      const onPush = (event: JournalEvent) => feed({ type: 'push', event });
      for (const name of PUSH_NAMES) s.on(name, onPush);
    }

    function close(): void {
      feed({ type: 'disconnected' });
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
        feed({ type: 'signed-out' });
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
      return catchUp.sync;
    },
  };
}
