import type { Namespace, Server, Socket } from 'socket.io';
import {
  CatchUpCommand,
  WatchCommand,
  can,
  type Ack,
  type Agent,
  type AppErrorBody,
  type CatchUpResult,
  type EventOfType,
  type ClientToServerEvents,
  type JournalEvent,
  type Permission,
  type ServerToClientEvents,
} from '../../shared/index.js';
import { tokenFrom } from '../auth/cookies.js';
import type { SessionService } from '../auth/session-service.js';
import { visibleQueues } from '../domain/access.js';
import type { AgentCommands } from '../domain/agent-commands.js';
import type { RoutingCommands } from '../domain/assignment/routing-commands.js';
import type { BoardService } from '../domain/board/board-service.js';
import type { CallCommands } from '../domain/call-commands.js';
import { DomainError, invalidPayload } from '../domain/errors.js';
import type { EventBus, Store } from '../domain/ports.js';
import { staffOriginAllowed } from './origin-check.js';
import { pushTarget, rooms, visibleTo } from './push-routing.js';
import type { ClusterLink } from './redis-adapter.js';

export interface Supervision {
  board: Pick<BoardService, 'snapshot'>;
  whisper: (supervisor: Agent, raw: unknown) => Promise<EventOfType<'whisper.sent'>>;
  whispers: (reader: Agent, raw: unknown) => Promise<EventOfType<'whisper.sent'>[]>;
}

interface SocketData {
  agent: Agent;
}

type AgentNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type AgentSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface GatewayDeps {
  store: Store;
  bus: EventBus;
  sessions: SessionService;
  commands: AgentCommands;
  /** Call summaries and hand-logged calls. */
  calls: CallCommands;
  /** The supervisors' board and whispers (server/domain/board). */
  supervision: Supervision;
  log: (msg: string, err?: unknown) => void;
  /** Browser origins allowed besides the console's own (CONSOLE_ORIGINS). */
  consoleOrigins?: readonly string[];
  /** Present when several instances share Redis (REDIS_URL). */
  cluster?: ClusterLink | null;
  /** Agent states, offers and presence (server/domain/assignment); without it those commands are absent. */
  routing?: { commands: RoutingCommands; presenceGraceMs: number };
}

function toErrorBody(err: unknown, log: GatewayDeps['log']): AppErrorBody {
  if (err instanceof DomainError) return err.toBody();
  log('socket command failed', err);
  return { code: 'internal', message: 'internal error' };
}

/**
 * Wraps a command handler: checks the role, runs, and always answers through the ack —
 * a malformed call (no ack function, garbage payload) never throws out of the socket.
 */
function command<P, T>(
  socket: AgentSocket,
  permission: Permission | null,
  log: GatewayDeps['log'],
  run: (payload: P, agent: Agent) => Promise<T>,
) {
  return (payload: P, ack: (res: Ack<T>) => void): void => {
    const reply = typeof ack === 'function' ? ack : () => {};
    const agent = socket.data.agent;
    if (permission && !can(agent.role, permission)) {
      reply({ ok: false, error: { code: 'forbidden', message: `your role (${agent.role}) may not do this` } });
      return;
    }
    run(payload, agent).then(
      (data) => reply({ ok: true, data }),
      (err: unknown) => reply({ ok: false, error: toErrorBody(err, log) }),
    );
  };
}

export function attachAgentGateway(io: Server, deps: GatewayDeps): { close(): void } {
  const { store, bus, sessions, commands, calls, log } = deps;
  const cluster = deps.cluster ?? null;
  const nsp: AgentNamespace = io.of('/agent');
  const presenceTimers = new Set<NodeJS.Timeout>();

  nsp.use((socket, next) => {
    if (!staffOriginAllowed(socket.handshake.headers, deps.consoleOrigins ?? [])) {
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
  });

  nsp.on('connection', (socket) => {
    const agent = socket.data.agent;
    void socket.join(rooms.agent(agent.id));
    const queues = visibleQueues(agent);
    if (agent.role === 'agent' && queues) for (const q of queues) void socket.join(rooms.queue(q));

    socket.on('supervisor:subscribe', command(socket, 'supervisor:subscribe', log, async () => {
      await socket.join(rooms.supervisors);
      return null;
    }));
    // Supervisors and admins watch the floor from the start.
    if (can(agent.role, 'supervisor:subscribe')) void socket.join(rooms.supervisors);

    socket.on('board:snapshot', command(socket, 'supervisor:subscribe', log, () => deps.supervision.board.snapshot()));
    socket.on('whisper:send', command(socket, 'supervisor:monitor', log, (p, a) => deps.supervision.whisper(a, p)));
    socket.on('whisper:list', command(socket, 'inbox:read', log, (p, a) => deps.supervision.whispers(a, p)));

    const routing = deps.routing;
    if (routing) {
      socket.on('agent:set-state', command(socket, 'agent:own-state', log, (p, a) => routing.commands.setState(a, p)));
      socket.on('agent:statuses', command(socket, 'agent:own-state', log, (_p, a) => routing.commands.statuses(a)));
      socket.on('offer:accept', command(socket, 'agent:own-state', log, (p, a) => routing.commands.accept(a, p)));
      socket.on('offer:decline', command(socket, 'agent:own-state', log, (p, a) => routing.commands.decline(a, p)));
      routing.commands.presence(agent, true).catch((err: unknown) => log('presence update failed', err));
      socket.on('disconnect', () => {
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
      });
    }

    socket.on('message:send', command(socket, 'message:send', log, (p, a) => commands.sendMessage(a, p)));
    socket.on('note:add', command(socket, 'note:add', log, (p, a) => commands.addNote(a, p)));
    // Logging a call is writing to the citizen's history (a call-back is a reply); a summary is a note.
    socket.on('call:log', command(socket, 'message:send', log, (p, a) => calls.log(a, p)));
    socket.on('call:summarize', command(socket, 'note:add', log, (p, a) => calls.summarize(a, p)));
    socket.on('conversation:assign', command(socket, 'conversation:assign', log, (p, a) => commands.assign(a, p)));
    socket.on('conversation:set-status', command(socket, 'conversation:set-status', log, (p, a) => commands.setStatus(a, p)));
    socket.on('conversation:mark-read', command(socket, 'conversation:set-status', log, (p, a) => commands.markRead(a, p)));

    socket.on('conversation:watch', command(socket, 'inbox:read', log, async (p, a) => {
      const cmd = WatchCommand.safeParse(p);
      if (!cmd.success) throw invalidPayload('watch', cmd.error.issues);
      const conversation = await commands.reachable(a, cmd.data.conversationId);
      await socket.join([rooms.conversation(conversation.id), rooms.citizen(conversation.citizenId)]);
      await cluster?.settled();
      return null;
    }));
    socket.on('conversation:unwatch', command(socket, 'inbox:read', log, async (p) => {
      const cmd = WatchCommand.safeParse(p);
      if (!cmd.success) throw invalidPayload('unwatch', cmd.error.issues);
      const conversation = await store.getConversation(cmd.data.conversationId);
      await socket.leave(rooms.conversation(cmd.data.conversationId));
      if (conversation) await socket.leave(rooms.citizen(conversation.citizenId));
      return null;
    }));

    socket.on('journal:catch-up', command(socket, 'inbox:read', log, async (p, a): Promise<CatchUpResult> => {
      const cmd = CatchUpCommand.safeParse(p);
      if (!cmd.success) throw invalidPayload('catch-up', cmd.error.issues);
      const headSeq = await store.headSeq();
      const q = visibleQueues(a);
      // Whispers to others are dropped after the read; a page left empty by that is read past, so
      // the client (which resumes after the last event it got) never asks for the same page again.
      let afterSeq = cmd.data.afterSeq;
      for (;;) {
        const events = await store.readJournal({
          afterSeq,
          limit: cmd.data.limit + 1,
          ...(q ? { queueIds: q, assigneeId: a.id } : {}),
        });
        const more = events.length > cmd.data.limit;
        const page = more ? events.slice(0, cmd.data.limit) : events;
        const visible = page.filter((e) => visibleTo(e, a));
        if (visible.length > 0 || !more) return { events: visible, more, headSeq };
        afterSeq = page.at(-1)!.seq;
      }
    }));

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
  });

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
      })
      .catch((err: unknown) => log('push failed', err));
  });

  return {
    close() {
      for (const timer of presenceTimers) clearTimeout(timer);
      unsubscribe();
      unwatchCluster?.();
    },
  };
}
