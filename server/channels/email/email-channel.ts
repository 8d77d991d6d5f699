import path from 'node:path';
import { sanitizeEmailHtml } from '../../content/sanitize-html.js';
import type { Store } from '../../domain/ports.js';
import type { ChannelContext, ChannelModule } from '../channel-module.js';
import { attachmentRoutes, type AttachmentRouteDeps } from './attachment-routes.js';
import { BlobStore } from './blob-store.js';
import { ImapPoller, parseImapUrl, redactUrl } from './imap-poller.js';
import { ImapStateFile } from './imap-state.js';
import { receiveMail } from './inbound-mail.js';
import { recipientPolicy } from './recipients.js';
import { startSmtpListener, type SmtpListener } from './smtp-listener.js';
import { SmtpSender } from './smtp-sender.js';

export interface EmailChannelOptions {
  /** Attachments (`blobs/`) and IMAP cursors (`imap-state.json`) live here. */
  dataDir: string;
  /** The instance's store: the sender reads a conversation's earlier mails from it. */
  store: Store;
  /** SMTP_DOMAINS: addresses or domains accepted; unset disables the SMTP listener. */
  domains?: string | undefined;
  smtpPort: number;
  smtpHost: string;
  /** SMTP_RELAY_URL: where replies go out; unset disables sending (replies fail with a reason). */
  relayUrl?: string | undefined;
  /** SMTP_FROM; defaults to the first address of SMTP_DOMAINS, else contact@ its first domain. */
  from?: string | undefined;
  /** IMAP_URL entries, each polled on its own. */
  imapUrls?: readonly string[];
  imapPollMs?: number;
  maxBytes: number;
  attachmentMaxBytes: number;
  /** Start-up lines ("listening on…", "disabled because…"). */
  say?: (line: string) => void;
}

export interface EmailChannel extends ChannelModule {
  start(ctx: ChannelContext): Promise<() => Promise<void>>;
  /** Where the SMTP listener is bound, once started. */
  smtpAddress(): { host: string; port: number } | null;
  /** The running IMAP pollers, once started. */
  pollers(): readonly ImapPoller[];
  /** The relay and From replies use, when sending is configured: staff mail goes the same way. */
  relay(): { url: string; from: string } | null;
}

/** The address inside `Name <a@b>` or a bare `a@b`. */
function addressOf(from: string): string {
  return (/<([^<>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** Email as one ChannelModule: SMTP listener, IMAP pollers and the relay sender, each optional. */
export function emailChannel(options: EmailChannelOptions): EmailChannel {
  const say = options.say ?? (() => {});
  const recipients = options.domains?.trim() ? recipientPolicy(options.domains) : undefined;
  const from = options.from?.trim() || recipients?.defaultAddress;
  const messageIdDomain = from ? addressOf(from).split('@').at(-1)!.toLowerCase() : 'guichet.invalid';
  const sender =
    options.relayUrl && from ? new SmtpSender({ relayUrl: options.relayUrl, from, messageIdDomain, store: options.store }) : undefined;
  let listener: SmtpListener | null = null;
  const pollers: ImapPoller[] = [];
  const blobs = new BlobStore(path.join(options.dataDir, 'blobs'));
  let downloads: AttachmentRouteDeps | null = null;

  return {
    name: 'email',
    routes: { mountPath: '/api/email', router: attachmentRoutes(() => downloads) },
    ...(sender ? { senders: [sender] } : {}),
    smtpAddress: () => listener?.address ?? null,
    relay: () => (options.relayUrl && from ? { url: options.relayUrl, from } : null),
    pollers: () => pollers,
    describe: () => [
      {
        channel: 'email',
        receiving: Boolean(recipients) || (options.imapUrls?.length ?? 0) > 0,
        sending: Boolean(sender),
        notes: [
          listener ? `SMTP listener on ${listener.address.host}:${listener.address.port} for ${recipients!.entries.join(', ')}` : 'SMTP in off: SMTP_DOMAINS is not set',
          ...(options.imapUrls ?? []).map((url) => `IMAP mailbox ${redactUrl(url)}`),
          sender ? `replies through ${redactUrl(options.relayUrl!)} from ${from}` : 'replies off: SMTP_RELAY_URL is not set',
        ],
      },
    ],

    async start(ctx: ChannelContext) {
      downloads = { sessions: ctx.sessions, store: ctx.store, blobs };
      const deps = { ...ctx, blobs, attachmentMaxBytes: options.attachmentMaxBytes, messageIdDomain, sanitizeHtml: sanitizeEmailHtml };
      const receive = (raw: Buffer) => receiveMail(raw, deps);

      if (recipients) {
        listener = await startSmtpListener({
          port: options.smtpPort,
          host: options.smtpHost,
          maxBytes: options.maxBytes,
          recipients,
          receive,
          log: ctx.log,
        });
        say(`email: SMTP listener on ${listener.address.host}:${listener.address.port} for ${recipients.entries.join(', ')}`);
      } else {
        say('email: inbound SMTP disabled (SMTP_DOMAINS is unset)');
      }
      say(
        sender
          ? `email: replies sent through ${redactUrl(options.relayUrl!)} from ${from}`
          : 'email: sending disabled (SMTP_RELAY_URL is unset); email replies are marked failed with that reason',
      );

      const state = new ImapStateFile(path.join(options.dataDir, 'imap-state.json'));
      for (const url of options.imapUrls ?? []) {
        const poller = new ImapPoller({
          mailbox: parseImapUrl(url),
          intervalMs: options.imapPollMs ?? 60_000,
          state,
          maxBytes: options.maxBytes,
          receive,
          log: ctx.log,
        });
        pollers.push(poller);
        poller.start();
        say(`email: polling ${redactUrl(url)} every ${Math.round((options.imapPollMs ?? 60_000) / 1000)} s`);
      }

      return async () => {
        await Promise.all(pollers.map((p) => p.stop()));
        pollers.length = 0;
        await listener?.close();
        listener = null;
        sender?.close();
        downloads = null;
      };
    },
  };
}
