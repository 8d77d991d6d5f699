import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Router } from 'express';
import type { SessionService } from '../auth/session-service.js';
import type { IngestService } from '../domain/ingest.js';
import type { Store } from '../domain/ports.js';
import type { CourseService } from '../domain/replay/course-service.js';
import type { ReplayService } from '../domain/replay/replay-service.js';
import type { AccountService } from '../auth/account-service.js';
import type { OidcSignIn } from '../auth/oidc.js';
import { accountRoutes } from './account-routes.js';
import { routingSetupRoutes } from './routing-setup-routes.js';
import { channelsRoutes } from './channels-routes.js';
import { consoleStatic } from './console-static.js';
import type { ChannelDescription } from '../channels/channel-module.js';
import type { RoutingSetupService } from '../domain/routing-setup/live-setup.js';
import type { CitizenMergeService } from '../domain/citizens/merge-service.js';
import { apiRoutes } from './api-routes.js';
import { citizenRoutes } from './citizen-routes.js';
import type { CitizenProfileService } from '../domain/citizens/profile-service.js';
import { authRoutes } from './auth-routes.js';
import { errorHandler, sendError } from './errors.js';
import { inboundRoutes } from './inbound-routes.js';
import { openApiDocument } from './openapi.js';
import { replayRoutes } from './replay-routes.js';
import { reportRoutes } from './report-routes.js';
import { surveyRoutes } from './survey-routes.js';
import type { SurveyService } from '../domain/surveys/survey-service.js';
import type { SurveyLanguage, SurveyWording } from '../domain/surveys/survey-wording.js';
import { ReportService } from '../domain/reports/report-service.js';
import type { AnswerLibrary } from '../domain/answers/answer-library.js';
import { answerRoutes } from './answer-routes.js';
import { accessibilityRoutes } from './accessibility-routes.js';
import { securityHeaders } from './security-headers.js';

export interface HttpDeps {
  /** Channel routes (webhooks, widget), mounted before the JSON parser so signatures see raw bytes. */
  channelRoutes?: readonly { mountPath: string; router: Router }[];
  store: Store;
  sessions: SessionService;
  accounts: AccountService;
  /** The live routing setup, edited on the admins' screens. */
  setup: RoutingSetupService;
  /** The channels' own descriptions, for the channels page; and where the server is reached. */
  describeChannels?: () => readonly ChannelDescription[];
  publicUrl?: () => string;
  /** Single sign-on through OpenID Connect, when configured. */
  sso?: OidcSignIn | undefined;
  ingest: IngestService;
  ingestApiKey: string;
  /** Citizens' records: duplicate suggestions and merge history (the merges themselves are socket commands). */
  merges: CitizenMergeService;
  /** The trainer's replay and courses. */
  replays: ReplayService;
  courses: CourseService;
  /** Citizens' profiles edited by hand. */
  profiles: CitizenProfileService;
  /** The answer library. */
  answers: AnswerLibrary;
  /** Reports over the reporting projection; built on `store` when not given. */
  reports?: ReportService;
  /** The citizens' public survey page, when surveys are on. */
  surveys?: { service: SurveyService; wording: Readonly<Record<SurveyLanguage, SurveyWording>> } | undefined;
  staticDir: string;
  loginLimit: number;
  loginWindowMs: number;
  trustProxy?: string | undefined;
  /** Several instances: whether this one's cross-instance delivery (Redis) is up, for /readyz. */
  delivery?: () => 'up' | 'down';
  log: (msg: string, err?: unknown) => void;
  /** Who runs this Guichet and where to report a problem, for the accessibility statement. */
  accessibility?: { entity?: string | undefined; contact?: string | undefined } | undefined;
}

export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy) app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.store.ping();
      // Cross-instance delivery is reported, not required: without Redis an instance still serves
      // (its consoles poll the journal), so a balancer must not take it out of rotation for that.
      const delivery = deps.delivery?.();
      res.json({ status: 'ready', ...(delivery ? { delivery } : {}) });
    } catch {
      sendError(res, { code: 'unavailable', message: 'the store does not answer' });
    }
  });

  for (const { mountPath, router } of deps.channelRoutes ?? []) app.use(mountPath, router);

  app.use(accessibilityRoutes(deps.accessibility));
  if (deps.surveys) app.use('/survey', surveyRoutes(deps.surveys.service, deps.surveys.wording));

  app.use('/api', express.json({ limit: '2mb' }));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.use('/api/auth', authRoutes(deps.sessions, { loginLimit: deps.loginLimit, loginWindowMs: deps.loginWindowMs, sso: deps.sso, log: deps.log }));
  app.use('/api/inbound', inboundRoutes(deps.ingest, deps.ingestApiKey));
  app.use('/api', apiRoutes(deps.store, deps.sessions, deps.merges));
  app.use('/api', citizenRoutes(deps.profiles, deps.sessions));
  app.use('/api', routingSetupRoutes(deps.setup, deps.sessions));
  app.use('/api', channelsRoutes({ store: deps.store, sessions: deps.sessions, channels: deps.describeChannels ?? (() => []), publicUrl: deps.publicUrl ?? (() => '') }));
  app.use('/api', accountRoutes(deps.accounts, deps.sessions, { limit: deps.loginLimit, windowMs: deps.loginWindowMs }));
  app.use('/api', reportRoutes(deps.reports ?? new ReportService(deps.store), deps.sessions, deps.store));
  app.use('/api', answerRoutes(deps.answers, deps.sessions));
  app.use('/api', replayRoutes({ sessions: deps.sessions, replays: deps.replays, courses: deps.courses }));
  app.use('/api', (_req, res) => sendError(res, { code: 'not_found', message: 'no such API route' }));

  if (existsSync(path.join(deps.staticDir, 'index.html'))) {
    // The console routes on the client: every other GET gets the app shell.
    app.use(consoleStatic(deps.staticDir));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('Guichet is running, but the console is not built: run `npm run build`.');
    });
  }

  app.use(errorHandler(deps.log));
  return app;
}
