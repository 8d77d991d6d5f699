import { z } from 'zod';
import { Attachment, CallDetails, Channel, EidasLevel, IdentityKind, IdentityLevel, Priority } from './model.js';

/**
 * How sure the channel is of an identity (shared/identity-levels.ts): `level`, with `eidas` for a
 * FranceConnect assertion. `verified` is the format before levels, still accepted (true is
 * `channel`, false `unverified`); `level` wins when both are given. Neither means `unverified`.
 */
const IdentityAssurance = {
  level: IdentityLevel.optional(),
  eidas: EidasLevel.optional(),
  verified: z.boolean().optional(),
};

/**
 * What every channel adapter hands to the ingest pipeline, whatever its protocol.
 * `externalId` is the provider's id of the message (SMTP Message-ID, Meta mid, Twilio CallSid...):
 * the pair (channel, externalId) is the idempotency key, so provider retries are absorbed.
 */
export const InboundMessage = z
  .object({
    channel: Channel,
    externalId: z.string().min(1).max(512),
    from: z.object({
      kind: IdentityKind,
      value: z.string().min(1).max(320),
      displayName: z.string().max(200).optional(),
      ...IdentityAssurance,
    }),
    /** Further identities the channel vouches for (e.g. the email typed in a web-chat pre-chat form). */
    alsoKnownAs: z
      .array(z.object({ kind: IdentityKind, value: z.string().min(1).max(320), ...IdentityAssurance }))
      .max(10)
      .optional(),
    subject: z.string().max(998).optional(),
    text: z.string().max(100_000),
    html: z.string().max(1_000_000).optional(),
    attachments: z.array(Attachment).max(50).optional(),
    kind: z.enum(['text', 'call']).default('text'),
    call: CallDetails.optional(),
    providerAt: z.iso.datetime({ offset: true }).optional(),
    priority: Priority.optional(),
    /**
     * Threading hints, tried before "the citizen's active conversation" (server/domain/threading.ts):
     * provider ids of the messages this one answers (email In-Reply-To, then References oldest
     * first) and a conversation reference the citizen quoted back (the subject token). Only the
     * sender's own conversations are ever matched: a hint cannot file a message under someone else.
     */
    inReplyTo: z.string().min(1).max(998).optional(),
    references: z.array(z.string().min(1).max(998)).max(100).optional(),
    conversationRef: z.string().min(1).max(64).optional(),
  })
  .refine((m) => m.kind !== 'call' || m.call !== undefined, {
    message: 'a call needs its call details',
    path: ['call'],
  });
export type InboundMessage = z.input<typeof InboundMessage>;
export type ParsedInboundMessage = z.output<typeof InboundMessage>;
