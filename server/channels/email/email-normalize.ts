import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Attachment, InboundMessage } from '../../../shared/index.js';
import type { BlobStore } from './blob-store.js';
import { messageIdList, subjectTokenRef, syntheticMessageId } from './threading-headers.js';

// A raw RFC 5322 message as Guichet reads it (the email counterpart of meta-normalize.ts and
// telegram-normalize.ts): MIME-parsed by mailparser, then turned into the shared InboundMessage
// (sender, threading references, text and sanitised HTML, attachments to the blob store).

// Limits of InboundMessage (shared/inbound.ts): what does not fit is cut here, with a visible
// marker, rather than refused; the citizen's message must get in.
const MAX_TEXT = 100_000;
const MAX_HTML = 1_000_000;
const MAX_ATTACHMENTS = 50;
const MAX_REFERENCES = 100;
const TRUNCATED = '\n\n[…] (message tronqué / message truncated)';

/** The message cannot be filed whatever the retries (no sender): the SMTP answer is a 5xx. */
export class UnfileableMailError extends Error {}

export function parseMail(raw: Buffer): Promise<ParsedMail> {
  // keepDeliveryStatus: a bounce's machine-readable part stays an attachment (see dsn.ts).
  return simpleParser(raw, { keepDeliveryStatus: true, skipTextToHtml: true });
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): { address: string; name: string } | undefined {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  for (const object of objects) {
    for (const entry of object.value) {
      if (entry.address) return { address: entry.address, name: entry.name };
      const member = entry.group?.find((g) => g.address);
      if (member?.address) return { address: member.address, name: member.name };
    }
  }
  return undefined;
}

/**
 * Who the citizen is: Reply-To when there is one (a town's web form sends From: no-reply with
 * Reply-To: the visitor, and filing every form under "no-reply" would merge strangers), else From.
 */
export function senderOf(mail: Pick<ParsedMail, 'from' | 'replyTo'>): { address: string; name: string } | undefined {
  return firstAddress(mail.replyTo) ?? firstAddress(mail.from);
}

export interface ToInboundOptions {
  blobs: BlobStore;
  /** Larger attachments are listed (name, type, size) but their bytes are not kept. */
  attachmentMaxBytes: number;
  /** Cleans the HTML before its size is checked; ingest cleans again. */
  sanitizeHtml: (html: string) => string;
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - TRUNCATED.length) + TRUNCATED : text;
}

/** Normalises a parsed email into the ingest pipeline's shape, storing its attachments first. */
export async function mailToInbound(mail: ParsedMail, options: ToInboundOptions): Promise<InboundMessage> {
  const sender = senderOf(mail);
  if (!sender) throw new UnfileableMailError('no sender address (From or Reply-To)');
  const subject = mail.subject?.trim().slice(0, 998) || undefined;
  const text = clip((mail.text ?? '').trim(), MAX_TEXT);
  const cleaned = mail.html ? options.sanitizeHtml(mail.html) : '';
  // Too large even when cleaned: the text part stands in for it.
  const html = cleaned && cleaned.length <= MAX_HTML ? cleaned : undefined;

  const attachments: Attachment[] = [];
  for (const part of mail.attachments) {
    if (attachments.length >= MAX_ATTACHMENTS) break;
    // Inline images were turned into data: URLs inside the HTML; list them only if it was dropped.
    if (part.related && html !== undefined) continue;
    const content: Buffer = part.content;
    const kept = part.size <= options.attachmentMaxBytes;
    attachments.push({
      name: (part.filename ?? 'piece-jointe').slice(0, 255),
      contentType: (part.contentType || 'application/octet-stream').slice(0, 255),
      size: part.size,
      ...(kept ? { blobId: await options.blobs.put(content) } : {}),
    });
  }

  const messageId =
    messageIdList(mail.messageId).at(0) ??
    syntheticMessageId([
      // Raw header lines: mailparser replaces a missing or invalid Date with "now".
      ...['from', 'reply-to', 'to', 'date', 'subject'].map((key) => mail.headerLines.find((l) => l.key === key)?.line ?? ''),
      mail.text ?? '',
      mail.html || '',
      ...mail.attachments.map((a) => a.checksum),
    ]);
  const inReplyTo = messageIdList(mail.inReplyTo).at(0);
  const references = messageIdList(mail.references).slice(-MAX_REFERENCES);
  const conversationRef = subjectTokenRef(subject);
  const providerAt = mail.date && mail.headers.has('date') ? mail.date.toISOString() : undefined;

  return {
    channel: 'email',
    externalId: messageId.slice(0, 512),
    // The SMTP sender (as the receiving server accepted it) is what the channel proves; a Reply-To
    // is only what someone typed (a web form's visitor), so it stays unverified.
    from: { kind: 'email', value: sender.address, level: firstAddress(mail.replyTo) ? 'unverified' : 'channel', ...(sender.name ? { displayName: sender.name.slice(0, 200) } : {}) },
    ...(subject ? { subject } : {}),
    text,
    ...(html ? { html } : {}),
    ...(attachments.length ? { attachments } : {}),
    ...(providerAt ? { providerAt } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references.length ? { references } : {}),
    ...(conversationRef ? { conversationRef } : {}),
  };
}
