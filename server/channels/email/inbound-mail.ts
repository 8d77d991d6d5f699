import type { MessageId } from '../../../shared/index.js';
import { DomainError } from '../../domain/errors.js';
import type { IngestService } from '../../domain/ingest.js';
import type { Clock, EventBus, Store } from '../../domain/ports.js';
import type { BlobStore } from './blob-store.js';
import { applyDeliveryReport, isDeliveryReport, readDeliveryReport, type ReportResult } from './dsn.js';
import { mailToInbound, parseMail, UnfileableMailError } from './parse-mail.js';

// One path for every raw email, whichever way it came (SMTP listener, IMAP poller): a delivery
// report updates the reply it is about; anything else goes through ingest like every channel.

export interface InboundMailDeps {
  ingest: IngestService;
  store: Store;
  bus: EventBus;
  clock: Clock;
  blobs: BlobStore;
  attachmentMaxBytes: number;
  /** Domain of our own Message-IDs (see threading-headers.ts). */
  messageIdDomain: string;
  sanitizeHtml: (html: string) => string;
}

export type MailResult =
  | { kind: 'filed'; messageId: MessageId; duplicate: boolean }
  | { kind: 'report'; result: ReportResult };

/** The message can never be filed: answer 5xx (SMTP) or skip it (IMAP) rather than retry. */
export class PermanentMailError extends Error {}

export async function receiveMail(raw: Buffer, deps: InboundMailDeps): Promise<MailResult> {
  const mail = await parseMail(raw);
  if (isDeliveryReport(mail.headers.get('content-type'))) {
    const report = readDeliveryReport(mail);
    if (report) return { kind: 'report', result: await applyDeliveryReport(report, deps) };
  }
  try {
    const inbound = await mailToInbound(mail, deps);
    const result = await deps.ingest.ingest(inbound);
    return { kind: 'filed', messageId: result.message.id, duplicate: result.status === 'duplicate' };
  } catch (err) {
    // A request the pipeline refuses (no usable sender, malformed address) will be refused again.
    if (err instanceof UnfileableMailError || (err instanceof DomainError && err.code === 'bad_request')) {
      throw new PermanentMailError(err.message, { cause: err });
    }
    throw err;
  }
}
