import { z } from 'zod';
import type { Attachment, InboundMessage } from '../../../../shared/index.js';
import type { Receipt } from '../../../domain/delivery-receipts.js';

// Meta's webhook payloads as Guichet reads them: Messenger and Instagram send `entry[].messaging[]`
// events; the WhatsApp Cloud API sends `entry[].changes[].value` with `messages[]` (from a citizen)
// and `statuses[]` (receipts of what we sent). Schemas are lenient: unknown fields are dropped, and
// an item that does not parse is set aside with a reason rather than failing its whole delivery.

const Entry = z.object({
  id: z.string().optional(),
  messaging: z.array(z.unknown()).optional(),
  changes: z.array(z.unknown()).optional(),
});
export const MetaPayload = z.object({ object: z.string(), entry: z.array(Entry) });

const MessagingEvent = z.object({
  sender: z.object({ id: z.string().min(1) }),
  recipient: z.object({ id: z.string() }).optional(),
  timestamp: z.number().optional(),
  message: z
    .object({
      mid: z.string().min(1),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      is_unsupported: z.boolean().optional(),
      attachments: z
        .array(z.object({ type: z.string(), payload: z.object({ url: z.string().optional(), title: z.string().optional() }).nullish() }))
        .optional(),
    })
    .optional(),
  delivery: z.object({ mids: z.array(z.string()).optional() }).optional(),
});

const WaMedia = z.object({
  id: z.string().optional(),
  mime_type: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});
const WaMessage = z.object({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: WaMedia.optional(),
  video: WaMedia.optional(),
  audio: WaMedia.optional(),
  voice: WaMedia.optional(),
  document: WaMedia.optional(),
  sticker: WaMedia.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }).optional(),
  button: z.object({ text: z.string() }).optional(),
  interactive: z
    .object({ button_reply: z.object({ title: z.string() }).optional(), list_reply: z.object({ title: z.string() }).optional() })
    .optional(),
});
const WaStatus = z.object({
  id: z.string().min(1),
  status: z.string(),
  errors: z
    .array(z.object({ code: z.number().optional(), title: z.string().optional(), message: z.string().optional(), error_data: z.object({ details: z.string().optional() }).optional() }))
    .optional(),
});
const WaValue = z.object({
  contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string().optional() }).optional() })).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});
const WaChange = z.object({ field: z.string().optional(), value: z.unknown() });

export interface MetaBatch {
  messages: InboundMessage[];
  receipts: Receipt[];
  /** What was set aside and why, for the log. */
  ignored: string[];
}

const MEDIA_TYPES = ['image', 'video', 'audio', 'voice', 'document', 'sticker'] as const;

function isoFromMs(ms: number | undefined): string | undefined {
  return ms !== undefined && Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function messagingAttachment(a: { type: string; payload?: { url?: string | undefined; title?: string | undefined } | null | undefined }): Attachment {
  const url = a.payload?.url;
  const fromUrl = url ? decodeURIComponent(new URL(url, 'https://x').pathname.split('/').pop() ?? '') : '';
  return { name: (a.payload?.title ?? fromUrl) || a.type, contentType: `${a.type === 'file' ? 'application' : a.type}/*`.slice(0, 255), size: 0 };
}

function normalizeMessaging(channel: 'messenger' | 'instagram', raw: unknown, batch: MetaBatch): void {
  const parsed = MessagingEvent.safeParse(raw);
  if (!parsed.success) {
    batch.ignored.push(`${channel}: unreadable messaging event`);
    return;
  }
  const event = parsed.data;
  for (const mid of event.delivery?.mids ?? []) batch.receipts.push({ channel, providerMessageId: mid, status: 'delivered' });
  const message = event.message;
  if (!message) return;
  // Echoes are the page's own messages (ours included): they are already in the timeline.
  if (message.is_echo) return;
  if (message.is_deleted || message.is_unsupported) {
    batch.ignored.push(`${channel}: ${message.is_deleted ? 'deleted' : 'unsupported'} message ${message.mid}`);
    return;
  }
  const attachments = (message.attachments ?? []).map(messagingAttachment);
  const providerAt = isoFromMs(event.timestamp);
  batch.messages.push({
    channel,
    externalId: message.mid,
    // A page-scoped id: Meta gives no name or number in the webhook.
    // Meta signs the webhook and names the account it comes from.
    from: { kind: channel, value: event.sender.id, level: 'channel' },
    text: message.text ?? '',
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(providerAt ? { providerAt } : {}),
  });
}

function whatsappText(m: z.output<typeof WaMessage>): { text: string; attachments: Attachment[] } {
  if (m.text) return { text: m.text.body, attachments: [] };
  if (m.button) return { text: m.button.text, attachments: [] };
  const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
  if (reply) return { text: reply.title, attachments: [] };
  if (m.location) {
    const { latitude, longitude, name, address } = m.location;
    return { text: [name, address, `${latitude}, ${longitude}`].filter(Boolean).join(' — '), attachments: [] };
  }
  for (const type of MEDIA_TYPES) {
    const media = m[type];
    if (!media) continue;
    // The file itself stays on Meta's side (a Graph media id); its metadata is kept.
    const name = (media.filename ?? `${type}${media.id ? `-${media.id}` : ''}`).slice(0, 255);
    return { text: media.caption ?? '', attachments: [{ name, contentType: (media.mime_type ?? 'application/octet-stream').slice(0, 255), size: 0 }] };
  }
  return { text: '', attachments: [] };
}

function receiptReason(errors: z.output<typeof WaStatus>['errors']): string | undefined {
  const e = errors?.[0];
  if (!e) return undefined;
  const detail = e.error_data?.details ?? e.message;
  return [e.title, detail].filter(Boolean).join(': ') + (e.code !== undefined ? ` (${e.code})` : '');
}

function normalizeWhatsapp(rawChange: unknown, batch: MetaBatch): void {
  const change = WaChange.safeParse(rawChange);
  if (!change.success || (change.data.field !== undefined && change.data.field !== 'messages')) {
    batch.ignored.push(`whatsapp: change of field ${change.success ? change.data.field : '?'} not handled`);
    return;
  }
  const value = WaValue.safeParse(change.data.value);
  if (!value.success) {
    batch.ignored.push('whatsapp: unreadable change value');
    return;
  }
  const names = new Map((value.data.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
  for (const raw of value.data.messages ?? []) {
    const parsed = WaMessage.safeParse(raw);
    if (!parsed.success) {
      batch.ignored.push('whatsapp: unreadable message');
      continue;
    }
    const m = parsed.data;
    if (m.type === 'reaction' || m.type === 'unsupported' || m.type === 'system') {
      batch.ignored.push(`whatsapp: ${m.type} ${m.id} not kept`);
      continue;
    }
    const { text, attachments } = whatsappText(m);
    const providerAt = isoFromMs(m.timestamp ? Number(m.timestamp) * 1000 : undefined);
    const name = names.get(m.from);
    batch.messages.push({
      channel: 'whatsapp',
      externalId: m.id,
      // wa_id is the number without "+": the identity is its E.164 form, the same as a phone's.
      from: { kind: 'whatsapp', value: `+${m.from.replace(/^\+/, '')}`, level: 'channel', ...(name ? { displayName: name } : {}) },
      text,
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(providerAt ? { providerAt } : {}),
    });
  }
  for (const raw of value.data.statuses ?? []) {
    const parsed = WaStatus.safeParse(raw);
    if (!parsed.success) {
      batch.ignored.push('whatsapp: unreadable status');
      continue;
    }
    const { id, status, errors } = parsed.data;
    if (status !== 'sent' && status !== 'delivered' && status !== 'read' && status !== 'failed') {
      batch.ignored.push(`whatsapp: status ${status} of ${id} not handled`);
      continue;
    }
    batch.receipts.push({ channel: 'whatsapp', providerMessageId: id, status, reason: status === 'failed' ? receiptReason(errors) : undefined });
  }
}

const MESSAGING_CHANNEL: Record<string, 'messenger' | 'instagram'> = { page: 'messenger', instagram: 'instagram' };

/** Everything a (signature-checked) Meta webhook delivery says that Guichet keeps. */
export function normalizeMetaPayload(json: unknown): MetaBatch {
  const batch: MetaBatch = { messages: [], receipts: [], ignored: [] };
  const payload = MetaPayload.safeParse(json);
  if (!payload.success) {
    batch.ignored.push('not a Meta webhook payload (object, entry[])');
    return batch;
  }
  const { object, entry } = payload.data;
  for (const e of entry) {
    if (object === 'whatsapp_business_account') {
      for (const change of e.changes ?? []) normalizeWhatsapp(change, batch);
    } else if (MESSAGING_CHANNEL[object]) {
      for (const event of e.messaging ?? []) normalizeMessaging(MESSAGING_CHANNEL[object], event, batch);
    } else {
      batch.ignored.push(`object ${object} not handled`);
    }
  }
  return batch;
}
