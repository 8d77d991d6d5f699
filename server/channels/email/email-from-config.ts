import { ConfigError, type Config } from '../../config.js';
import type { Store } from '../../domain/ports.js';
import { emailChannel, type EmailChannel } from './email-channel.js';

const MB = 1024 * 1024;

/** The email channel as the environment configures it, or null when none of its parts is set. */
export function emailFromConfig(config: Config, store: Store, say: (line: string) => void): EmailChannel | null {
  if (!config.SMTP_DOMAINS && !config.SMTP_RELAY_URL && config.IMAP_URL.length === 0) {
    say('email: disabled (set SMTP_DOMAINS to receive, SMTP_RELAY_URL to send, IMAP_URL to poll a mailbox)');
    return null;
  }
  if (config.SMTP_RELAY_URL && !config.SMTP_FROM && !config.SMTP_DOMAINS) {
    throw new ConfigError('SMTP_RELAY_URL is set but replies would have no From address: set SMTP_FROM (or SMTP_DOMAINS)');
  }
  return emailChannel({
    dataDir: config.DATA_DIR,
    store,
    domains: config.SMTP_DOMAINS,
    smtpPort: config.SMTP_PORT,
    smtpHost: config.SMTP_HOST ?? config.HOST,
    relayUrl: config.SMTP_RELAY_URL,
    from: config.SMTP_FROM,
    imapUrls: config.IMAP_URL,
    imapPollMs: config.IMAP_POLL_SECONDS * 1000,
    maxBytes: Math.round(config.EMAIL_MAX_MB * MB),
    attachmentMaxBytes: Math.round(config.EMAIL_ATTACHMENT_MAX_MB * MB),
    say,
  });
}
