import type { MessageId } from '../../../shared/index.js';
import { DomainError } from '../../domain/errors.js';
import type { IngestService } from '../../domain/ingest.js';
import type { Clock, EventBus, Store } from '../../domain/ports.js';
import type { BlobStore } from './blob-store.js';
import { recordStatus } from '../../domain/delivery-receipts.js';
import { isDeliveryReport, matchDeliveryReport, readDeliveryReport, type DeliveryReport, type ReportResult } from './dsn.js';
import type { ParsedMail } from 'mailparser';
import { checkMimeBounds, describeViolation } from './mime-bounds.js';
import { mailToInbound, parseMail, UnfileableMailError } from './email-normalize.js';

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

/** How SMTP words a permanent refusal (RFC 5321 reply code, RFC 3463 enhanced status). */
export interface PermanentReply {
  code: 550 | 552 | 554;
  status: `5.${number}.${number}`;
}

/** The message can never be filed: answer 5xx (SMTP) or skip it (IMAP) rather than retry. */
export class PermanentMailError extends Error {
  constructor(
    message: string,
    readonly reply: PermanentReply = { code: 550, status: '5.6.0' },
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Refuses, before any parsing, a structure the parser would spend itself on, then parses. */
async function parseBounded(raw: Buffer): Promise<ParsedMail> {
  const violation = checkMimeBounds(raw);
  if (violation) {
    // Sizes are "too big for the system" (552 5.3.4); shapes are media errors (554 5.6.0).
    const reply: PermanentReply = violation.kind.startsWith('header') ? { code: 552, status: '5.3.4' } : { code: 554, status: '5.6.0' };
    throw new PermanentMailError(describeViolation(violation), reply);
  }
  try {
    return await parseMail(raw);
  } catch (err) {
    // The same bytes fail the same way on every retry.
    throw new PermanentMailError(`the message cannot be parsed (${err instanceof Error ? err.message : String(err)})`, { code: 554, status: '5.6.0' }, { cause: err });
  }
}

/** A bounce or a delivery notice: journaled on the message it is about, like a provider's receipt. */
async function recordDeliveryReport(report: DeliveryReport, deps: InboundMailDeps): Promise<ReportResult> {
  const match = await matchDeliveryReport(report, deps);
  if (match.kind !== 'receipt') return match;
  // A repeated report, or a success notice after a failure, changes nothing.
  const outcome = await recordStatus(deps, match.message, match.update, 'email delivery report');
  return outcome === 'applied' ? { kind: 'applied', message: match.message, status: match.update.status } : { kind: 'unchanged', message: match.message };
}

export async function receiveMail(raw: Buffer, deps: InboundMailDeps): Promise<MailResult> {
  const mail = await parseBounded(raw);
  if (isDeliveryReport(mail.headers.get('content-type'))) {
    const report = readDeliveryReport(mail);
    if (report) return { kind: 'report', result: await recordDeliveryReport(report, deps) };
  }
  try {
    const inbound = await mailToInbound(mail, deps);
    const result = await deps.ingest.ingest(inbound);
    return { kind: 'filed', messageId: result.message.id, duplicate: result.status === 'duplicate' };
  } catch (err) {
    // A request the pipeline refuses (no usable sender, malformed address) will be refused again.
    if (err instanceof UnfileableMailError || (err instanceof DomainError && err.code === 'bad_request')) {
      throw new PermanentMailError(err.message, undefined, { cause: err });
    }
    throw err;
  }
}
