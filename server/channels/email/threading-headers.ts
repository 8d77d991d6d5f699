import { createHash } from 'node:crypto';
import { shortConversationRef } from '../../domain/threading.js';

// How Guichet's replies thread in a citizen's mail client, and how the citizen's answers are
// traced back: our Message-ID is derived from the Guichet message id, so it is the same on every
// retry of the same reply (the relay and the citizen's server can drop a duplicate), and it is
// recorded as the reply's externalId once sent, where In-Reply-To/References lookups find it.

const TOKEN = /\[#GUI-([0-9a-z]{4,32})\]/i;

/** The Message-ID of an outbound reply, e.g. `<msg_0mgq…@mairie.example>`. */
export function outboundMessageId(messageId: string, domain: string): string {
  return `<${messageId}@${domain}>`;
}

/** The Guichet message id inside one of our own Message-IDs, if it is one. */
export function guichetMessageIdOf(messageIdHeader: string, domain: string): string | null {
  const match = /^<(msg_[0-9a-z]+)@([^<>\s]+)>$/i.exec(messageIdHeader.trim());
  return match && match[2]!.toLowerCase() === domain.toLowerCase() ? match[1]! : null;
}

/** `[#GUI-3F9A12BC]`: survives the citizen's mail client when headers do not (forwards, webmails). */
export function subjectToken(conversationId: string): string {
  return `[#GUI-${shortConversationRef(conversationId).toUpperCase()}]`;
}

export function withSubjectToken(subject: string, conversationId: string): string {
  const token = subjectToken(conversationId);
  return subject.includes(token) ? subject : `${subject} ${token}`.trim();
}

/** The conversation reference quoted in a subject, if any. */
export function subjectTokenRef(subject: string | undefined): string | undefined {
  return subject ? TOKEN.exec(subject)?.[1]?.toLowerCase() : undefined;
}

/** Message-IDs of a header value (`<a@x> <b@y>`, or the array mailparser makes of it), in order. */
export function messageIdList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const ids = text.match(/<[^<>\s]+>/g);
  if (ids) return ids;
  // A bare id without brackets (seen from some web forms): keep it in canonical form.
  const bare = text.trim();
  return bare && !/\s/.test(bare) ? [`<${bare}>`] : [];
}

/**
 * A stable Message-ID for a message that came without one, from what a retry keeps identical (the
 * trace headers an MTA adds on each hop are left out), so the retry is recognised as a duplicate.
 */
export function syntheticMessageId(parts: readonly (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return `<generated-${hash.digest('hex').slice(0, 40)}@guichet.invalid>`;
}

// RFC 5322 §3.6.4 lets References be trimmed; keep the thread's root and the newest ids.
const MAX_REFERENCES = 20;

/** In-Reply-To and References for a reply that follows these earlier message ids (oldest first). */
export function replyHeaders(thread: readonly string[]): { inReplyTo?: string; references?: string[] } {
  const ids = [...new Set(thread)];
  const parent = ids.at(-1);
  if (!parent) return {};
  const references = ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  return { inReplyTo: parent, references };
}
