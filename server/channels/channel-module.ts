import type { Router } from 'express';
import type { Channel } from '../../shared/index.js';
import type { Server as IoServer } from 'socket.io';
import type { SessionService } from '../auth/session-service.js';
import type { AgentCommands } from '../domain/agent-commands.js';
import type { IngestService } from '../domain/ingest.js';
import type { ChannelSender } from '../domain/outbox.js';
import type { Clock, EventBus, Store } from '../domain/ports.js';

/** What a running channel gets from the instance it plugs into. */
export interface ChannelContext {
  ingest: IngestService;
  commands: AgentCommands;
  store: Store;
  bus: EventBus;
  io: IoServer;
  clock: Clock;
  log: (msg: string, err?: unknown) => void;
  /** Staff sessions, for a channel's own routes that only agents may use (e.g. attachment downloads). */
  sessions: SessionService;
}

/**
 * What the channels page shows of one channel, never a secret: whether it receives and sends,
 * where the provider must call (a path under PUBLIC_URL), and what is missing when it is off.
 */
export interface ChannelDescription {
  channel: Channel;
  receiving: boolean;
  sending: boolean;
  /** Path of the webhook to give the provider (joined to PUBLIC_URL by the page). */
  webhookPath?: string;
  /** Plain facts ("SMTP listener on 0.0.0.0:2525 for mairie.example") and what is missing. */
  notes: string[];
}

/**
 * One channel's protocol adapters, as main.ts assembles them from configuration. Everything is
 * optional: a webhook channel has routes and a sender, email has listeners and a sender.
 */
export interface ChannelModule {
  readonly name: string;
  /**
   * HTTP routes mounted at `mountPath` BEFORE the JSON body parser, so webhook handlers can
   * verify signatures over the raw bytes.
   */
  routes?: { mountPath: string; router: Router };
  /** Puts replies on the wire for one channel. */
  senders?: readonly ChannelSender[];
  /** The channels this module serves, for the admins' channels page. */
  describe?(): ChannelDescription[];
  /** Starts listeners (SMTP server, IMAP poller, socket namespace); resolves to their stopper. */
  start?(ctx: ChannelContext): Promise<() => Promise<void>>;
}
