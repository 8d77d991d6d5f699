import type { Namespace, Server, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  PRESENCE_TTL_MS,
  STAFF_COMMANDS,
  can,
  visibilityFilter,
  type Agent,
  type AppErrorBody,
  type EventOfType,
  type ClientToServerEvents,
  type JournalEvent,
  type AckedStaffCommand,
  type Permission,
  type ParsedCommand,
  type ServerToClientEvents,
} from '../../shared/index.js';
import { tokenFrom } from '../auth/cookies.js';
import type { SessionService } from '../auth/session-service.js';
import type { AgentCommands } from '../domain/agent-commands.js';
import type { AssignmentCommands } from '../domain/assignment/assignment-commands.js';
import type { BoardService } from '../domain/board/board-service.js';
import type { CallCommands } from '../domain/call-commands.js';
import type { CitizenMergeService } from '../domain/citizens/merge-service.js';
import { readCatchUpPage } from '../domain/catch-up.js';
import { MentionInbox } from '../domain/mentions/mention-inbox.js';
import { DomainError, parseOrReject } from '../domain/errors.js';
import type { EventBus, Store } from '../domain/ports.js';
import { staffOriginAllowed } from './origin-check.js';
import { pushTarget, rooms } from './push-routing.js';
import { ackedHandler, guardedListener, guardedMiddleware } from './socket-handler.js';
import type { ClusterLink } from './redis-adapter.js';
import { createPresenceRelay, type PresenceServerEvents } from './presence-relay.js';

/** Account changes after which a person's open consoles must reconnect, or stop. */
const SOCKETS_END_ON: ReadonlySet<string> = new Set(['deactivated', 'updated', 'second-factor-reset']);

export interface Supervision {
  board: Pick<BoardService, 'snapshot'>;
  whisper: (supervisor: Agent, raw: unknown) => Promise<EventOfType<'whisper.sent'>>;
  whispers: (reader: Agent, raw: unknown) => Promise<EventOfType<'whisper.sent'>[]>;
}

interface SocketData {
  agent: Agent;
}

type AgentNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, PresenceServerEvents, SocketData>;
type AgentSocket = Socket<ClientToServerEvents, ServerToClientEvents, PresenceServerEvents, SocketData>;

export interface GatewayDeps {
  store: Store;
  bus: EventBus;
  sessions: SessionService;
  commands: AgentCommands;
  /** Call summaries and hand-logged calls. */
  calls: CallCommands;
  /** The supervisors' board and whispers (server/domain/board). */
  supervision: Supervision;
  /** Merging and unmerging citizens' records (server/domain/citizens). */
  merges: CitizenMergeService;
  log: (msg: string, err?: unknown) => void;
  /** Browser origins allowed besides the console's own (CONSOLE_ORIGINS). */
  consoleOrigins?: readonly string[];
  /** TRUST_PROXY is set: forwarded headers name the host the browser called. */
  trustProxy?: boolean;
  /** Present when several instances share Redis (REDIS_URL). */
  cluster?: ClusterLink | null;
  /** Agent states, offers and presence (server/domain/assignment); without it those commands are absent. */
  routing?: { commands: AssignmentCommands; presenceGraceMs: number };
  /** Collision indicators' expiry (PRESENCE_TTL_MS by default; tests shorten it). */
  collisionTtlMs?: number;
}

function toErrorBody(err: unknown, log: GatewayDeps['log']): AppErrorBody {
  if (err instanceof DomainError) return err.toBody();
  log('socket command failed', err);
  return { code: 'internal', message: 'internal error' };
}

/**
 * Registers one command of the table (shared/command-map.ts): checks the role, validates the
 * payload with the command's schema, runs, and always answers through the ack — a malformed
 * call (no ack function, garbage payload, a handler that throws synchronously) never throws out
 * of the socket.
 */
function command<K extends AckedStaffCommand>(
  socket: AgentSocket,
  name: K,
  log: GatewayDeps['log'],
  run: (payload: ParsedCommand<K>, agent: Agent) => Promise<unknown>,
): void {
  const { schema, permission } = STAFF_COMMANDS[name] as { schema: z.ZodType; permission: Permission };
  const handler = ackedHandler(
    (raw) => {
      const agent = socket.data.agent;
      if (!can(agent.role, permission)) throw new DomainError('forbidden', `your role (${agent.role}) may not do this`);
      return run(parseOrReject(schema, raw, name) as ParsedCommand<K>, agent);
    },
    (err) => toErrorBody(err, log),
    log,
  );
  (socket.on as (name: string, listener: (...args: unknown[]) => void) => void)(name, handler);
}

export function attachAgentGateway(io: Server, deps: GatewayDeps): { close(): void } {
  const { store, bus, sessions, commands, calls, log } = deps;
  const cluster = deps.cluster ?? null;
  const nsp: AgentNamespace = io.of('/agent');
  const presenceTimers = new Set<NodeJS.Timeout>();
  const mentions = new MentionInbox(store);
  const collision = createPresenceRelay(nsp, { ttlMs: deps.collisionTtlMs ?? PRESENCE_TTL_MS, log });

  nsp.use(guardedMiddleware<AgentSocket>((socket, next) => {
    if (!staffOriginAllowed(socket.handshake.headers, deps.consoleOrigins ?? [], deps.trustProxy ?? false)) {
      return next(new Error('forbidden origin'));
    }
    const auth = socket.handshake.auth as { token?: unknown };
    const token = typeof auth.token === 'string' ? auth.token : tokenFrom(socket.handshake.headers);
    sessions.authenticate(token).then(
      (session) => {
        if (!session) return next(new Error('unauthenticated'));
        socket.data.agent = session.agent;
        next();
      },
      (err: unknown) => {
        log('socket authentication failed', err);
        next(new Error('unavailable'));
      },
    );
  }, log, 'staff socket handshake'));

  nsp.on('connection', guardedListener((socket: AgentSocket) => {
    const agent = socket.data.agent;
    void socket.join(rooms.agent(agent.id));
    // Queue rooms for those who see only some queues; the others hear everything in the supervisors' room.
    const scope = visibilityFilter(agent);
    if (scope) for (const q of scope.queueIds) void socket.join(rooms.queue(q));

    const on = <K extends AckedStaffCommand>(name: K, run: (payload: ParsedCommand<K>, agent: Agent) => Promise<unknown>) =>
      command(socket, name, log, run);

    on('supervisor:subscribe', async () => {
      await socket.join(rooms.supervisors);
      return null;
    });
    // Supervisors and admins watch the floor from the start.
    if (can(agent.role, 'supervisor:subscribe')) void socket.join(rooms.supervisors);

    on('board:snapshot', () => deps.supervision.board.snapshot());
    on('whisper:send', (p, a) => deps.supervision.whisper(a, p));
    on('whisper:list', (p, a) => deps.supervision.whispers(a, p));

    const routing = deps.routing;
    if (routing) {
      on('agent:set-state', (p, a) => routing.commands.setState(a, p));
      on('agent:statuses', (_p, a) => routing.commands.statuses(a));
      on('offer:accept', (p, a) => routing.commands.accept(a, p));
      on('offer:decline', (p, a) => routing.commands.decline(a, p));
      routing.commands.presence(agent, true).catch((err: unknown) => log('presence update failed', err));
      socket.on(
        'disconnect',
        guardedListener(
          () => {
            // After a grace period, and only if no console of this agent is open on any instance
            // (fetchSockets asks the others through the adapter): a page reload must not go offline.
            const timer = setTimeout(() => {
              presenceTimers.delete(timer);
              nsp
                .in(rooms.agent(agent.id))
                .fetchSockets()
                .then((left) => (left.length === 0 ? routing.commands.presence(agent, false) : undefined))
                .catch((err: unknown) => log('presence update failed', err));
            }, routing.presenceGraceMs);
            presenceTimers.add(timer);
          },
          log,
          'presence on disconnect',
        ),
      );
    }

    on('message:send', (p, a) => commands.sendMessage(a, p));
    on('note:add', (p, a) => commands.addNote(a, p));
    on('call:log', (p, a) => calls.log(a, p));
    on('call:summarize', (p, a) => calls.summarize(a, p));
    on('conversation:assign', (p, a) => commands.assign(a, p));
    on('conversation:set-status', (p, a) => commands.setStatus(a, p));
    on('conversation:mark-read', (p, a) => commands.markRead(a, p));

    on('conversation:watch', async (p, a) => {
      const conversation = await commands.reachable(a, p.conversationId);
      await socket.join([rooms.conversation(conversation.id), rooms.citizen(conversation.citizenId)]);
      await cluster?.settled();
      return null;
    });
    on('conversation:unwatch', async (p) => {
      const conversation = await store.getConversation(p.conversationId);
      await socket.leave(rooms.conversation(p.conversationId));
      if (conversation) await socket.leave(rooms.citizen(conversation.citizenId));
      return null;
    });

    on('journal:catch-up', (p, a) => readCatchUpPage(store, a, p));

    // Collision indicators: only on a conversation the caller may read (the access rule, via reachable).
    on('presence:set', async (p, a) => {
      await commands.reachable(a, p.conversationId);
      // A socket that closed while the check ran must not come back for a TTL.
      if (!socket.connected) return { conversationId: p.conversationId, present: [] };
      return collision.set(socket, a, p.conversationId, p.activity);
    });
    socket.on('disconnect', guardedListener(() => collision.disconnected(socket.id), log, 'presence on disconnect'));

    // The bell's read marks are the caller's own; a conversation they name obeys the rule like any.
    on('mentions:mark-read', async (p, a) => {
      if (p.conversationId) await commands.reachable(a, p.conversationId);
      const page = await mentions.markRead(a, p.conversationId);
      socket.to(rooms.agent(a.id)).emit('mentions:read', page);
      return page;
    });

    on('citizen:merge', (p, a) => deps.merges.merge(a, p));
    on('citizen:unmerge', (p, a) => deps.merges.unmerge(a, p));
    on('citizen:dismiss-duplicate', async (p, a) => {
      await deps.merges.dismiss(a, p.citizenId, p.otherId);
      return null;
    });

    // Several instances: the rooms joined above are Redis subscriptions; session:ready (which
    // starts the client's catch-up) waits until Redis applied them, so that every event committed
    // elsewhere is either in the catch-up read or pushed afterwards.
    Promise.resolve(cluster?.settled())
      .then(() => store.headSeq())
      .then(
        (headSeq) => {
          socket.emit('session:ready', { agent, headSeq });
          if (cluster?.state === 'down') socket.emit('delivery:interrupted');
        },
        (err: unknown) => log('could not read the journal head', err),
      );
  }, log, 'staff socket connection'));

  // Redis lost: only this instance's own pushes still reach its sockets. They are told to poll the
  // journal (the store, not Redis) until Redis is back. Redis back: every socket of every instance
  // catches up once — this instance's events published meanwhile were lost for the others too.
  const unwatchCluster = cluster?.onChange((state) => {
    if (state === 'down') nsp.local.emit('delivery:interrupted');
    else nsp.emit('delivery:restored');
  });

  // Pushes leave in seq order: each waits for the previous one's assignee lookup.
  let chain: Promise<void> = Promise.resolve();
  const unsubscribe = bus.subscribe((event: JournalEvent) => {
    chain = chain
      .then(async () => {
        const conversation = event.conversationId ? await store.getConversation(event.conversationId) : null;
        const target = pushTarget(event, conversation?.assigneeId ?? null);
        // One emit to the union of rooms: a socket in several of them receives the event once.
        (nsp.to(target.rooms).emit as (name: string, event: JournalEvent) => boolean)(target.name, event);
        // An account deactivated, or whose role, queues or second factor changed: its sockets
        // close on every instance (the adapter carries this too). The console then asks whether
        // its session still holds: a deactivated one goes to the sign-in page, another reconnects
        // with its new scope.
        if (event.type === 'account.changed' && SOCKETS_END_ON.has(event.payload.action)) {
          nsp.in(rooms.agent(event.payload.agentId)).disconnectSockets(true);
        }
      })
      .catch((err: unknown) => log('push failed', err));
  });

  return {
    close() {
      for (const timer of presenceTimers) clearTimeout(timer);
      collision.close();
      unsubscribe();
      unwatchCluster?.();
    },
  };
}
