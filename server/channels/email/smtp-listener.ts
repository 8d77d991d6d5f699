import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { DomainError } from '../../domain/errors.js';
import { StoreUnavailableError } from '../../domain/ports.js';
import { PermanentMailError, type MailResult } from './inbound-mail.js';
import type { RecipientPolicy } from './recipients.js';

export interface SmtpListenerOptions {
  port: number;
  host: string;
  /** Announced as SIZE; a larger message is refused with 552 and never parsed. */
  maxBytes: number;
  recipients: RecipientPolicy;
  /** Files one message; resolves only once it is committed to the journal. */
  receive(raw: Buffer): Promise<MailResult>;
  log: (msg: string, err?: unknown) => void;
}

export interface SmtpListener {
  /** `host:port` actually bound (the port is chosen by the system when 0 was asked). */
  address: { host: string; port: number };
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Reads the DATA stream, keeping nothing once the message is known to be too large. */
function readData(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks, size)));
  });
}

/**
 * Inbound SMTP (RFC 5321) for the town's addresses. The final `250` is sent only after the
 * journal commit, so a sender that got it can forget the message; before that, a failure answers
 * `451` and the sender's queue retries, with the Message-ID absorbing the duplicate if our commit
 * had in fact landed. No AUTH, no STARTTLS: it is meant to sit behind the town's MX (or on a
 * private network), not to face the internet alone.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const server = new SMTPServer({
    banner: 'Guichet',
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    maxClients: 100,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      if (options.recipients.accepts(address.address)) return callback();
      callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
    },
    onData(stream, _session, callback) {
      readData(stream, options.maxBytes)
        .then(async (raw) => {
          if (!raw) return callback(smtpError(552, `5.3.4 message larger than ${options.maxBytes} bytes`));
          const result = await options.receive(raw);
          if (result.kind === 'report' && result.result.kind === 'unmatched') {
            // Accepted all the same: a report about a message we never sent cannot be acted on,
            // and refusing it would make the relay bounce the bounce.
            options.log(`email: delivery report about an unknown message ${result.result.originalMessageId ?? '(no Message-ID)'}, ignored`);
          }
          callback(null, result.kind === 'filed' ? `2.0.0 filed as ${result.messageId}` : '2.0.0 delivery report recorded');
        })
        .catch((err: unknown) => {
          if (err instanceof PermanentMailError) return callback(smtpError(err.reply.code, `${err.reply.status} cannot file this message: ${err.message}`));
          if (!(err instanceof StoreUnavailableError) && !(err instanceof DomainError && err.code === 'unavailable')) {
            options.log('email: could not file an inbound message; the sender will retry', err);
          }
          callback(smtpError(451, '4.3.0 temporarily unable to file the message, try again later'));
        });
    },
  });
  server.on('error', (err) => options.log('email: SMTP listener error', err));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const bound = server.server.address() as AddressInfo;
  return {
    address: { host: bound.address, port: bound.port },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
