import type { Namespace, Socket } from 'socket.io';
import type { Agent, ClientToServerEvents, ConversationId, PresenceChanged, ServerToClientEvents } from '../../shared/index.js';
import { PresenceTable, type PresenceEntry } from '../domain/presence/presence-table.js';
import { rooms } from './push-routing.js';

// Carries collision indicators between consoles and instances. Every instance holds the full
// table: its own sockets' announcements and, through the adapter's serverSideEmit (the same Redis
// connections and health watch as the room broadcasts, no extra channel or connection), the other
// instances'. Each instance pushes `presence:changed` to its LOCAL sockets only, from its own
// table: an entry reaches a console once, whoever announced it, and an instance that dies without
// a word is forgotten everywhere by expiry. Redis pub/sub is at-most-once: a lost relay is
// repaired by the next re-announce (PRESENCE_REANNOUNCE_MS), well within the TTL.

/** What instances tell each other (socket.io "server-side events" of the /agent namespace). */
export interface PresenceServerEvents {
  'presence:entry': (entry: PresenceEntry) => void;
  'presence:gone': (gone: { socketId: string; conversationId: ConversationId | null }) => void;
}

type Nsp = Namespace<ClientToServerEvents, ServerToClientEvents, PresenceServerEvents>;
type AgentSocket = Socket<ClientToServerEvents, ServerToClientEvents, PresenceServerEvents>;

export interface PresenceRelayOptions {
  /** PRESENCE_TTL_MS (10 s) in production; tests take a shorter one. */
  ttlMs: number;
  /** How often expired entries are dropped; a quarter of the TTL, at most a second, by default. */
  sweepMs?: number;
  now?: () => number;
  log: (msg: string, err?: unknown) => void;
}

export interface PresenceRelay {
  /** The caller (allowed to read the conversation: checked before) sets its console's activity. */
  set(socket: AgentSocket, agent: Agent, conversationId: ConversationId, activity: PresenceEntry['activity'] | 'left'): PresenceChanged;
  /** A socket closed: its entries go at once, here and on the other instances. */
  disconnected(socketId: string): void;
  close(): void;
}

export function createPresenceRelay(nsp: Nsp, options: PresenceRelayOptions): PresenceRelay {
  const now = options.now ?? Date.now;
  const table = new PresenceTable(options.ttlMs);
  const listFor = (conversationId: ConversationId): PresenceChanged => ({ conversationId, present: table.present(conversationId) });
  const pushLocal = (ids: readonly ConversationId[]) => {
    for (const id of ids) nsp.local.to(rooms.conversation(id)).emit('presence:changed', listFor(id));
  };
  const relay = <E extends keyof PresenceServerEvents>(name: E, ...args: Parameters<PresenceServerEvents[E]>) => {
    // Single instance (in-memory adapter): nobody to tell. The cluster adapter swallows publish errors.
    Promise.resolve((nsp.serverSideEmit as (n: string, ...a: unknown[]) => unknown)(name, ...args)).catch((err: unknown) => options.log('presence relay failed', err));
  };

  nsp.on('presence:entry', (entry) => {
    if (table.put(entry, now())) pushLocal([entry.conversationId]);
  });
  nsp.on('presence:gone', ({ socketId, conversationId }) => pushLocal(table.remove(socketId, conversationId)));

  const sweepMs = options.sweepMs ?? Math.min(1000, Math.max(50, Math.floor(options.ttlMs / 4)));
  const sweeper = setInterval(() => {
    try {
      pushLocal(table.sweep(now()));
    } catch (err) {
      options.log('presence sweep failed', err);
    }
  }, sweepMs);
  sweeper.unref();

  return {
    set(socket, agent, conversationId, activity) {
      if (activity === 'left') {
        pushLocal(table.remove(socket.id, conversationId));
        relay('presence:gone', { socketId: socket.id, conversationId });
        return listFor(conversationId);
      }
      const { entry, changed } = table.announce({ socketId: socket.id, conversationId, agentId: agent.id, name: agent.displayName, activity }, now());
      if (changed) pushLocal([conversationId]);
      // Relayed on every announce, changed or not: it is the other instances' refresh.
      relay('presence:entry', entry);
      return listFor(conversationId);
    },
    disconnected(socketId) {
      pushLocal(table.remove(socketId, null));
      relay('presence:gone', { socketId, conversationId: null });
    },
    close() {
      clearInterval(sweeper);
    },
  };
}
