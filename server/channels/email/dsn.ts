import type { DeliveryStatus, Message } from '../../../shared/index.js';
import type { StatusUpdate } from '../../domain/delivery-status.js';
import type { Store } from '../../domain/ports.js';
import { guichetMessageIdOf, messageIdList } from './threading-headers.js';

// Delivery Status Notifications (RFC 3464): a relay that could not deliver one of our replies
// sends it back as multipart/report; report-type=delivery-status, with a machine-readable
// message/delivery-status part and the returned message (or its headers).

export interface RecipientReport {
  recipient: string;
  /** failed | delayed | delivered | relayed | expanded */
  action: string;
  status?: string;
  diagnostic?: string;
}

export interface DeliveryReport {
  /** Message-ID of the message the report is about, from the returned headers. */
  originalMessageId: string | null;
  recipients: RecipientReport[];
}

/** The Content-Type as mailparser structures it. */
export interface ContentType {
  value: string;
  params: Record<string, string>;
}

function contentTypeOf(value: unknown): ContentType | undefined {
  if (typeof value !== 'object' || value === null || !('value' in value) || !('params' in value)) return undefined;
  return typeof value.value === 'string' && typeof value.params === 'object' && value.params !== null ? (value as ContentType) : undefined;
}

/** True when a parsed mail's top-level Content-Type (`headers.get('content-type')`) is a delivery-status report. */
export function isDeliveryReport(contentTypeHeader: unknown): boolean {
  const contentType = contentTypeOf(contentTypeHeader);
  if (!contentType || contentType.value.toLowerCase() !== 'multipart/report') return false;
  const reportType = (contentType.params['report-type'] ?? '').toLowerCase();
  return reportType === 'delivery-status' || reportType === 'global-delivery-status';
}

/** Unfolds a header block into lower-cased names; the first occurrence of a name wins. */
function parseFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

function splitHeaderBody(text: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text, body: '' };
  return { head: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

/** Strips the address/diagnostic type prefix: "rfc822; a@b" → "a@b", "smtp; 550 …" → "550 …". */
function typed(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim();
}

/** The parts of a parsed mail a report is read from (mailparser with `keepDeliveryStatus`). */
export interface ReportParts {
  attachments: readonly { contentType: string; content: Buffer }[];
}

/** Reads a delivery report out of a parsed multipart/report; null when it has no status part. */
export function readDeliveryReport(mail: ReportParts): DeliveryReport | null {
  const partOf = (types: readonly string[]) => mail.attachments.find((a) => types.includes(a.contentType.toLowerCase()));
  const status = partOf(['message/delivery-status', 'message/global-delivery-status']);
  if (!status) return null;
  // Per-message fields, then one block per recipient, separated by blank lines.
  const blocks = status.content.toString('utf8').split(/\r?\n[ \t]*\r?\n/).map(parseFields);
  const recipients: RecipientReport[] = [];
  for (const block of blocks.slice(1)) {
    const recipient = typed(block.get('final-recipient') ?? block.get('original-recipient'));
    const action = block.get('action')?.toLowerCase();
    if (!recipient || !action) continue;
    const statusCode = block.get('status');
    const diagnostic = typed(block.get('diagnostic-code'));
    recipients.push({ recipient, action, ...(statusCode ? { status: statusCode } : {}), ...(diagnostic ? { diagnostic } : {}) });
  }
  const returned = partOf(['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']);
  const returnedHeaders = returned ? parseFields(splitHeaderBody(returned.content.toString('utf8')).head) : null;
  const originalMessageId = messageIdList(returnedHeaders?.get('message-id')).at(0) ?? null;
  return { originalMessageId, recipients };
}

/** What a report means for our message: failed with the relay's words, delivered, or nothing yet. */
export function outcomeOf(report: DeliveryReport): { status: Extract<DeliveryStatus, 'failed' | 'delivered'>; reason?: string } | null {
  const failed = report.recipients.find((r) => r.action === 'failed');
  if (failed) {
    const reason = [failed.status, failed.diagnostic ?? `delivery to ${failed.recipient} failed`].filter(Boolean).join(' — ');
    return { status: 'failed', reason: reason.slice(0, 2000) };
  }
  // "delayed" means the relay is still trying: the message stays as it is.
  if (report.recipients.some((r) => r.action === 'delivered')) return { status: 'delivered' };
  return null;
}

export interface MatchReportDeps {
  store: Pick<Store, 'findMessageByExternalId' | 'getMessage'>;
  /** Domain of our Message-IDs, to find a reply whose "sent" status was never journaled. */
  messageIdDomain: string;
}

export type ReportResult =
  | { kind: 'applied'; message: Message; status: DeliveryStatus }
  | { kind: 'unchanged'; message: Message }
  | { kind: 'unmatched'; originalMessageId: string | null };

/** The report as a receipt: the outbound message it is about and what it says of its delivery. */
export type ReportMatch =
  | { kind: 'receipt'; message: Message; update: StatusUpdate }
  | Extract<ReportResult, { kind: 'unchanged' | 'unmatched' }>;

/**
 * Finds the outbound message a delivery report is about and reads its outcome; the domain
 * journals it (delivery-receipts.ts recordStatus), as it does every channel's receipts.
 */
export async function matchDeliveryReport(report: DeliveryReport, deps: MatchReportDeps): Promise<ReportMatch> {
  const { store } = deps;
  const id = report.originalMessageId;
  if (!id) return { kind: 'unmatched', originalMessageId: null };
  let message = await store.findMessageByExternalId('email', id);
  if (!message || message.direction !== 'outbound') {
    // A crash between the relay's 250 and the "sent" journal entry leaves no externalId yet; our
    // Message-ID still names the message.
    const own = guichetMessageIdOf(id, deps.messageIdDomain);
    message = own ? await store.getMessage(own) : null;
  }
  if (!message || message.direction !== 'outbound' || message.channel !== 'email') return { kind: 'unmatched', originalMessageId: id };
  const outcome = outcomeOf(report);
  if (!outcome) return { kind: 'unchanged', message };
  return {
    kind: 'receipt',
    message,
    update: {
      status: outcome.status,
      reason: outcome.reason,
      ...(outcome.status === 'failed' ? { failure: 'undeliverable' as const } : {}),
      ...(message.externalId === undefined ? { providerMessageId: id } : {}),
    },
  };
}
