import { ImapFlow } from 'imapflow';
import type { ImapStateFile, MailboxCursor } from './imap-state.js';
import { PermanentMailError } from './inbound-mail.js';

export interface ImapMailbox {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
}

/** `imap://user:pass@host:143/INBOX` (STARTTLS when offered) or `imaps://…:993/Folder`. */
export function parseImapUrl(url: string): ImapMailbox {
  const parsed = new URL(url);
  if (parsed.protocol !== 'imap:' && parsed.protocol !== 'imaps:') throw new Error(`not an imap:// or imaps:// URL: ${redactUrl(url)}`);
  const secure = parsed.protocol === 'imaps:';
  const user = decodeURIComponent(parsed.username);
  if (!user || !parsed.hostname) throw new Error(`an IMAP URL needs a user and a host: ${redactUrl(url)}`);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user,
    password: decodeURIComponent(parsed.password),
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

export interface ImapPollerOptions {
  mailbox: ImapMailbox;
  intervalMs: number;
  state: ImapStateFile;
  /** Larger messages are skipped with a log line, as the SMTP listener would refuse them. */
  maxBytes: number;
  /** Files one raw message; resolves once it is committed. */
  receive(raw: Buffer): Promise<unknown>;
  log: (msg: string, err?: unknown) => void;
  /** Messages handed over per round before the cursor is saved and the next round starts. */
  batch?: number;
}

/**
 * Reads new mail from a mailbox the town keeps on its own server. The mailbox is opened read-only
 * (EXAMINE): Guichet never changes flags or moves mail there. Progress is the last UID handed
 * over, saved after each message, so a restart resumes after it; a message is handed over again
 * only if the process dies between its commit and that save, and the Message-ID absorbs it.
 */
export class ImapPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private stopped = false;
  /** The last round left messages for the next one. */
  private backlog = false;
  readonly key: string;

  constructor(private readonly options: ImapPollerOptions) {
    const m = options.mailbox;
    this.key = `${m.user}@${m.host}:${m.port}/${m.mailbox}`;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One round now (or joins the running one); resolves to the number of messages handed over. */
  poll(): Promise<number> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll().then(
        // A backlog larger than one batch (a first poll, a long outage) is read round after round.
        () => this.schedule(this.backlog ? 0 : this.options.intervalMs),
        (err: unknown) => {
          this.options.log(`email: IMAP poll of ${this.key} failed; next try in ${this.options.intervalMs} ms`, err);
          this.schedule(this.options.intervalMs);
        },
      );
    }, delayMs);
    this.timer.unref();
  }

  private async round(): Promise<number> {
    const { mailbox: m, log } = this.options;
    const client = new ImapFlow({
      host: m.host,
      port: m.port,
      secure: m.secure,
      auth: { user: m.user, pass: m.password },
      logger: false,
      connectionTimeout: 30_000,
      greetingTimeout: 15_000,
      socketTimeout: 120_000,
      disableAutoIdle: true,
    });
    // Without a listener an "error" event (a dropped socket) would crash the process.
    client.on('error', (err: unknown) => log(`email: IMAP connection to ${this.key} failed`, err));
    await client.connect();
    try {
      const lock = await client.getMailboxLock(m.mailbox, { readOnly: true });
      try {
        return await this.readNew(client);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  private async readNew(client: ImapFlow): Promise<number> {
    const { state, log, maxBytes } = this.options;
    const box = client.mailbox;
    if (!box) throw new Error(`mailbox ${this.options.mailbox.mailbox} is not open`);
    this.backlog = false;
    const uidValidity = box.uidValidity.toString();
    const saved = await state.get(this.key);
    let cursor: MailboxCursor = { uidValidity, lastUid: 0 };
    if (saved?.uidValidity === uidValidity) cursor = saved;
    else if (saved) log(`email: ${this.key} changed UIDVALIDITY (${saved.uidValidity} → ${uidValidity}); reading it again, known messages are skipped as duplicates`);
    if (box.exists === 0 || box.uidNext <= cursor.lastUid + 1) return 0;

    // Sizes first: the listing is small, and a huge message is skipped without downloading it.
    // "N:*" always matches the last message even when its UID is below N, hence the filter.
    const pending: { uid: number; size: number }[] = [];
    for await (const msg of client.fetch(`${cursor.lastUid + 1}:*`, { uid: true, size: true }, { uid: true })) {
      if (msg.uid > cursor.lastUid) pending.push({ uid: msg.uid, size: msg.size ?? 0 });
    }
    pending.sort((a, b) => a.uid - b.uid);
    const batch = this.options.batch ?? 200;
    this.backlog = pending.length > batch;
    let handed = 0;
    for (const { uid, size } of pending.slice(0, batch)) {
      if (this.stopped) break;
      if (size > maxBytes) {
        log(`email: ${this.key} UID ${uid} is ${size} bytes, over the ${maxBytes}-byte limit; skipped`);
      } else {
        const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (msg && msg.source) {
          try {
            await this.options.receive(msg.source);
            handed += 1;
          } catch (err) {
            // Anything else (store unavailable) stops the round before the cursor moves: retried.
            if (!(err instanceof PermanentMailError)) throw err;
            log(`email: ${this.key} UID ${uid} cannot be filed (${err.message}); skipped`);
          }
        }
      }
      cursor = { uidValidity, lastUid: uid };
      await state.set(this.key, cursor);
    }
    return handed;
  }
}
