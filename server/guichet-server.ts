import { CitizenProfileService } from './domain/citizens/profile-service.js';
import { AccessGate } from './domain/access.js';
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { Server as IoServer } from 'socket.io';
import { AccountService, type StaffMailer } from './auth/account-service.js';
import { SessionService } from './auth/session-service.js';
import { logMailer } from './auth/staff-mail.js';
import { OidcSignIn, type OidcSettings } from './auth/oidc.js';
import { sanitizeEmailHtml } from './content/sanitize-html.js';
import { AgentCommands } from './domain/agent-commands.js';
import { AssignmentService } from './domain/assignment/assignment-service.js';
import { AssignmentCommands } from './domain/assignment/assignment-commands.js';
import { startAssignmentScheduler } from './domain/assignment/assignment-scheduler.js';
import type { BusinessCalendar } from './domain/business-hours/index.js';
import { SlaService } from './domain/sla/sla-service.js';
import { BoardService } from './domain/board/board-service.js';
import { listWhispers, sendWhisper } from './domain/board/whisper-commands.js';
import { CallCommands } from './domain/call-commands.js';
import { IngestService } from './domain/ingest.js';
import { OutboxWorker, type ChannelSender } from './domain/outbox.js';
import { systemClock, type Clock, type Store } from './domain/ports.js';
import { CalendarSet, RoutingSetupService } from './domain/routing-setup/live-setup.js';
import type { RoutingSetup } from './domain/routing-setup/index.js';
import { CourseService } from './domain/replay/course-service.js';
import { SurveyService } from './domain/surveys/survey-service.js';
import { resolveWording, type SurveyLanguage, type SurveyWordingOverrides } from './domain/surveys/survey-wording.js';
import { ReplayService } from './domain/replay/replay-service.js';
import { LocalEventBus } from './events/local-event-bus.js';
import { CitizenMergeService } from './domain/citizens/merge-service.js';
import { createHttpApp } from './http/app.js';
import { AnswerLibrary } from './domain/answers/answer-library.js';
import { answerClientError } from './http/client-errors.js';
import { attachAgentGateway } from './realtime/agent-gateway.js';
import { useRedisAdapter, type ClusterLink } from './realtime/redis-adapter.js';
import type { ChannelModule } from './channels/channel-module.js';
import type { Agent } from '../shared/index.js';

export interface GuichetOptions {
  store: Store;
  ingestApiKey: string;
  staticDir: string;
  sessionTtlMs: number;
  loginLimit: number;
  loginWindowMs: number;
  trustProxy?: string | undefined;
  /** Browser origins, besides the console's own, allowed to open the staff socket. */
  consoleOrigins?: readonly string[];
  clock?: Clock;
  log?: (msg: string, err?: unknown) => void;
  /** Several instances: room broadcasts go through this Redis (sharded pub/sub). */
  redisUrl?: string | undefined;
  /** Who puts replies on the wire, per channel; a channel without one fails its replies with a reason. */
  senders?: readonly ChannelSender[];
  /** Protocol adapters of the enabled channels (routes, senders, listeners). */
  channels?: readonly ChannelModule[];
  /**
   * The last word on who sends, given every sender (the channels' own, then the fallbacks of
   * `senders`): demo mode hands demo citizens' replies to a sink whatever is configured.
   */
  guardSenders?: (senders: readonly ChannelSender[]) => ChannelSender[];
  /** How often the outbox looks for due retries (it also wakes on every new reply). */
  outboxPollMs?: number;
  /**
   * Keys replay pseudonyms. Instances behind one load balancer must share it, or a reload served
   * by another instance shows other fakes; without it, a random one lives as long as the process.
   */
  replayMaskSecret?: string | undefined;
  /**
   * Satisfaction surveys after resolution; off when not given. `secret` signs the links (instances
   * must share it), `publicUrl` is where citizens reach this server.
   */
  surveys?: { secret: string; publicUrl: string; wording?: SurveyWordingOverrides; language?: SurveyLanguage } | undefined;
  routing?: RoutingOptions;
  collision?: CollisionOptions;
  /** How one-time links to staff leave (invitations, resets); the server log when not given. */
  staffMailer?: StaffMailer;
  /** Where the console is reached, for the links it mails; `http://localhost:<port>` when not given. */
  publicUrl?: string | undefined;
  /** Single sign-on (OpenID Connect); the redirect URI is publicUrl + /api/auth/sso/callback. */
  sso?: Omit<OidcSettings, 'redirectUri'> | undefined;
  /** Who runs this Guichet and where to report a problem, for the accessibility statement (/accessibilite). */
  accessibility?: { entity?: string | undefined; contact?: string | undefined } | undefined;
}

/** Automatic assignment, presence and service levels (issue 5). */
export interface RoutingOptions {
  /** How often offer timeouts and due times are checked (rounds also run right after routing events). Default 1000. */
  intervalMs?: number;
  /**
   * Opening-hours calendars that queues name by `calendarId`: the live set (shared with the
   * store's report measure), or a fixed list (tests). A stored setup's calendars replace them.
   */
  calendars?: CalendarSet | readonly BusinessCalendar[];
  /** ROUTING_FILE (or the demo's): applied when new to the store, at start (routing-setup/live-setup.ts). */
  seed?: { setup: RoutingSetup; source: string } | null;
  /** How long after an agent's last console closed they go offline. Default 5000. */
  presenceGraceMs?: number;
}

/** Collision indicators (issue 13): how long an open conversation's entry lives unrefreshed. Default PRESENCE_TTL_MS (10 s). */
export interface CollisionOptions {
  ttlMs?: number;
}

export interface Guichet {
  http: HttpServer;
  /** The Express app behind `http` (tests walk its routes). */
  app: Express;
  io: IoServer;
  ingest: IngestService;
  commands: AgentCommands;
  bus: LocalEventBus;
  outbox: OutboxWorker;
  /** Resolves once the supervisor board has folded the journal (warm-up at start). */
  boardReady: Promise<void>;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Wires one Guichet instance around a store it is given; main.ts picks the store, tests pass
 * theirs. Nothing here knows which adapter runs.
 */
export async function createGuichet(options: GuichetOptions): Promise<Guichet> {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((msg: string, err?: unknown) => console.error(`[guichet] ${msg}`, err ?? ''));
  const bus = new LocalEventBus((err) => log('event listener failed', err));
  const given = options.routing?.calendars;
  const calendars = given instanceof CalendarSet ? given : new CalendarSet(given ?? []);
  const setup = new RoutingSetupService({ store, bus, clock, calendars, log: (line) => log(line) });
  await setup.start(options.routing?.seed ?? null);
  // Live: ingest reads the queues of the current setup version for every new conversation.
  const ingest = new IngestService({ store, bus, clock, queueRules: setup.queueRules, sanitizeHtml: sanitizeEmailHtml });
  const commands = new AgentCommands({ store, bus, clock });
  const calls = new CallCommands({ store, bus, clock, access: commands });
  const merges = new CitizenMergeService({ store, bus, clock });
  const sessions = new SessionService(store, clock, options.sessionTtlMs);
  // The port is known only once listening: links are built lazily from this.
  let listeningUrl = 'http://localhost:3000';
  const accounts = new AccountService({
    store,
    bus,
    clock,
    mailer: options.staffMailer ?? logMailer((line) => log(line)),
    get publicUrl() {
      return options.publicUrl ?? listeningUrl;
    },
  });
  const maskSecret = options.replayMaskSecret ?? randomBytes(32).toString('base64url');
  const replays = new ReplayService({ store, bus, clock, maskSecret });
  const courses = new CourseService({ store, clock, maskSecret });
  const answers = new AnswerLibrary({ store, clock });
  const profiles = new CitizenProfileService({ store, bus, clock, access: new AccessGate(store) });
  const assignment = new AssignmentService({ store, bus, clock });
  const assignmentCommands = new AssignmentCommands({ store, assignment });
  const sla = new SlaService({ store, bus, clock, calendars: () => calendars.get() });

  const surveyWording = options.surveys ? resolveWording(options.surveys.wording) : undefined;
  const surveys = options.surveys && surveyWording
    ? new SurveyService({ store, bus, clock, log, secret: options.surveys.secret, publicUrl: options.surveys.publicUrl, wording: surveyWording, ...(options.surveys.language ? { language: options.surveys.language } : {}) })
    : undefined;
  const stopSurveys = surveys?.start();

  // Set once the Socket.IO server exists (below); /readyz reads it per request.
  let cluster: ClusterLink | null = null;
  const sso = options.sso
    ? new OidcSignIn(
        {
          ...options.sso,
          get redirectUri() {
            return `${(options.publicUrl ?? listeningUrl).replace(/\/+$/, '')}/api/auth/sso/callback`;
          },
        },
        { store, sessions, clock },
      )
    : undefined;
  const app = createHttpApp({
    accessibility: options.accessibility,
    sso,
    merges,
    delivery: options.redisUrl ? () => cluster?.state ?? 'down' : undefined,
    surveys: surveys && surveyWording ? { service: surveys, wording: surveyWording } : undefined,
    store,
    sessions,
    accounts,
    setup,
    describeChannels: () => (options.channels ?? []).flatMap((c) => c.describe?.() ?? []),
    publicUrl: () => options.publicUrl ?? listeningUrl,
    ingest,
    ingestApiKey: options.ingestApiKey,
    replays,
    courses,
    answers,
    profiles,
    staticDir: options.staticDir,
    loginLimit: options.loginLimit,
    loginWindowMs: options.loginWindowMs,
    trustProxy: options.trustProxy,
    channelRoutes: (options.channels ?? []).flatMap((c) => (c.routes ? [c.routes] : [])),
    log,
  });
  const http = createServer(app);
  http.on('clientError', answerClientError);
  const io = new IoServer(http, { serveClient: false, maxHttpBufferSize: 1_000_000 });
  // Before any namespace is used: every namespace (agent, webchat) gets the Redis adapter.
  cluster = options.redisUrl ? await useRedisAdapter(io, { url: options.redisUrl, log }) : null;
  const supervision = {
    board: new BoardService(store, clock),
    whisper: (supervisor: Agent, raw: unknown) => sendWhisper({ store, bus, clock, access: commands }, supervisor, raw),
    whispers: (reader: Agent, raw: unknown) => listWhispers({ store, access: commands }, reader, raw),
  };
  const gateway = attachAgentGateway(io, {
    store,
    bus,
    sessions,
    commands,
    calls,
    supervision,
    merges,
    log,
    cluster,
    consoleOrigins: options.consoleOrigins ?? [],
    trustProxy: options.trustProxy !== undefined,
    routing: { commands: assignmentCommands, presenceGraceMs: options.routing?.presenceGraceMs ?? 5000 },
    ...(options.collision?.ttlMs ? { collisionTtlMs: options.collision.ttlMs } : {}),
  });
  const channels = options.channels ?? [];
  // A channel's own sender wins over a fallback given for the same channel (e.g. demo sinks).
  const channelSenders = channels.flatMap((c) => c.senders ?? []);
  const fallbackSenders = (options.senders ?? []).filter((s) => !channelSenders.some((c) => c.channel === s.channel));
  const allSenders = [...channelSenders, ...fallbackSenders];
  const outbox = new OutboxWorker({ store, bus, clock, senders: options.guardSenders ? options.guardSenders(allSenders) : allSenders, log });
  const stoppers: (() => Promise<void>)[] = [];
  for (const channel of channels) {
    if (channel.start) stoppers.push(await channel.start({ ingest, commands, store, bus, io, clock, log, sessions }));
  }
  outbox.start(options.outboxPollMs);
  // The board folds the journal once per instance; done now, the first supervisor does not wait
  // for a year's history (measured in server/bench/reports-bench.ts).
  const boardWarmUp = supervision.board.snapshot().catch((err: unknown) => log('board warm-up failed', err));
  const scheduler = startAssignmentScheduler({
    rounds: [
      // First: a setup changed on another instance applies here before the next assignment.
      { name: 'routing setup', run: () => setup.refresh() },
      { name: 'assignment', run: () => assignment.runRound() },
      { name: 'service levels', run: () => sla.runRound() },
    ],
    bus,
    intervalMs: options.routing?.intervalMs ?? 1000,
    log,
  });

  return {
    http,
    app,
    io,
    ingest,
    commands,
    bus,
    outbox,
    boardReady: boardWarmUp.then(() => undefined),
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const address = http.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          listeningUrl = `http://${shown === '0.0.0.0' ? 'localhost' : shown}:${address.port}`;
          resolve(listeningUrl);
        });
      });
    },
    async close() {
      stopSurveys?.();
      await boardWarmUp;
      await scheduler.stop();
      await outbox.stop();
      for (const stop of stoppers.reverse()) await stop();
      gateway.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // After io.close: the adapters' last unsubscribes go out before the connections close.
      await cluster?.close();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
