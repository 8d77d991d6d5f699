import type { ChannelModule } from '../channel-module.js';
import { agentNamespace } from './agent-namespace.js';
import { relayAgentTyping } from './agent-typing.js';
import { widgetCors } from './origin-policy.js';
import { ReadReceipts } from './read-receipts.js';
import { SessionTokens } from './session-token.js';
import { StaffPresence } from './staff-presence.js';
import { DEFAULT_LIMITS, type WebchatLimits, type WebchatSite } from './webchat-config.js';
import { attachWebchatNamespace } from './webchat-namespace.js';
import { WebchatSender } from './webchat-sender.js';
import { webchatRooms, type WebchatNamespace } from './webchat-socket.js';
import { widgetRoutes } from './widget-routes.js';

export interface WebchatModuleOptions {
  sites: readonly WebchatSite[];
  /** MAC key of the session tokens (see session-secret.ts). */
  sessionSecret: string;
  limits?: Partial<WebchatLimits>;
  /** Behind a load balancer: take the client address and host from X-Forwarded-* headers. */
  trustProxy?: boolean;
  /** Folder of the built widget, served at /widget/*; null serves only the demo page. */
  widgetDir?: string | null;
  /** How often staff presence is recounted (it is also recounted on every local connection). */
  presenceRefreshMs?: number;
}

/** The web-chat channel: the /webchat namespace, its sender, the widget files and demo page. */
export function webchatModule(options: WebchatModuleOptions): ChannelModule {
  const sender = new WebchatSender();
  const limits: WebchatLimits = { ...DEFAULT_LIMITS, ...options.limits };
  return {
    name: 'webchat',
    routes: { mountPath: '/', router: widgetRoutes(options.widgetDir ?? null) },
    senders: [sender],
    describe: () => [
      {
        channel: 'webchat',
        receiving: true,
        sending: true,
        notes: options.sites.map(
          (site) => `site "${site.id}": ${site.origins.length ? site.origins.join(', ') : 'no embedding page allowed yet (WEBCHAT_ALLOWED_ORIGINS)'}${site.secret ? ', verified accounts on' : ''}`,
        ),
      },
    ],
    async start(ctx) {
      const agents = agentNamespace(ctx.io);
      ctx.io.engine.use(widgetCors(options.sites));
      const receipts = new ReadReceipts({ store: ctx.store, bus: ctx.bus, clock: ctx.clock, log: ctx.log });
      const stopReceipts = receipts.start();
      let nsp: WebchatNamespace | null = null;
      // Each instance tells its own widgets: every instance counts the same consoles.
      const presence = new StaffPresence(agents, (available) => nsp?.local.emit('availability:changed', { agentsAvailable: available }), ctx.log, options.presenceRefreshMs);
      const stopPresence = await presence.start();
      const webchat = attachWebchatNamespace({
        io: ctx.io,
        agents,
        ingest: ctx.ingest,
        store: ctx.store,
        clock: ctx.clock,
        log: ctx.log,
        sites: options.sites,
        tokens: new SessionTokens(options.sessionSecret),
        limits,
        trustProxy: options.trustProxy ?? false,
        receipts,
        agentsAvailable: () => presence.available,
      });
      nsp = webchat;
      const stopTyping = relayAgentTyping(
        agents,
        ctx.commands,
        (citizenId, typing) => webchat.to(webchatRooms.citizen(citizenId)).emit('agent:typing', { typing }),
        ctx.log,
      );
      sender.attach(webchat);
      return async () => {
        sender.attach(null);
        stopTyping();
        stopPresence();
        stopReceipts();
      };
    },
  };
}
